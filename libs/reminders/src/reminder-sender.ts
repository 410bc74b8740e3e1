import type { DataSource } from 'typeorm';
import type { Clock } from '@libs/clock';
import { inRetriedTransaction } from '@libs/persistence';
import type { Role } from '@workflows/common/roles';
import type { ReminderJob } from './queues';
import { recipientRoles } from './recipients';
import { reminderMessage } from './reminder-message';

export type SendOutcome =
  { status: 'stale' | 'duplicate' } | { status: 'sent'; notifications: number; deliveries: string[] };

/**
 * Every dossier of the reminders, locked in id order: the lock order of every transaction on a dossier (see the
 * engine's deadline sync) is the dossier row first, then its deadlines. Locking a deadline first would wait on a
 * transition that holds the dossier and waits for it. In share mode: a transition (FOR UPDATE) and a batch still
 * wait for each other, but two batches holding deadlines of the same dossier (a burst) do not.
 */
const LOCK_DOSSIERS_SQL = `SELECT s.id FROM dossiers s
  WHERE s.id = ANY(ARRAY(SELECT dossier_id FROM deadlines WHERE id = ANY($1::uuid[]))) ORDER BY s.id FOR SHARE OF s`;

/**
 * The reminders ($1 deadline ids, $2 due dates) whose deadline is still open at that due date, deadline locked (in
 * id order, the same in every batch), with what the message and the recipients need; taken after their dossiers
 * are locked, so it sees every transition before it. The others are stale.
 */
const DUE_SQL = `SELECT j.n::int AS n, d.dossier_id AS "dossierId", d.label, d.audience, s.org_path AS "orgPath",
    s.full_name AS "fullName", c.kind = 'grassrootsCell' AS "grassrootsCell"
  FROM deadlines d
  JOIN unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS j(deadline_id, due_on, n)
    ON j.deadline_id = d.id AND j.due_on = d.due_on
  JOIN dossiers s ON s.id = d.dossier_id
  JOIN organizations c ON c.id = s.cell_id
  WHERE d.id = ANY($1::uuid[]) AND d.status = 'open'
  ORDER BY d.id
  FOR UPDATE OF d`;

/** The active accounts scoped to one of the organisations $1 (paths) with one of the roles $2. */
const USERS_SQL = `SELECT u.id, o.path, u.roles FROM users u JOIN organizations o ON o.id = u.scope_org_id
  WHERE o.path = ANY($1::text[]) AND u.roles && $2::text[] AND u.disabled_at IS NULL AND u.deleted_at IS NULL`;

/**
 * One (deadline, kind, due date) row per reminder, which a second worker or a re-created job cannot insert again:
 * ON CONFLICT DO NOTHING decides against committed rows, whatever the statement's snapshot.
 */
const CLAIM_SQL = `INSERT INTO deadline_reminders (deadline_id, kind, due_on, recipients, sent_at)
  SELECT r.*, $5 FROM unnest($1::uuid[], $2::text[], $3::date[], $4::int[]) AS r
  ON CONFLICT DO NOTHING RETURNING deadline_id AS "deadlineId", kind, due_on::text AS "dueOn"`;

const INBOX_SQL = `INSERT INTO notifications (user_id, dossier_id, deadline_id, kind, due_on, message, created_at)
  SELECT r.*, $7 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::text[]) AS r
  ON CONFLICT DO NOTHING RETURNING deadline_id AS "deadlineId", kind, due_on::text AS "dueOn"`;

/** The organisations among $1 (paths) with an active webhook. */
const HOOKED_SQL = `SELECT DISTINCT o.path FROM webhooks w JOIN organizations o ON o.id = w.org_id
  WHERE w.active AND o.path = ANY($1::text[])`;

/** Pending deliveries for the active webhooks of the organisations above each dossier. */
const HOOKS_SQL = `INSERT INTO webhook_deliveries (webhook_id, deadline_id, kind, due_on, body, status)
  SELECT w.id, s.deadline_id, s.kind, s.due_on, s.body::jsonb, 'pending'
  FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[]) AS s(deadline_id, kind, due_on, org_path, body)
  JOIN organizations o ON s.org_path LIKE o.path || '%'
  JOIN webhooks w ON w.org_id = o.id AND w.active
  ON CONFLICT DO NOTHING RETURNING id::text, deadline_id AS "deadlineId", kind, due_on::text AS "dueOn"`;

interface Due {
  n: number;
  dossierId: string;
  label: string;
  audience: Parameters<typeof recipientRoles>[0];
  orgPath: string;
  fullName: string;
  grassrootsCell: boolean;
}
interface Recipient {
  id: string;
  path: string;
  roles: Role[];
}
interface Written {
  id?: string;
  deadlineId: string;
  kind: string;
  dueOn: string;
}

const keyOf = (job: { deadlineId: string; kind: string; dueOn: string }) =>
  `${job.deadlineId} ${job.kind} ${job.dueOn}`;

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']: the organisations a dossier at that path lies under. */
const pathsAbove = (path: string) =>
  path
    .split('/')
    .slice(1, -1)
    .map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);

/** `compute` once per key: the reminders of a burst share a handful of paths and recipient lists. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (!known.has(key)) known.set(key, compute(key));
    return known.get(key)!;
  };
}

/**
 * Who hears each due reminder: the people whose scope holds the dossier and who have one of the roles the deadline's
 * audience and the reminder's kind call for (recipients.ts).
 */
