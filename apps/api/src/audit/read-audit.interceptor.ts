import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { tap, type Observable } from 'rxjs';
import type { AuthenticatedUser } from '@libs/auth';
import { AUDITED_READ, type AuditedReadOptions } from './audited-read.decorator';
import type { ReadAuditWriter } from './read-audit.writer';

/** A read of more than dossiers is named by its request's path and query, up to this length. */
const MAX_SUBJECT_LENGTH = 1000;

/** Hands the reads of each successful answer of a handler marked `@AuditedRead` to the writer. */
export class ReadAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    /** Absent when the configuration turns auditing off (the benchmark's baseline). */
    private readonly writer: ReadAuditWriter | null,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<AuditedReadOptions | undefined>(AUDITED_READ, context.getHandler());
    const writer = this.writer;
    if (!options || !writer) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser; id?: unknown }>();
    return next.handle().pipe(
      tap((answer) => {
        const shown = options.shown(request, answer);
        if (!shown.dossierIds.length && !shown.organisationPath) return;
        writer.record({
          userId: request.user.id,
          username: request.user.username,
          dossierIds: shown.dossierIds,
          subject: shown.organisationPath
            ? { what: request.originalUrl.slice(0, MAX_SUBJECT_LENGTH), orgPath: shown.organisationPath }
            : null,
          what: options.what,
          address: request.ip ?? null,
          requestId: request.id ? String(request.id) : null,
        });
      }),
    );
  }
}
