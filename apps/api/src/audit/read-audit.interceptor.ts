import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { tap, type Observable } from 'rxjs';
import type { AuthenticatedUser } from '@libs/auth';
import { AUDITED_READ, type AuditedReadOptions } from './audited-read.decorator';
import type { ReadAuditWriter } from './read-audit.writer';

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
        const dossierIds = options.dossiers(request, answer);
        if (!dossierIds.length) return;
        writer.record({
          userId: request.user.id,
          username: request.user.username,
          dossierIds,
          what: options.what,
          address: request.ip ?? null,
          requestId: request.id ? String(request.id) : null,
        });
      }),
    );
  }
}
