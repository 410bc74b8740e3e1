import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) of a PostgreSQL backend, or NaN if it is gone. */
function backendSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export interface StatementCost {
  statement: string;
  count: number;
  /** Seconds of the backend's CPU, and of wall time from sending to the answer. */
  cpu: number;
  wall: number;
}

/**
 * Where PostgreSQL's CPU goes, by kind of statement: the backend's CPU time is read from /proc before and after each
 * statement (a connection runs one at a time, so the difference is that statement's). The clock ticks every 10 ms,
 * so one statement reads 0 or 10 ms: only the means over thousands are meaningful. A diagnostic: it costs two file
 * reads per statement on the client's thread.
 */
export class SqlProfile {
  private readonly costs = new Map<string, StatementCost>();

  async measure<T>(pid: number | null | undefined, text: string, run: () => Promise<T>): Promise<T> {
    if (!pid) return run();
    const cpu = backendSeconds(pid);
    const started = performance.now();
    try {
      return await run();
    } finally {
      const statement = kindOf(text);
      const cost = this.costs.get(statement) ?? { statement, count: 0, cpu: 0, wall: 0 };
      cost.count += 1;
      cost.cpu += backendSeconds(pid) - cpu || 0;
      cost.wall += (performance.now() - started) / 1000;
      this.costs.set(statement, cost);
    }
  }

  snapshot(): StatementCost[] {
    return [...this.costs.values()].map((cost) => ({ ...cost }));
  }
}

/** A statement's first words, with its parameters' numbers and its whitespace folded: its kind. */
export function kindOf(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > 90 ? `${folded.slice(0, 87)}...` : folded;
}

/** Rows of µs of backend CPU and of wall time per transition, by statement, the most expensive first. */
export function sqlProfileTable(title: string, costs: StatementCost[], transitions: number): string[] {
  const total = costs.reduce((sum, cost) => sum + cost.cpu, 0);
  const rows = [...costs]
    .sort((a, b) => b.cpu - a.cpu)
    .map(
      (cost) =>
        `  ${((cost.cpu * 1e6) / transitions).toFixed(0).padStart(6)} µs ${((cost.wall * 1e6) / transitions)
          .toFixed(0)
          .padStart(6)} µs ${(cost.count / transitions).toFixed(2).padStart(5)}×  ${cost.statement}`,
    );
  return [
    `${title}: PostgreSQL CPU per transition ${((total * 1e6) / transitions).toFixed(0)} µs (backend CPU, wall, count)`,
    ...rows,
  ];
}