async function recipientsOf(
  db: { query: DataSource['query'] },
  due: { job: ReminderJob; row: Due }[],
  above: (path: string) => string[],
): Promise<string[][]> {
  const rolesOf = due.map(({ job, row }) => recipientRoles(row.audience, job.kind, row.grassrootsCell));
  const paths = [...new Set(due.flatMap(({ row }) => above(row.orgPath)))];
  const users: Recipient[] = await db.query(USERS_SQL, [paths, [...new Set(rolesOf.flat())]]);
  const byPath = groupBy(users, (user) => user.path);
  const hearing = memo((key) => {
    const [path, ...roles] = key.split(' ');
    return above(path).flatMap((scope) =>
      (byPath.get(scope) ?? []).filter((user) => user.roles.some((role) => roles.includes(role))).map((u) => u.id),
    );
  });
  return due.map(({ row }, i) => hearing([row.orgPath, ...rolesOf[i]].join(' ')));
}

/**
 * The pending webhook deliveries of the reminders sent, for the active webhooks above each dossier; nothing is
 * written, nor built, where no organisation above has one (most of them).
 */
async function deliveriesOf(
  db: { query: DataSource['query'] },
  sent: { job: ReminderJob; row: Due }[],
  messages: string[],
  above: (path: string) => string[],
): Promise<Written[]> {
  const paths = [...new Set(sent.flatMap(({ row }) => above(row.orgPath)))];
  const hooked = new Set(((await db.query(HOOKED_SQL, [paths])) as { path: string }[]).map((row) => row.path));
  const heard = sent.flatMap((reminder, i) =>
    above(reminder.row.orgPath).some((path) => hooked.has(path)) ? [{ ...reminder, message: messages[i] }] : [],
  );
  if (!heard.length) return [];
  return db.query(HOOKS_SQL, [
    heard.map(({ job }) => job.deadlineId),
    heard.map(({ job }) => job.kind),
    heard.map(({ job }) => job.dueOn),
    heard.map(({ row }) => row.orgPath),
    heard.map(({ job, row, message }) =>
      JSON.stringify({
        event: 'reminder',
        kind: job.kind,
        dossierId: row.dossierId,
        deadlineId: job.deadlineId,
        dueOn: job.dueOn,
        label: row.label,
        message,
      }),
    ),
  ]);
}

/**
 * Sends reminders together in one transaction (run again whole on a deadlock or serialization failure): locks
 * their dossiers, then re-reads each deadline (a closed or moved one sends nothing), claims the (deadline, kind,
 * due date) row so that a second worker or a re-created job sends nothing, and writes the inbox notifications and
 * the pending webhook deliveries of the claimed ones. A handful of statements per batch, each over arrays: the cost
 * per reminder is the rows it writes. The outcomes are in the order of `jobs`; a job given twice is sent once, its
 * repeat a duplicate.
 */
export async function sendReminders(dataSource: DataSource, jobs: ReminderJob[], clock: Clock): Promise<SendOutcome[]> {
  const firstOf = new Map<string, number>();
  jobs.forEach((job, i) => firstOf.has(keyOf(job)) || firstOf.set(keyOf(job), i));
  const unique = [...firstOf.values()].map((i) => jobs[i]);
  const now = clock.now();
  const outcomes = await inRetriedTransaction(dataSource, async (db) => {
    const ids = unique.map((job) => job.deadlineId);
    await db.query(LOCK_DOSSIERS_SQL, [ids]);
    const rows: Due[] = await db.query(DUE_SQL, [ids, unique.map((job) => job.dueOn)]);
    const due = rows.map((row) => ({ job: unique[row.n - 1], row }));
    const result = new Map<string, SendOutcome>(unique.map((job) => [keyOf(job), { status: 'stale' }]));
    if (!due.length) return result;

    const above = memo(pathsAbove);
    const recipients = await recipientsOf(db, due, above);
    const claimed = new Set(
      (
        (await db.query(CLAIM_SQL, [
          due.map(({ job }) => job.deadlineId),
          due.map(({ job }) => job.kind),
          due.map(({ job }) => job.dueOn),
          recipients.map((users) => users.length),
          now,
        ])) as Written[]
      ).map(keyOf),
    );
    const sent = due.flatMap((reminder, i) =>
      claimed.has(keyOf(reminder.job)) ? [{ ...reminder, to: recipients[i] }] : [],
    );
    for (const { job } of due) if (!claimed.has(keyOf(job))) result.set(keyOf(job), { status: 'duplicate' });
    if (!sent.length) return result;

    const messages = sent.map(({ job, row }) => reminderMessage(job.kind, row.label, job.dueOn, row.fullName));
    const inbox = sent.flatMap(({ job, row, to }, i) =>
      to.map((userId) => ({ job, row, userId, message: messages[i] })),
    );
    const notified: Written[] = await db.query(INBOX_SQL, [
      inbox.map((n) => n.userId),
      inbox.map((n) => n.row.dossierId),
      inbox.map((n) => n.job.deadlineId),
      inbox.map((n) => n.job.kind),
      inbox.map((n) => n.job.dueOn),
      inbox.map((n) => n.message),
      now,
    ]);
    const hooks = await deliveriesOf(db, sent, messages, above);
    const notifications = groupBy(notified, keyOf);
    const deliveries = groupBy(hooks, keyOf);
    for (const { job } of sent)
      result.set(keyOf(job), {
        status: 'sent',
        notifications: notifications.get(keyOf(job))?.length ?? 0,
        deliveries: (deliveries.get(keyOf(job)) ?? []).map((hook) => hook.id!).sort(),
      });
    return result;
  });
  return jobs.map((job, i) => (firstOf.get(keyOf(job)) === i ? outcomes.get(keyOf(job))! : { status: 'duplicate' }));
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** One reminder alone: a batch of one. */
export async function sendReminder(dataSource: DataSource, job: ReminderJob, clock: Clock): Promise<SendOutcome> {
  const [outcome] = await sendReminders(dataSource, [job], clock);
  return outcome;
}
