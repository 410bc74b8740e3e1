import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, type AuthenticatedUser } from '@libs/auth';
import {
  availableDocuments,
  findForm,
  renderClassCertificates,
  renderForm,
  type CertifiedParticipant,
  type DocumentSource,
} from '@libs/documents';
import { DossierEngine } from '@libs/engine';
import type { AdmissionContext, Candidate } from '@workflows/admission';
import { DossiersService } from '../dossiers/dossiers.service';
import { ApiError, notFound } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { dossierOrganisations } from './dossier-organisations';

export interface RenderedFile {
  fileName: string;
  content: Buffer;
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

  async list(user: AuthenticatedUser, id: string) {
    const source = await this.source(user, id);
    return source ? availableDocuments(source) : [];
  }

  async render(user: AuthenticatedUser, id: string, code: string): Promise<RenderedFile> {
    const source = await this.source(user, id);
    const form = findForm(code);
    if (!form || !source) throw notFound(`Không có mẫu giấy tờ ${code} / unknown document`);
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
  async classCertificates(user: AuthenticatedUser, classId: string): Promise<RenderedFile> {
    const [found] = await this.dataSource.query(
      `SELECT c.kind, c.name, c.issuer, c.starts_on AS "startsOn", c.ends_on AS "endsOn", c.closed_on AS "closedOn",
         c.organizer_path AS "organizerPath", o.name AS organizer
       FROM training_classes c JOIN organizations o ON o.id = c.organizer_org_id WHERE c.id = $1`,
      [classId],
    );
    if (!found) throw notFound('Không tìm thấy lớp / class not found');
    const rows: (CertifiedParticipant & { orgPath: string | null })[] = await this.dataSource.query(
      `SELECT p.full_name AS "fullName", p.certificate_no AS "certificateNo", d.org_path AS "orgPath",
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
    const participants = visible.map(({ orgPath: _orgPath, ...participant }) => participant);
    return {
      fileName: `Giấy chứng nhận - ${found.name}.docx`,
      content: await renderClassCertificates(found, participants),
    };
  }
}
