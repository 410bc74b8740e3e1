import type { QueryRunner } from 'typeorm';

/**
 * The organisation tree over time. `organizations` holds each organisation as it is today (its path is today's
 * path, so a scope is a prefix); `organization_versions` holds what it was over each period, with the path it had,
 * and is written from `organizations` after every change.
 */

/** The ids of a materialised path, for `ancestors` columns. */
export const ANCESTORS_SQL = (pathColumn: string) => `string_to_array(trim(BOTH '/' FROM ${pathColumn}), '/')::uuid[]`;

/**
 * The latest date from which one of `ids` took its present form: a change effective earlier would rewrite a past
 * already recorded. Null when none has changed since the records began.
 */
export async function latestVersionStart(db: QueryRunner, ids: string[]): Promise<string | null> {
  const [row] = await db.query(
    `SELECT max(lower(valid))::text AS latest FROM organization_versions WHERE org_id = ANY($1) AND upper_inf(valid)`,
    [ids],
  );
  return row.latest;
}

/**
 * Ends the current version of each of `ids` on `effectiveFrom` and starts a new one from that day, as the
 * organisation now is (none for an organisation closed on that day). A version started that same day is replaced:
 * several changes effective on one day make one version.
 */
export async function restampVersions(db: QueryRunner, ids: string[], effectiveFrom: string): Promise<void> {
  await db.query(
    `UPDATE organization_versions SET valid = daterange(lower(valid), $2::date)
     WHERE org_id = ANY($1) AND upper_inf(valid) AND (lower_inf(valid) OR lower(valid) < $2::date)`,
    [ids, effectiveFrom],
  );
  await db.query(
    `DELETE FROM organization_versions WHERE org_id = ANY($1) AND upper_inf(valid) AND lower(valid) = $2`,
    [ids, effectiveFrom],
  );
  await db.query(
    `INSERT INTO organization_versions (org_id, valid, name, kind, parent_id, path, ancestors, delegated_admission,
       committee_size, youth_union_present)
     SELECT id, daterange($2::date, NULL), name, kind, parent_id, path, ${ANCESTORS_SQL('path')}, delegated_admission,
       committee_size, youth_union_present
     FROM organizations WHERE id = ANY($1) AND (closed_on IS NULL OR closed_on > $2::date)`,
    [ids, effectiveFrom],
  );
}

/** The first version of a new organisation, from its opening day (or from before the records). */
export async function openVersion(db: QueryRunner, id: string, openedOn: string | null): Promise<void> {
  await db.query(
    `INSERT INTO organization_versions (org_id, valid, name, kind, parent_id, path, ancestors, delegated_admission,
       committee_size, youth_union_present)
     SELECT id, daterange($2::date, NULL), name, kind, parent_id, path, ${ANCESTORS_SQL('path')}, delegated_admission,
       committee_size, youth_union_present
     FROM organizations WHERE id = $1`,
    [id, openedOn],
  );
}

/**
 * Moves the subtree at `oldPath` to `newPath` today: organisations, the dossiers they hold and the classes they
 * organise. Scopes follow by themselves: a user's scope is an organisation id, resolved to its path per request.
 */
export async function repath(db: QueryRunner, oldPath: string, newPath: string): Promise<void> {
  for (const [table, column] of [
    ['organizations', 'path'],
    ['dossiers', 'org_path'],
    ['training_classes', 'organizer_path'],
  ])
    await db.query(
      `UPDATE ${table} SET ${column} = $2 || substr(${column}, length($1) + 1) WHERE ${column} LIKE $1 || '%'`,
      [oldPath, newPath],
    );
}
