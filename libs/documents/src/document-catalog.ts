import type { DocumentForm } from './document-form';
import type { DocumentSource } from './document-source';
import { cellAdmissionResolution } from './forms/cell-admission-resolution';
import { cellRecognitionResolution } from './forms/cell-recognition-resolution';
import { admissionDecision, recognitionDecision, removalDecision } from './forms/committee-decision';
import { grassrootsAdmissionResolution, grassrootsRecognitionResolution } from './forms/grassroots-resolution';
import { sectionAdmissionAppraisal, sectionRecognitionAppraisal } from './forms/section-appraisal';
import { partyDocumentSection, toDocx } from './party-document';
import { withoutDiacritics } from './vietnamese-text';

/** The documents of the admission path, in the order the procedure produces them. */
export const DOCUMENT_FORMS: readonly DocumentForm[] = [
  cellAdmissionResolution,
  sectionAdmissionAppraisal,
  grassrootsAdmissionResolution,
  admissionDecision,
  cellRecognitionResolution,
  sectionRecognitionAppraisal,
  grassrootsRecognitionResolution,
  recognitionDecision,
  removalDecision,
];

/** A code as a client may send it: "6-KNĐ", "6-knđ" or the ASCII "6-KND" name the same form. */
const codeKey = (code: string) => withoutDiacritics(code.normalize('NFC')).toUpperCase();

export function findForm(code: string): DocumentForm | undefined {
  return DOCUMENT_FORMS.find((form) => codeKey(form.code) === codeKey(code));
}

/** A document as the API lists it. */
export const documentEntry = (form: DocumentForm, source: DocumentSource) => ({
  code: form.code,
  title: form.title,
  event: form.event(source),
});

export function renderForm(form: DocumentForm, source: DocumentSource): Promise<Buffer> {
  return toDocx([partyDocumentSection(form.build(source))], `${form.code} ${form.title}`);
}
