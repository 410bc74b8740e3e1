import type { LocalDate } from '@workflows/common/local-date';
import type { DocumentSource } from './document-source';
import type { PartyDocument } from './party-document';

/** One official form of the procedure: when the dossier holds the facts it needs, and how it is filled. */
export interface DocumentForm {
  /** The form's official code ("6-KNĐ"), or a descriptive code where the guidance gives none. */
  code: string;
  title: string;
  /** The event whose record the document is. */
  event(source: DocumentSource): string;
  /** The document's date, the day of the step it records; null while that step is not recorded. */
  datedOn(source: DocumentSource): LocalDate | null;
  available(source: DocumentSource): boolean;
  build(source: DocumentSource): PartyDocument;
}
