import { request } from 'node:http';
import { admissionPath, DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import type { ActorTokens } from './path-driver';
import { nextNationalId } from './national-ids';

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One HTTP request on a connection of its own (no keep-alive), so that a failure belongs to this request alone:
 * a refused connection (nothing listens) or one cut while in flight (the process died).
 */
export function send(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        timeout: 30_000,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The admission path from `start` up to and including the first step of type `lastType`. */
export function pathUpTo(start: string, lastType: string) {
  const steps = admissionPath(start);
  return steps.slice(0, steps.findIndex((step) => step.event.type === lastType) + 1);
}

export interface LoadFigures {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Answered 200 or 201. */
  acknowledged: number;
  serverErrors: number;
  /** Connections refused (nothing listening) or cut in flight (ECONNRESET): the client retried them. */
  connectionFailures: { at: number; code: string }[];
  /** Answers other than success, 5xx and 503-retry: none expected. */
  refused: { status: number; body: Record<string, unknown> }[];
  /** Per dossier created, how many steps of the path were acknowledged. */
  acknowledgedSteps: Map<string, number>;
  /** Acknowledgements received after `markFault()`: the clients resumed. */
  acknowledgedAfterFault: number;
}

/**
 * Clients that each take dossiers along the whole admission path, one event after the other, as cell secretaries and
 * committees would. A request that fails on the connection, or answers 503, is sent again with the same
 * Idempotency-Key until it is answered: the key makes a retry of a request that had been stored answer the stored
 * result instead of storing it twice.
 */
export class TransitionLoad {
  readonly figures: LoadFigures = {
    requests: 0,
    acknowledged: 0,
    serverErrors: 0,
    connectionFailures: [],
    refused: [],
    acknowledgedSteps: new Map(),
    acknowledgedAfterFault: 0,
  };
  private running = true;
  private faulted = false;
  private readonly clients: Promise<void>[];

  constructor(
    private readonly base: string,
    private readonly tokens: ActorTokens,
    private readonly cellId: string,
    clients: number,
    private readonly start = '2024-06-03',
    /** The last step the clients record on each dossier. */
    private readonly lastType = 'ISSUE_RECOGNITION',
  ) {
    this.clients = Array.from({ length: clients }, () => this.client());
  }

  markFault(): void {
    this.faulted = true;
  }

  /** Lets every client finish the request it is in, then answers the figures. */
  async stop(): Promise<LoadFigures> {
    this.running = false;
    await Promise.all(this.clients);
    return this.figures;
  }

  /** Sends until answered (or the load stops); answers null when stopped first. */
  private async answered(
    method: string,
    path: string,
    token: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer | null> {
    while (this.running) {
      this.figures.requests += 1;
      try {
        const answer = await send(this.base, method, path, token, body, headers);
        if (answer.status >= 500) this.figures.serverErrors += 1;
        if (answer.status !== 503) return answer;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        this.figures.connectionFailures.push({ at: Date.now(), code });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  }

  private acknowledge() {
    this.figures.acknowledged += 1;
    if (this.faulted) this.figures.acknowledgedAfterFault += 1;
  }

  private async client(): Promise<void> {
    while (this.running) {
      const created = await this.answered('POST', '/api/dossiers', this.tokens.cell, {
        cellId: this.cellId,
        candidate: { ...DEMO_CANDIDATE, nationalId: nextNationalId() },
        occurredOn: this.start,
      });
      if (!created) return;
      // A creation stored just before the API died, sent again: the person's open dossier is named in the answer.
      const storedBefore = created.status === 409 && created.body.code === 'DUPLICATE_CANDIDATE';
      if (created.status !== 201 && !storedBefore) {
        this.figures.refused.push(created);
        continue;
      }
      this.acknowledge();
      const id = (storedBefore ? created.body.dossierId : created.body.id) as string;
      this.figures.acknowledgedSteps.set(id, 0);
      const steps = pathUpTo(this.start, this.lastType);
      for (const [index, step] of steps.entries()) {
        const answer = await this.answered('POST', `/api/dossiers/${id}/events`, this.tokens[step.actor], step.event, {
          'idempotency-key': `${id}-${index}`,
        });
        if (!answer) return;
        if (answer.status !== 200) {
          this.figures.refused.push(answer);
          break;
        }
        this.acknowledge();
        this.figures.acknowledgedSteps.set(id, index + 1);
      }
    }
  }
}
