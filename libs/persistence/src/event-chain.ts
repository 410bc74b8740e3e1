import type { DataSource } from 'typeorm';

/** Why a link of a dossier's event chain does not hold. */
export type BrokenLinkReason =
  /** The row's content no longer gives its stored hash: the row was edited. */
  | 'CONTENT_CHANGED'
  /** The row does not name the previous row's hash: a row before it was replaced or its hash rewritten. */
  | 'LINK_CHANGED'
  /** A sequence number is missing: a row was deleted. */
  | 'EVENT_MISSING'
  /** The dossier's version is past its last event: the latest rows were deleted. */
  | 'EVENTS_TRUNCATED';

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The hash of the last event: a copy kept elsewhere shows a rewrite of the whole chain. */
  headHash: string | null;
  firstBroken: { seq: number; reason: BrokenLinkReason } | null;
}

interface ChainRow {
  seq: number;
  hash: string;
  prevHash: string | null;
  recomputed: string;
}

/**
 * Recomputes a dossier's hash chain from the rows as they are now (`dossier_event_hash`, migration
 * 1765200000000) and names the first link that does not hold.
 */
export async function verifyEventChain(
  dataSource: DataSource,
  dossierId: string,
  version: number,
): Promise<ChainVerification> {
  const rows: ChainRow[] = await dataSource.query(
    `SELECT seq, hash, prev_hash AS "prevHash", dossier_event_hash(prev_hash, e) AS recomputed
     FROM dossier_events e WHERE dossier_id = $1 ORDER BY seq`,
    [dossierId],
  );
  const broken = firstBrokenLink(rows, version);
  return {
    valid: broken === null,
    events: rows.length,
    headHash: rows.at(-1)?.hash ?? null,
    firstBroken: broken,
  };
}

function firstBrokenLink(rows: ChainRow[], version: number): ChainVerification['firstBroken'] {
  let previous: ChainRow | undefined;
  for (const row of rows) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (row.seq !== expectedSeq) return { seq: expectedSeq, reason: 'EVENT_MISSING' };
    if (row.prevHash !== (previous?.hash ?? null)) return { seq: row.seq, reason: 'LINK_CHANGED' };
    if (row.recomputed !== row.hash) return { seq: row.seq, reason: 'CONTENT_CHANGED' };
    previous = row;
  }
  const last = previous?.seq ?? 0;
  return last < version ? { seq: last + 1, reason: 'EVENTS_TRUNCATED' } : null;
}
