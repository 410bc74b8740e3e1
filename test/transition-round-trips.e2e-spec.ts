import { DataSource, type QueryRunner } from 'typeorm';
import {
  DOSSIER_COLUMNS,
  DossierEngine,
  WorkflowRegistry,
  type Actor,
  type DeadlineChange,
  type DossierRecord,
} from '@libs/engine';
import { OrganizationsService } from '../apps/api/src/organizations/organizations.service';
import { dossierBefore, pathActors, stepOf, type Tokens } from './support/dossier-helpers';
import { traceConnection, WRITE } from './support/connection-trace';
import { startTestApp, type TestApp } from './support/test-app';
import { testClock } from './support/test-clock';
import { eventually } from './support/waiting';

/**
 * A transition's transaction: BEGIN with the lock (which reads the deadline rows too), then the store statement, the
 * deadline sync and COMMIT together (dossier-engine.ts, pipeline.ts).
 */
describe('the round trips of a transition', () => {
  let t: TestApp;
  let tokens: Tokens;
  let db: DataSource;
  let engine: DossierEngine;
  let actor: Actor;
  const committed: DeadlineChange[][] = [];

  beforeAll(async () => {
    t = await startTestApp('round-trips');
    tokens = await pathActors(t, 'rt');
    db = t.app.get(DataSource);
    engine = new DossierEngine(db, t.app.get(WorkflowRegistry), testClock(), (_id, changes) => {
      committed.push(changes);
    });
    const [cell] = await db.query(`SELECT id FROM users WHERE username = 'rt-bithu'`);
    actor = { id: cell.id, username: 'rt-bithu', roles: ['cellSecretary'] };
  });
  afterAll(() => t.close());

  /** The dossier's deadline rows in the order the API lists them. */
  const deadlinesOf = (id: string) =>
    db.query(
      `SELECT id, kind, status, due_on AS "dueOn" FROM deadlines WHERE dossier_id = $1 ORDER BY created_at, kind`,
      [id],
    );

  /** A step of the path as the engine takes it. */
  const eventOf = (type: string) => {
    const { occurredOn, type: _type, ...payload } = stepOf(type).event;
    return { type, occurredOn, payload };
  };
  /** The ceremony (the cell's step): its deadline closes, those of the probation open. */
  const CEREMONY = 'HOLD_CEREMONY';

  /**
   * Applies an event to the dossier through the engine, tracing its connection from the lock's answer on; `judged`
   * runs once the dossier is locked, before the event is judged.
   */
  const applyTraced = async (
    dossierId: string,
    options: { type?: string; idempotencyKey?: string; judged?: () => Promise<void> } = {},
  ) => {
    const sent: string[] = [];
    let untrace = () => undefined as void;
    const { response } = await engine.apply<DossierRecord>({
      dossierId,
      actor,
      inScope: () => true,
      idempotencyKey: options.idempotencyKey,
      accept: async (record: DossierRecord, tx: QueryRunner) => {
        await options.judged?.();
        const facts = await t.app.get(OrganizationsService).admissionFacts(record.orgPath, tx);
        untrace = traceConnection(await tx.connect(), sent);
        return { event: eventOf(options.type ?? CEREMONY), facts, render: (after: DossierRecord) => after };
      },
    });
    untrace();
    return { response, sent };
  };

  it('sends the store statement, the deadline sync and COMMIT in one write after the lock', async () => {
    const dossier = await dossierBefore(t, tokens, CEREMONY);
    committed.length = 0;
    const { response, sent } = await applyTraced(dossier.id);

    const [changes] = committed;
    expect(changes.map((change) => change.change)).toEqual(['closed', 'opened', 'opened', 'opened']);
    const sync = changes.map((change) => (change.change === 'closed' ? 'deadlines.close' : 'deadlines.open'));
    // A new row is listed where the database sorts it: the rows are read again, in the same write.
    // (Before it, at most the stored policies, read again once a second.)
    expect(sent.slice(sent.indexOf('engine.store'))).toEqual([
      'engine.store',
      ...sync,
      'deadlines.all',
      'COMMIT',
      WRITE,
    ]);
    const rows = await deadlinesOf(dossier.id);
    expect(response.version).toBe(dossier.version + 1);
    // The answer is the dossier as stored, though the store statement no longer reads it back.
    const [stored] = await db.query(`SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE id = $1`, [dossier.id]);
    const { deadlines: _deadlines, ...answered } = response;
    expect(JSON.parse(JSON.stringify(answered))).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(response.deadlines.map(({ id, kind, status, dueOn }) => ({ id, kind, status, dueOn }))).toEqual(rows);
    for (const { change, deadline } of changes)
      expect(rows).toContainEqual(
        expect.objectContaining({ id: deadline.id, status: change === 'closed' ? 'done' : 'open' }),
      );
  });

  it('with an Idempotency-Key, stores the answer it replays with COMMIT, after the sync', async () => {
    const dossier = await dossierBefore(t, tokens, CEREMONY);
    // The stored policies are read again in the transaction, as they are once a second.
    engine.policiesChanged('admission');
    const first = await applyTraced(dossier.id, { idempotencyKey: 'le-ket-nap' });

    expect(first.sent.filter((sent) => sent === 'COMMIT')).toHaveLength(1);
    expect(first.sent.at(-3)).toMatch(/^INSERT INTO idempotency_keys/);
    expect(first.sent.slice(-3)).toEqual([first.sent.at(-3), 'COMMIT', WRITE]);
    // The store and the sync went in one write of their own before it (before them, the key's lookup and, once a
    // second, the stored policies).
    const fromStore = first.sent.slice(first.sent.indexOf('engine.store'));
    expect(fromStore.filter((sent) => sent === WRITE)).toHaveLength(2);
    const replay = await engine.apply<DossierRecord>({
      dossierId: dossier.id,
      actor,
      inScope: () => true,
      idempotencyKey: 'le-ket-nap',
      accept: () => ({
        event: eventOf(CEREMONY),
        facts: undefined,
        render: (after: DossierRecord) => after,
      }),
    });
    expect(replay.replayed).toBe(true);
    expect(JSON.parse(JSON.stringify(replay.response))).toEqual(JSON.parse(JSON.stringify(first.response)));
    expect(first.response.deadlines.map(({ id, kind, status, dueOn }) => ({ id, kind, status, dueOn }))).toEqual(
      await deadlinesOf(dossier.id),
    );
  });

  it('fails inside PostgreSQL, before its COMMIT, when the store misses the version the event was judged against', async () => {
    const dossier = await dossierBefore(t, tokens, CEREMONY);
    const before = {
      events: await db.query(`SELECT seq FROM dossier_events WHERE dossier_id = $1 ORDER BY seq`, [dossier.id]),
      deadlines: await deadlinesOf(dossier.id),
    };
    // Under the lock, the row's version moves away from the one the engine read (the lock makes this impossible
    // otherwise): the event's seq would be free, so only the store statement itself can refuse.
    const applying = engine.apply<DossierRecord>({
      dossierId: dossier.id,
      actor,
      inScope: () => true,
      accept: async (record: DossierRecord, tx: QueryRunner) => {
        await tx.query(`UPDATE dossiers SET version = version + 7 WHERE id = $1`, [record.id]);
        const facts = await t.app.get(OrganizationsService).admissionFacts(record.orgPath, tx);
        return { event: eventOf(CEREMONY), facts, render: (after: DossierRecord) => after };
      },
    });

    await expect(applying).rejects.toThrow(/"seq"/);
    const [row] = await db.query(`SELECT version, state FROM dossiers WHERE id = $1`, [dossier.id]);
    expect(row).toEqual({ version: dossier.version, state: dossier.state });
    expect(await db.query(`SELECT seq FROM dossier_events WHERE dossier_id = $1 ORDER BY seq`, [dossier.id])).toEqual(
      before.events,
    );
    expect(await deadlinesOf(dossier.id)).toEqual(before.deadlines);
  });

  it('reads the deadline rows again when another transition committed while it waited for the lock', async () => {
    const dossier = await dossierBefore(t, tokens, 'ISSUE_DECISION');
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => undefined as void;
    const first = applyTraced(dossier.id, {
      type: 'ISSUE_DECISION',
      judged: () => {
        locked();
        return held;
      },
    });
    await new Promise<void>((resolve) => (locked = resolve));
    // The ceremony's lock statement starts while the decision holds the dossier, and waits for it.
    const second = applyTraced(dossier.id);
    await eventually(async () => {
      const [waiting] = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return waiting.n === 1;
    });
    release();
    await first;
    const { response, sent } = await second;

    // The decision opened the ceremony's deadline after the waiting statement's snapshot: read again, then closed.
    expect(sent).toContain('deadlines.all');
    expect(sent.indexOf('deadlines.all')).toBeLessThan(sent.indexOf('engine.store'));
    const rows = await db.query(`SELECT kind, status FROM deadlines WHERE dossier_id = $1 ORDER BY created_at, kind`, [
      dossier.id,
    ]);
    expect(
      rows.filter((row: { status: string }) => row.status === 'open').map((row: { kind: string }) => row.kind),
    ).not.toContain('ceremony');
    expect(rows).toContainEqual({ kind: 'ceremony', status: 'done' });
    expect(response.version).toBe(dossier.version + 2);
    expect(response.deadlines.map(({ kind, status }) => ({ kind, status }))).toEqual(rows);
  });
});
