import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, type AuthenticatedUser } from '@libs/auth';
import {
  DOCUMENT_FORMS,
  documentEntry,
  findForm,
  renderClassCertificates,
  renderForm,
  type CertifiedParticipant,
  type DocumentForm,
  type DocumentSource,
} from '@libs/documents';
import { DossierEngine } from '@libs/engine';
import type { AdmissionContext, Candidate } from '@workflows/admission';
import { DossiersService } from '../dossiers/dossiers.service';
import { ApiError, notFound } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { dossierOrganisations, type Ancestor } from './dossier-organisations';

export interface RenderedFile {
  fileName: string;
  content: Buffer;
}

/** The certificates of a class, with what they show for the read audit. */
export interface RenderedCertificates extends RenderedFile {
  dossierIds: string[];
  organizerPath: string;
}

const notAvailable = (message: string) => new ApiError(HttpStatus.CONFLICT, 'DOCUMENT_NOT_AVAILABLE', message);

/**
 * The official documents of a dossier, filled from its current snapshot: a voided event is no longer in the
 * snapshot, so it feeds no document. Scope and roles are those of reading the dossier.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
    private readonly engine: DossierEngine,
    private readonly organizations: OrganizationsService,
  ) {}

  private async source(user: AuthenticatedUser, id: string): Promise<DocumentSource | null> {
    const record = await this.dossiers.load(user, id);
    if (record.workflowName !== 'admission') return null;
    const context = this.engine.restore(record).context as AdmissionContext;
    return {
      candidate: context.candidate as Candidate,
      context,
      dates: record.dates,
      organisations: dossierOrganisations(await this.organizations.ancestry(record.orgPath)),
    };
  }

  /**
   * The source as of the document's date: the organisations are named as they were that day (organisations are
   * renamed, merged and moved over time), starting from the cell that held the dossier then (it may have been
   * transferred since). Today's names when the records of that day are missing.
   */
  private async onItsDate(form: DocumentForm, source: DocumentSource, dossierId: string): Promise<DocumentSource> {
    const on = form.datedOn(source);
    if (!on) return source;
    const chain: Ancestor[] = await this.dataSource.query(
      `WITH cell AS (
           SELECT coalesce((SELECT e.org_id FROM dossier_events e WHERE e.dossier_id = d.id AND e.occurred_on <= $2
             ORDER BY e.seq DESC LIMIT 1), d.cell_id) AS id
           FROM dossiers d WHERE d.id = $1),
         chain AS (SELECT v.ancestors FROM organization_versions v JOIN cell ON v.org_id = cell.id WHERE v.valid @> $2::date)
         SELECT v.name, v.kind, v.delegated_admission AS "delegatedAdmission"
         FROM organization_versions v CROSS JOIN chain
         WHERE v.org_id = ANY(chain.ancestors) AND v.valid @> $2::date
         ORDER BY array_position(chain.ancestors, v.org_id)`,
      [dossierId, on],
    );
    return chain.length ? { ...source, organisations: dossierOrganisations(chain) } : source;
  }

  async list(user: AuthenticatedUser, id: string) {
    const source = await this.source(user, id);
    const entries = [];
    for (const form of source ? DOCUMENT_FORMS : []) {
      const dated = await this.onItsDate(form, source!, id);
      if (form.available(dated)) entries.push(documentEntry(form, dated));
    }
    return entries;
  }

  async render(user: AuthenticatedUser, id: string, code: string): Promise<RenderedFile> {
    const current = await this.source(user, id);
    const form = findForm(code);
    if (!form || !current) throw notFound(`Không có mẫu giấy tờ ${code} / unknown document`);
    const source = await this.onItsDate(form, current, id);
    if (!form.available(source))
      throw notAvailable(
        `Hồ sơ chưa đủ điều kiện để lập ${form.code} (${form.title}): bước tương ứng của quy trình chưa được ghi nhận`,
      );
    return {
      fileName: `${form.code} ${form.title} - ${source.candidate.fullName}.docx`,
      content: await renderForm(form, source),
    };
  }

  /**
   * The certificates of a closed class, one per participant the caller may see: a participant with a dossier is seen
   * through the dossier's scope, one without through the class's organiser. A class nobody in scope attends is not
   * found.
   */
  async classCertificates(user: AuthenticatedUser, classId: string): Promise<RenderedCertificates> {
    const [found] = await this.dataSource.query(
      `SELECT c.kind, c.name, c.issuer, c.starts_on AS "startsOn", c.ends_on AS "endsOn", c.closed_on AS "closedOn",
         c.organizer_path AS "organizerPath", o.name AS organizer
       FROM training_classes c JOIN organizations o ON o.id = c.organizer_org_id WHERE c.id = $1`,
      [classId],
    );
    if (!found) throw notFound('Không tìm thấy lớp / class not found');
    const rows: (CertifiedParticipant & { dossierId: string | null; orgPath: string | null })[] =
      await this.dataSource.query(
        `SELECT p.full_name AS "fullName", p.certificate_no AS "certificateNo", d.id AS "dossierId", d.org_path AS "orgPath",
         d.candidate->>'dateOfBirth' AS "dateOfBirth", cell.name AS cell
       FROM class_participants p
       LEFT JOIN dossiers d ON d.id = p.dossier_id
       LEFT JOIN organizations cell ON cell.id = d.cell_id
       WHERE p.class_id = $1 ORDER BY p.enrolled_at, p.full_name`,
        [classId],
      );
    const visible = rows.filter((row) => inScope(user, row.orgPath ?? found.organizerPath));
    if (!visible.length && !inScope(user, found.organizerPath)) throw notFound('Không tìm thấy lớp / class not found');
    if (!found.closedOn)
      throw notAvailable('Lớp chưa kết thúc nên chưa cấp giấy chứng nhận / the class is not closed yet');
    const participants = visible.map(({ orgPath: _orgPath, dossierId: _dossierId, ...participant }) => participant);
    return {
      fileName: `Giấy chứng nhận - ${found.name}.docx`,
      content: await renderClassCertificates(found, participants),
      dossierIds: visible.flatMap((row) => (row.dossierId ? [row.dossierId] : [])),
      organizerPath: found.organizerPath,
    };
  }
}
