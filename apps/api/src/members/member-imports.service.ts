import { createHash } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@libs/auth';
import { ApiError, notFound } from '../errors/api-error';
import { MembersImportService, type ImportMode, type RejectedLine } from './members-import.service';

/** Files up to this many lines are imported while the client waits; longer ones run in the background. */
export const SYNCHRONOUS_LINES = 1_000;
/** A running import whose process stopped writing progress this long ago has died with it (nothing was stored). */
const STALLED_AFTER_MS = 2 * 60_000;

const STATUS_COLUMNS = `id, status, mode, total, processed, imported, rejected, error,
  created_at AS "createdAt", finished_at AS "finishedAt", updated_at AS "updatedAt", user_id AS "userId"`;

interface ImportRow {
  id: string;
  status: 'running' | 'done' | 'refused' | 'failed';
  mode: ImportMode;
  total: number;
  processed: number;
  imported: number;
  rejected: RejectedLine[];
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
  userId: string;
}

/** The answer to a file imported while the client waited (200). */
export interface ImportOutcome {
  imported: number;
  rejected: RejectedLine[];
  mode: ImportMode;
  importId: string;
  replayed?: boolean;
}

export const statusUrl = (id: string) => `/api/members/imports/${id}`;

/**
 * Imports as tracked jobs: one row per file, found again by the file's SHA-256 or the client's Idempotency-Key, so
 * that a file sent twice (a client or proxy retrying) is imported once and the second answer is the first one.
 */
@Injectable()
export class MemberImportsService {
  private readonly logger = new Logger(MemberImportsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersImportService,
  ) {}

  async submit(user: AuthenticatedUser, csv: string, mode: ImportMode, idempotencyKey?: string) {
    const records = this.members.parse(csv);
    const fileHash = createHash('sha256')
      .update(csv.replace(/^\uFEFF/, ''))
      .digest('hex');
    const [claimed] = await this.dataSource.query(
      `INSERT INTO member_imports (file_hash, idempotency_key, user_id, mode, status, total)
       VALUES ($1, $2, $3, $4, 'running', $5) ON CONFLICT DO NOTHING RETURNING id`,
      [fileHash, idempotencyKey ?? null, user.id, mode, records.length],
    );
    if (!claimed) return this.replay(user, fileHash, idempotencyKey);
    const work = this.execute(user, claimed.id, records, mode);
    if (records.length > SYNCHRONOUS_LINES) {
      work.catch(() => undefined);
      return { status: HttpStatus.ACCEPTED, body: await this.statusOf(claimed.id) };
    }
    await work;
    return this.answer(await this.row(claimed.id));
  }

  /** The same file (or key) again: the first import's answer, whoever sent it; nothing is imported twice. */
  private async replay(user: AuthenticatedUser, fileHash: string, idempotencyKey?: string) {
    const [row]: ImportRow[] = await this.dataSource.query(
      `SELECT ${STATUS_COLUMNS} FROM member_imports
       WHERE status IN ('running', 'done') AND (file_hash = $1 OR (user_id = $2 AND idempotency_key = $3))
       ORDER BY created_at LIMIT 1`,
      [fileHash, user.id, idempotencyKey ?? null],
    );
    if (!row)
      throw new ApiError(
        HttpStatus.CONFLICT,
        'CONFLICT',
        'Tệp đang được nhập, hãy thử lại / the file is being imported',
      );
    const { status, body } = this.answer(row);
    return { status, body: { ...body, replayed: true } };
  }

  private answer(row: ImportRow) {
    if (row.status === 'running') return { status: HttpStatus.ACCEPTED, body: this.view(row) };
    if (row.status === 'refused')
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IMPORT_REFUSED',
        'Tệp có dòng không hợp lệ nên không dòng nào được nhập / a line was refused, so no line was imported',
        { imported: 0, rejected: row.rejected, mode: row.mode },
      );
    if (row.status === 'failed') throw new Error(`Import ${row.id} failed: ${row.error}`);
    const outcome: ImportOutcome = { imported: row.imported, rejected: row.rejected, mode: row.mode, importId: row.id };
    return { status: HttpStatus.OK, body: outcome };
  }

  private async execute(
    user: AuthenticatedUser,
    id: string,
    records: Parameters<MembersImportService['run']>[1],
    mode: ImportMode,
  ) {
    try {
      const progress = (processed: number) =>
        this.dataSource.query('UPDATE member_imports SET processed = $2, updated_at = now() WHERE id = $1', [
          id,
          processed,
        ]);
      const { imported, rejected, committed } = await this.members.run(user, records, mode, progress);
      await this.dataSource.query(
        `UPDATE member_imports SET status = $2, processed = total, imported = $3, rejected = $4, updated_at = now(),
           finished_at = now() WHERE id = $1`,
        [id, committed ? 'done' : 'refused', imported, JSON.stringify(rejected)],
      );
    } catch (error) {
      this.logger.error(`Import ${id} failed: ${error instanceof Error ? error.stack : error}`);
      await this.dataSource.query(
        `UPDATE member_imports SET status = 'failed', error = $2, updated_at = now(), finished_at = now()
         WHERE id = $1`,
        [id, error instanceof Error ? error.message : String(error)],
      );
      throw error;
    }
  }

  private async row(id: string): Promise<ImportRow> {
    const [row] = await this.dataSource.query(`SELECT ${STATUS_COLUMNS} FROM member_imports WHERE id = $1`, [id]);
    return row;
  }

  private view(row: ImportRow) {
    // A process that died mid-import rolled its transaction back: the import failed, and nothing of it is stored.
    const stalled = row.status === 'running' && Date.now() - new Date(row.updatedAt).getTime() > STALLED_AFTER_MS;
    return {
      importId: row.id,
      status: stalled ? 'failed' : row.status,
      mode: row.mode,
      total: row.total,
      processed: row.processed,
      imported: row.imported,
      rejected: row.rejected,
      ...(row.error || stalled ? { error: stalled ? 'interrupted' : row.error } : {}),
      createdAt: new Date(row.createdAt).toISOString(),
      finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
      statusUrl: statusUrl(row.id),
    };
  }

  /** An import's progress and outcome, for the user who sent it or an admin of everything. */
  async statusOf(id: string, user?: AuthenticatedUser) {
    const row = await this.row(id);
    if (!row || (user && row.userId !== user.id && !(user.roles.includes('admin') && user.scopePath === null)))
      throw notFound('Không tìm thấy lần nhập / import not found');
    return this.view(row);
  }
}
