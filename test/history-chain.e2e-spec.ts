import { DataSource } from 'typeorm';
import { EventHashChain1765200000000 } from '@libs/persistence/migrations/1765200000000-event-hash-chain';
import { bearer, dossierBefore, expectStatus, pathActors, type Tokens } from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';

describe('the hash chain of a dossier history', () => {
  let t: TestApp;
  let tokens: Tokens;
  let foreignSecretary: string;
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp('chain');
    tokens = await pathActors(t);
    await t.createUser('bithu-nakhao', ['cellSecretary'], t.tree.foreignCell);
    foreignSecretary = await t.token('bithu-nakhao');
  });
  afterAll(() => t.close());

  const verify = async (id: string, token = tokens.specialist) =>
    expectStatus(await t.http().get(`/api/dossiers/${id}/history/verify`).set('Authorization', bearer(token)), 200)
      .body;

  /** What a superuser can do: switch the append-only trigger off, change rows, switch it on again. */
  async function behindTheTrigger(sql: string, params: unknown[]) {
    await db().transaction(async (manager) => {
      await manager.query('ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_append_only');
      await manager.query(sql, params);
      await manager.query('ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_append_only');
    });
  }

  /** A dossier with four events (seq 1 to 4). */
  const fourEvents = () => dossierBefore(t, tokens, 'START_VERIFICATION');

  it('links each event to the one before it and verifies as whole', async () => {
    const dossier = await fourEvents();
    const rows = await db().query(
      'SELECT seq, prev_hash, hash FROM dossier_events WHERE dossier_id = $1 ORDER BY seq',
      [dossier.id],
    );
    expect(rows.length).toBe(dossier.version);
    expect(rows[0].prev_hash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows.every((row: { hash: string }) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
    expect(await verify(dossier.id)).toEqual({
      dossierId: dossier.id,
      valid: true,
      events: rows.length,
      headHash: rows.at(-1).hash,
      firstBroken: null,
    });
  });

  it('keeps the append-only trigger', async () => {
    const dossier = await fourEvents();
    await expect(
      db().query(`UPDATE dossier_events SET payload = '{}' WHERE dossier_id = $1 AND seq = 2`, [dossier.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('names the edited row when a payload is changed in SQL', async () => {
    const dossier = await fourEvents();
    await behindTheTrigger(
      `UPDATE dossier_events SET payload = payload || '{"note": "sửa lén"}' WHERE dossier_id = $1 AND seq = 2`,
      [dossier.id],
    );
    expect(await verify(dossier.id)).toMatchObject({
      valid: false,
      firstBroken: { seq: 2, reason: 'CONTENT_CHANGED' },
    });
  });

  it('names the next link when the edited row is given a fresh hash', async () => {
    const dossier = await fourEvents();
    await behindTheTrigger(
      `UPDATE dossier_events e SET actor_username = 'nguoi-khac',
         hash = dossier_event_hash(e.prev_hash, jsonb_populate_record(e, '{"actor_username": "nguoi-khac"}'))
       WHERE dossier_id = $1 AND seq = 2`,
      [dossier.id],
    );
    expect(await verify(dossier.id)).toMatchObject({ valid: false, firstBroken: { seq: 3, reason: 'LINK_CHANGED' } });
  });

  it('names a deleted row, and deleted latest rows', async () => {
    const middle = await fourEvents();
    await behindTheTrigger('DELETE FROM dossier_events WHERE dossier_id = $1 AND seq = 3', [middle.id]);
    expect(await verify(middle.id)).toMatchObject({ valid: false, firstBroken: { seq: 3, reason: 'EVENT_MISSING' } });

    const tail = await fourEvents();
    await behindTheTrigger('DELETE FROM dossier_events WHERE dossier_id = $1 AND seq >= 3', [tail.id]);
    expect(await verify(tail.id)).toMatchObject({ valid: false, firstBroken: { seq: 3, reason: 'EVENTS_TRUNCATED' } });
  });

  it('chains a row written by any writer, not only the engine', async () => {
    const dossier = await fourEvents();
    await db().query(
      `INSERT INTO dossier_events (dossier_id, seq, type, payload, actor_username, occurred_on, to_state, policy_version)
       VALUES ($1, 5, 'NOTE', '{}', 'import', '2024-07-01', '"x"', 'v1')`,
      [dossier.id],
    );
    const [row] = await db().query('SELECT prev_hash, hash FROM dossier_events WHERE dossier_id = $1 AND seq = 5', [
      dossier.id,
    ]);
    const [before] = await db().query('SELECT hash FROM dossier_events WHERE dossier_id = $1 AND seq = 4', [
      dossier.id,
    ]);
    expect(row.prev_hash).toBe(before.hash);
    expect(await verify(dossier.id)).toMatchObject({ valid: true, events: 5 });
  });

  it('is backfilled by the migration with the hashes the trigger gives', async () => {
    const dossier = await fourEvents();
    const hashes = () =>
      db().query('SELECT seq, prev_hash, hash FROM dossier_events WHERE dossier_id = $1 ORDER BY seq', [dossier.id]);
    const written = await hashes();
    const runner = db().createQueryRunner();
    try {
      const migration = new EventHashChain1765200000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await hashes()).toEqual(written);
    expect(await verify(dossier.id)).toMatchObject({ valid: true, events: 4 });
  });

  it('answers 404 out of scope and for an unknown dossier', async () => {
    const dossier = await fourEvents();
    const outOfScope = await t
      .http()
      .get(`/api/dossiers/${dossier.id}/history/verify`)
      .set('Authorization', bearer(foreignSecretary));
    expect(outOfScope.status).toBe(404);
    const unknown = await t
      .http()
      .get('/api/dossiers/00000000-0000-4000-8000-000000000000/history/verify')
      .set('Authorization', bearer(tokens.specialist));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });
});
