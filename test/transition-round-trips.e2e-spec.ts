import { DataSource, type QueryRunner } from 'typeorm';
import { DossierEngine, WorkflowRegistry, type Actor, type DeadlineChange, type DossierRecord } from '@libs/engine';
import { OrganizationsService } from '../apps/api/src/organizations/organizations.service';
import { dossierBefore, pathActors, stepOf, type Tokens } from './support/dossier-helpers';
import { traceConnection, WRITE } from './support/connection-trace';
import { startTestApp, type TestApp } from './support/test-app';
import { testClock } from './support/test-clock';

/**
 * A transition's transaction: BEGIN with the lock, the store statement, then the deadline sync and COMMIT together
 * (dossier-engine.ts, pipeline.ts).
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

  /** The ceremony (the cell's step): its deadline closes, those of the probation open. */
  const { type: CEREMONY, occurredOn: ceremonyOn, ...ceremonyPayload } = stepOf('HOLD_CEREMONY').event;
  const ceremony = { type: CEREMONY, occurredOn: ceremonyOn, payload: ceremonyPayload };

  /** Applies the ceremony to the dossier through the engine, tracing its connection from the lock's answer on. */
  const applyTraced = async (dossierId: string, idempotencyKey?: string) => {
    const sent: string[] = [];
    let untrace = () => undefined as void;
    const { response } = await engine.apply<DossierRecord>({
      dossierId,
      actor,
      inScope: () => true,
      idempotencyKey,
      accept: async (record: DossierRecord, tx: QueryRunner) => {
        const facts = await t.app.get(OrganizationsService).admissionFacts(record.orgPath, tx);
        untrace = traceConnection(await tx.connect(), sent);
        return { event: ceremony, facts, render: (after: DossierRecord) => after };
      },
    });
    untrace();
    return { response, sent: sent.slice(sent.indexOf('engine.store')) };
  };

  it('sends the deadline sync and COMMIT in one write after the store statement', async () => {
    const dossier = await dossierBefore(t, tokens, CEREMONY);
    committed.length = 0;
    const { response, sent } = await applyTraced(dossier.id);

    const [changes] = committed;
    expect(changes.map((change) => change.change)).toEqual(['closed', 'opened', 'opened', 'opened']);
    const sync = changes.map((change) => (change.change === 'closed' ? 'deadlines.close' : 'deadlines.open'));
    // A new row is listed where the database sorts it: the rows are read again, in the same write.
    expect(sent).toEqual(['engine.store', WRITE, ...sync, 'deadlines.all', 'COMMIT', WRITE]);
    const rows = await deadlinesOf(dossier.id);
    expect(response.version).toBe(dossier.version + 1);
    expect(response.deadlines.map(({ id, kind, status, dueOn }) => ({ id, kind, status, dueOn }))).toEqual(rows);
    for (const { change, deadline } of changes)
      expect(rows).toContainEqual(
        expect.objectContaining({ id: deadline.id, status: change === 'closed' ? 'done' : 'open' }),
      );
  });

  it('with an Idempotency-Key, stores the answer it replays with COMMIT, after the sync', async () => {
    const dossier = await dossierBefore(t, tokens, CEREMONY);
    const first = await applyTraced(dossier.id, 'le-ket-nap');

    expect(first.sent.filter((sent) => sent === 'COMMIT')).toHaveLength(1);
    expect(first.sent.at(-3)).toMatch(/^INSERT INTO idempotency_keys/);
    expect(first.sent.slice(-3)).toEqual([first.sent.at(-3), 'COMMIT', WRITE]);
    // The sync went in one write of its own before it: store, sync, key with COMMIT.
    expect(first.sent.filter((sent) => sent === WRITE)).toHaveLength(3);
    const replay = await engine.apply<DossierRecord>({
      dossierId: dossier.id,
      actor,
      inScope: () => true,
      idempotencyKey: 'le-ket-nap',
      accept: () => ({
        event: ceremony,
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
});
