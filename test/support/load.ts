import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { admissionPathUpTo, DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import type { LocalDate } from '@workflows/common/local-date';
import { nextNationalId } from './national-ids';
import type { ActorTokens } from './path-driver';
import type { TestApp } from './test-app';

/** What a load saw from the outside, and the answers it was given per dossier. */
export class LoadTally {
  requests = 0;
  acknowledged = 0;
  /** `503 DATABASE_UNAVAILABLE` answers: PostgreSQL was away, the client may send the request again. */
  unavailable = 0;
  /** Any other answer ≥ 500: a bug. */
  serverErrors: { status: number; body: unknown }[] = [];
  /** Versions acknowledged (200/201) per dossier: each must be in the event log once. */
  readonly versions = new Map<string, number[]>();

  count(status: number, body: { code?: string; id?: string; version?: number }) {
    this.requests += 1;
    if (status === 200 || status === 201) {
      this.acknowledged += 1;
      if (body.id && body.version) this.versions.set(body.id, [...(this.versions.get(body.id) ?? []), body.version]);
    } else if (status === 503 && body.code === 'DATABASE_UNAVAILABLE') {
      this.unavailable += 1;
    } else if (status >= 500) {
      this.serverErrors.push({ status, body });
    }
  }

  /** Acknowledged events missing from the log (lost), and events stored more than once (duplicated). */
  async audit(db: DataSource): Promise<{ lost: number; duplicated: number }> {
    const ids = [...this.versions.keys()];
    const stored: { dossierId: string; seq: number }[] = await db.query(
      `SELECT dossier_id AS "dossierId", seq FROM dossier_events WHERE dossier_id = ANY($1)`,
      [ids],
    );
    const present = new Set(stored.map((row) => `${row.dossierId}/${row.seq}`));
    let lost = 0;
    for (const [id, versions] of this.versions) lost += versions.filter((v) => !present.has(`${id}/${v}`)).length;
    // A step retried after a 503 carries its Idempotency-Key: the same actor, type, date and payload twice is a copy.
    const [{ duplicated }] = await db.query(
      `SELECT (count(*) - count(DISTINCT (dossier_id, actor_id, type, occurred_on, payload::text)))::int AS duplicated
       FROM dossier_events WHERE dossier_id = ANY($1)`,
      [ids],
    );
    return { lost, duplicated };
  }

  figures(extra: Record<string, number> = {}) {
    return {
      requests: this.requests,
      acknowledged: this.acknowledged,
      unavailable503: this.unavailable,
      serverErrors5xx: this.serverErrors.length,
      ...extra,
    };
  }
}

/**
 * One client recording a dossier's path up to `lastType` on `lastOn`, as a specialist would after the fact.
 * A 503 is retried with the same Idempotency-Key, as a careful client does, until `until` (epoch ms).
 */
export async function drivePath(
  t: TestApp,
  tokens: ActorTokens,
  tally: LoadTally,
  options: { lastType: string; lastOn: LocalDate; fullName: string; until?: number },
): Promise<void> {
  const { start, steps } = admissionPathUpTo(options.lastType, options.lastOn, options.fullName);
  const until = options.until ?? Number.POSITIVE_INFINITY;
  const send = async (path: string, token: string, body: object) => {
    const key = randomUUID();
    for (;;) {
      const response = await t
        .http()
        .post(path)
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', key)
        .send(body);
      tally.count(response.status, response.body);
      if (response.status !== 503 || Date.now() > until) return response;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const created = await send('/api/dossiers', tokens.cell, {
    cellId: t.tree.cell,
    candidate: { ...DEMO_CANDIDATE, fullName: options.fullName, nationalId: nextNationalId() },
    occurredOn: start,
  });
  if (created.status !== 201) return;
  for (const step of steps) {
    const response = await send(`/api/dossiers/${created.body.id}/events`, tokens[step.actor], step.event);
    if (response.status !== 200) return;
  }
}
