import type { AdmissionContext, Candidate } from '@workflows/admission';
import type { LocalDate } from '@workflows/common/local-date';

/** The organisations a dossier's documents name, read from its cell's ancestry. */
export interface DossierOrganisations {
  /** The cell (chi bộ) or grassroots cell (chi bộ cơ sở) holding the dossier. */
  cell: string;
  /** The section (đảng ủy bộ phận) between the cell and the grassroots committee, if any. */
  section: string | null;
  /** The grassroots organisation (đảng bộ cơ sở); null when the cell is a grassroots cell. */
  grassroots: string | null;
  /** The committee whose standing committee decides (by the name of its body: "Thành ủy Bắc Kạn"). */
  committee: string;
  /** The committee above that one, if the tree holds it. */
  committeeSuperior: string | null;
  /** The grassroots committee decides admission and recognition itself. */
  delegatedAdmission: boolean;
}

/** Everything a document is filled from: the dossier's facts as its current snapshot holds them, and its names. */
export interface DocumentSource {
  candidate: Candidate;
  context: AdmissionContext;
  dates: Record<string, LocalDate | null>;
  organisations: DossierOrganisations;
}
