/** The import answers, as types of the server's own source (erased at build time). */
import type { MemberImportsService } from '@apps/api/members/member-imports.service';

export type { ImportOutcome } from '@apps/api/members/member-imports.service';
export type { RejectedLine } from '@apps/api/members/members-import.service';
export type ImportStatus = Awaited<ReturnType<MemberImportsService['statusOf']>>;
