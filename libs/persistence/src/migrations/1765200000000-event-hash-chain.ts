import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each event row carries `hash` = SHA-256 of the previous event's hash (per dossier) and of the row's content as
 * written, so that an edit made behind the append-only trigger (by a superuser who disables it) shows as a broken
 * link. A trigger computes it, in the statement that inserts the row: every writer of events (the engine, imports)
 * is covered without knowing of it. The content is a fixed list of columns: a column added later (a fact stated
 * afterwards, such as a void) is outside the chain, and adding one does not break the chains already written.
 */
export class EventHashChain1765200000000 implements MigrationInterface {
  name = 'EventHashChain1765200000000';
  rewrites = ['dossier_events'];

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dossier_events ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    // The time is written in UTC with microseconds, so the text (and the hash) depends on no session setting.
    await db.query(`CREATE FUNCTION dossier_event_hash(prev text, e dossier_events) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(coalesce(prev, '') || '|' || jsonb_build_array(
          e.dossier_id, e.seq, e.type, e.payload, e.actor_id, e.actor_username, to_char(e.occurred_on, 'YYYY-MM-DD'),
          to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.from_state, e.to_state, e.policy_version)::text, 'UTF8')), 'hex')
      $$`);
    await db.query(`CREATE FUNCTION chain_dossier_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT hash INTO NEW.prev_hash FROM dossier_events
          WHERE dossier_id = NEW.dossier_id AND seq < NEW.seq ORDER BY seq DESC LIMIT 1;
        NEW.hash := dossier_event_hash(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);

    await db.query(`ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_append_only`);
    await db.query(`DO $$
      DECLARE
        r dossier_events;
        previous text;
        current_dossier uuid;
      BEGIN
        FOR r IN SELECT * FROM dossier_events ORDER BY dossier_id, seq LOOP
          IF current_dossier IS DISTINCT FROM r.dossier_id THEN
            previous := NULL;
            current_dossier := r.dossier_id;
          END IF;
          UPDATE dossier_events SET prev_hash = previous, hash = dossier_event_hash(previous, r)
            WHERE id = r.id RETURNING hash INTO previous;
        END LOOP;
      END $$`);
    await db.query(`ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_append_only`);
    await db.query(`ALTER TABLE dossier_events ALTER COLUMN hash SET NOT NULL`);
    await db.query(`CREATE TRIGGER dossier_events_hash_chain BEFORE INSERT ON dossier_events
      FOR EACH ROW EXECUTE FUNCTION chain_dossier_event()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER dossier_events_hash_chain ON dossier_events`);
    await db.query(`DROP FUNCTION chain_dossier_event`);
    await db.query(`DROP FUNCTION dossier_event_hash`);
    await db.query(`ALTER TABLE dossier_events DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
