import { TRANSFER } from './transfer';

/**
 * Events that correct or end a dossier, or answer an exception, rather than take the procedure's next step: they are
 * allowed in many states but wait for nobody, so a to-do list does not offer them as "your next step".
 */
export const OCCASIONAL_EVENTS: ReadonlySet<string> = new Set<string>([
  'VOID_LAST_EVENT',
  'AMEND_CANDIDATE',
  TRANSFER,
  'WITHDRAW',
  'REPLACE_HELPER',
  'EXTEND_DEADLINE',
  'RECORD_AGE_EXCEPTION',
  'REFUSE_ADMISSION',
  'RECORD_CEREMONY_CONSENT',
]);
