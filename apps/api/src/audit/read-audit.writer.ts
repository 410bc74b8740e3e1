import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';

export interface ReadRecord {
  userId: string;
  username: string;
  dossierIds: string[];
  /** A read of more than dossiers (a class, a report): the request's path and query, and the organisation's path. */
  subject: { what: string; orgPath: string } | null;
  what: string;
  address: string | null;
  requestId: string | null;
}

/**
 * Writes the reads of requests off their path: a request hands its record over and answers at once; one INSERT
 * writes every record handed over while the previous INSERT ran (one per request when the API is quiet, fewer under
 * load). The writer has a small pool of its own, so auditing never takes (or waits for) the requests' connections,
 * and its sessions commit without waiting for the WAL flush (`synchronous_commit = off`): the records of the last
 * moment before a crash of the API process or of PostgreSQL can be lost, which is what "buffered" costs; a failed
 * INSERT logs the records it could not write, so that the log holds them.
 */
export class ReadAuditWriter implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly logger = new Logger('ReadAudit');
  private pending: ReadRecord[] = [];
  private flushing: Promise<void> | null = null;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2, options: '-c synchronous_commit=off' });
    // An idle connection closed by the server (a restart, a dropped database) must not bring the process down.
    this.pool.on('error', (error) => this.logger.warn(`read audit connection lost: ${error.message}`));
  }

  record(read: ReadRecord): void {
    this.pending.push(read);
    this.flushing ??= this.flush();
  }

  /** Resolves once every record handed over so far is written (the audit query waits for it). */
  async flushed(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending;
        this.pending = [];
        await this.write(batch).catch((error: Error) =>
          this.logger.error({ msg: `read audit not written: ${error.message}`, reads: batch }),
        );
      }
    } finally {
      this.flushing = null;
    }
  }

  private async write(batch: ReadRecord[]): Promise<void> {
    const rows = batch.flatMap((read) => [
      ...read.dossierIds.map((dossierId) => ({ ...read, dossierId, subject: null, orgPath: null })),
      ...(read.subject
        ? [{ ...read, dossierId: null, subject: read.subject.what, orgPath: read.subject.orgPath }]
        : []),
    ]);
    const column = <T>(value: (row: (typeof rows)[number]) => T) => rows.map(value);
    await this.pool.query(
      `INSERT INTO read_audit (user_id, username, dossier_id, what, address, request_id, subject, org_path)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[])`,
      [
        column((row) => row.userId),
        column((row) => row.username),
        column((row) => row.dossierId),
        column((row) => row.what),
        column((row) => row.address),
        column((row) => row.requestId),
        column((row) => row.subject),
        column((row) => row.orgPath),
      ],
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flushed();
    await this.pool.end();
  }
}
