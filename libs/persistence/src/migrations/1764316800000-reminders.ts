import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1764316800000 implements MigrationInterface {
  name = 'Reminders1764316800000';

  async up(db: QueryRunner): Promise<void> {
    // One row per reminder sent: the worker inserts it with the notifications, so a reminder goes out once.
    await db.query(`CREATE TABLE deadline_reminders (
      deadline_id uuid NOT NULL REFERENCES deadlines(id),
      kind text NOT NULL CHECK (kind IN ('lead', 'due', 'overdue')),
      due_on date NOT NULL,
      recipients integer NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (deadline_id, kind, due_on)
    )`);

    await db.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      deadline_id uuid NOT NULL REFERENCES deadlines(id),
      kind text NOT NULL,
      due_on date NOT NULL,
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      UNIQUE (deadline_id, kind, due_on, user_id)
    )`);
    await db.query(`CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC)`);

    await db.query(`CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES organizations(id),
      url text NOT NULL,
      secret text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX webhooks_org ON webhooks (org_id) WHERE active`);

    await db.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks(id),
      deadline_id uuid NOT NULL REFERENCES deadlines(id),
      kind text NOT NULL,
      due_on date NOT NULL,
      body jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (webhook_id, deadline_id, kind, due_on)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['webhook_deliveries', 'webhooks', 'notifications', 'deadline_reminders'])
      await db.query(`DROP TABLE ${table}`);
  }
}
