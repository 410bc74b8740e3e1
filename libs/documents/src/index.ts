export { DOCUMENT_FORMS, documentEntry, findForm, renderForm } from './document-catalog';
export type { DocumentForm } from './document-form';
export type { DocumentSource, DossierOrganisations } from './document-source';
export {
  renderClassCertificates,
  type CertifiedClass,
  type CertifiedParticipant,
  type TrainingClassKind,
} from './class-certificates';
export { withoutDiacritics } from './vietnamese-text';
