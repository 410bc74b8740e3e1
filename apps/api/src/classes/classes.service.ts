import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessTokens, inScope, type AuthenticatedUser } from '@libs/auth';
import { EngineError } from '@libs/engine';
import { DossiersService } from '../dossiers/dossiers.service';
import { ApiError, notFound } from '../errors/api-error';
import { engineErrorBody } from '../errors/api-exception.filter';
import { OrganizationsService } from '../organizations/organizations.service';
import { certificateNumber } from './certificate-number';

export const CLASS_KINDS = ['awareness', 'newMember', 'committeeStaff'] as const;
export type ClassKind = (typeof CLASS_KINDS)[number];

export interface NewClass {
  kind: ClassKind;
  name: string;
  organizerOrgId: string;
  startsOn: string;
  endsOn: string;
  issuer: string;
}

/** A class as the API answers it. */
export interface TrainingClassSummary {
  id: string;
  kind: ClassKind;
  name: string;
  organizerOrgId: string;
  startsOn: string;
  endsOn: string;
  issuer: string;
  closedOn: string | null;
}

/** What closing the class did on a participant's dossier: recorded its certificate, or why the dossier refused it. */
export interface ParticipantOutcome {
  status: 'issued' | 'recorded' | 'refused';
  state?: unknown;
  version?: number;
  httpStatus?: number;
  code?: string;
  message?: string;
}

/** A participant, with the certificate number and the outcome of its recording once the class is closed. */
export interface ClassParticipant {
  id: string;
  dossierId: string | null;
  fullName: string;
  certificateNo: string | null;
  outcome: ParticipantOutcome | null;
}

export type TrainingClassView = TrainingClassSummary & { participants: ClassParticipant[] };

/** The outcome of closing a class, for each participant the caller may see. */
export interface ClassClosing {
  id: string;
  closedOn: string;
  results: (Omit<ClassParticipant, 'id' | 'outcome'> & ParticipantOutcome & { participantId: string })[];
}

const CLASS_COLUMNS = `c.id, c.kind, c.name, c.organizer_org_id AS "organizerOrgId", c.starts_on AS "startsOn",
  c.ends_on AS "endsOn", c.issuer, c.closed_on AS "closedOn", c.organizer_path AS "organizerPath"`;

/** The certificate a closed class records on each participant's dossier. */
function certificateEvent(kind: ClassKind, certificateNo: string, closedOn: string, issuer: string) {
  if (kind === 'awareness')
    return { type: 'RECORD_AWARENESS_CERTIFICATE', occurredOn: closedOn, certificateNo, issuedOn: closedOn, issuer };
  if (kind === 'newMember') return { type: 'RECORD_NEW_MEMBER_TRAINING', occurredOn: closedOn, certificateNo };
  return null;
}

/** Training classes (lớp bồi dưỡng): awareness, new member and committee staff, with their participants. */
@Injectable()
export class ClassesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly dossiers: DossiersService,
    private readonly tokens: AccessTokens,
  ) {}

  async create(user: AuthenticatedUser, input: NewClass) {
    const organizer = await this.organizations.findInScope(user, input.organizerOrgId);
    const [row] = await this.dataSource.query(
      `INSERT INTO training_classes (kind, name, organizer_org_id, organizer_path, starts_on, ends_on, issuer)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.kind, input.name, organizer.id, organizer.path, input.startsOn, input.endsOn, input.issuer],
    );
    return this.get(user, row.id);
  }

  async get(user: AuthenticatedUser, id: string): Promise<TrainingClassView> {
    const { organizerPath: _path, ...trainingClass } = await this.read(user, id);
    return trainingClass;
  }

  /** The class as `get` shows it, with the organiser's path (for the read audit). */
  read(user: AuthenticatedUser, id: string) {
    return this.withParticipants(user, id, user.scopePath);
  }

  /**
   * The class with its participants whose dossier lies under `visiblePath` (all when null): a class may gather
   * candidates of several organisations, and a participant's dossier is shown only to those who may see it.
   * Participants named without a dossier belong to the class itself.
   */
  private async withParticipants(
    user: AuthenticatedUser,
    id: string,
    visiblePath: string | null,
  ): Promise<TrainingClassView & { organizerPath: string }> {
    const [found] = await this.dataSource.query(`SELECT ${CLASS_COLUMNS} FROM training_classes c WHERE c.id = $1`, [
      id,
    ]);
    if (!found || !inScope(user, found.organizerPath)) throw notFound('Không tìm thấy lớp / class not found');
    const participants = await this.dataSource.query(
      `SELECT p.id, p.dossier_id AS "dossierId", p.full_name AS "fullName", p.certificate_no AS "certificateNo",
         p.outcome
       FROM class_participants p LEFT JOIN dossiers d ON d.id = p.dossier_id
       WHERE p.class_id = $1 AND (p.dossier_id IS NULL OR $2::text IS NULL OR d.org_path LIKE $2 || '%')
       ORDER BY p.enrolled_at, p.full_name`,
      [id, visiblePath],
    );
    return { ...found, participants };
  }

  list(
    user: AuthenticatedUser,
    filters: { year?: number; kind?: ClassKind },
  ): Promise<(TrainingClassSummary & { participants: number })[]> {
    return this.dataSource.query(
      `SELECT ${CLASS_COLUMNS.replace(', c.organizer_path AS "organizerPath"', '')},
         (SELECT count(*)::int FROM class_participants p LEFT JOIN dossiers d ON d.id = p.dossier_id
          WHERE p.class_id = c.id AND (p.dossier_id IS NULL OR $1::text IS NULL OR d.org_path LIKE $1 || '%'))
           AS participants
       FROM training_classes c
       WHERE ($1::text IS NULL OR c.organizer_path LIKE $1 || '%') AND ($2::int IS NULL OR extract(year FROM c.ends_on) = $2)
         AND ($3::text IS NULL OR c.kind = $3)
       ORDER BY c.starts_on DESC`,
      [user.scopePath, filters.year ?? null, filters.kind ?? null],
    );
  }

  async enrol(user: AuthenticatedUser, classId: string, participant: { dossierId?: string; fullName?: string }) {
    const trainingClass = await this.get(user, classId);
    if (trainingClass.closedOn)
      throw new ApiError(HttpStatus.CONFLICT, 'CLASS_CLOSED', 'Lớp đã kết thúc / the class is closed');
    let fullName = participant.fullName;
    if (participant.dossierId)
      fullName = (await this.dossiers.get(user, participant.dossierId)).candidate.fullName as string;
    const [row] = await this.dataSource.query(
      `INSERT INTO class_participants (class_id, dossier_id, full_name) VALUES ($1, $2, $3)
       ON CONFLICT (class_id, dossier_id) DO NOTHING RETURNING id`,
      [classId, participant.dossierId ?? null, fullName],
    );
    if (!row)
      throw new ApiError(HttpStatus.CONFLICT, 'ALREADY_ENROLLED', 'Đã có trong danh sách lớp / already enrolled');
    return this.get(user, classId);
  }

  /**
   * Closes the class and issues its certificates: the certificate event is recorded on every participant's dossier,
   * each on its own; a dossier that refuses it (wrong state, a rule) is reported and does not stop the others.
   */
  async close(
    user: AuthenticatedUser,
    classId: string,
    closedOn: string,
    certificatePrefix: string,
  ): Promise<ClassClosing> {
    // Every participant gets a certificate number; a dossier outside the caller's scope refuses the event (404).
    const trainingClass = await this.withParticipants(user, classId, null);
    const visible = new Set((await this.get(user, classId)).participants.map((p) => p.id));
    // An UPDATE answers [rows, count] through TypeORM.
    const [closedRows] = await this.dataSource.query(
      `UPDATE training_classes SET closed_on = $2 WHERE id = $1 AND closed_on IS NULL AND $2 >= starts_on RETURNING id`,
      [classId, closedOn],
    );
    if (!closedRows.length)
      throw new ApiError(
        HttpStatus.CONFLICT,
        'CLASS_CLOSED',
        trainingClass.closedOn
          ? 'Lớp đã kết thúc / the class is already closed'
          : 'Ngày kết thúc trước ngày khai giảng / closes before it starts',
      );
    const results: ClassClosing['results'] = [];
    for (const [index, participant] of trainingClass.participants.entries()) {
      const certificateNo = certificateNumber(certificatePrefix, index);
      const event = certificateEvent(trainingClass.kind, certificateNo, closedOn, trainingClass.issuer);
      let outcome: ParticipantOutcome = { status: 'issued' };
      if (event && participant.dossierId) {
        try {
          const dossier = await this.dossiers.applyEvent(this.tokens.callerOf(user), participant.dossierId, event, {});
          outcome = { status: 'recorded', state: dossier.state, version: dossier.version };
        } catch (error) {
          if (!(error instanceof EngineError) && !(error instanceof HttpException)) throw error;
          const [status, body] =
            error instanceof EngineError ? engineErrorBody(error, false) : [error.getStatus(), error.getResponse()];
          outcome = { status: 'refused', httpStatus: status, ...(body as Omit<ParticipantOutcome, 'status'>) };
        }
      }
      await this.dataSource.query('UPDATE class_participants SET certificate_no = $2, outcome = $3 WHERE id = $1', [
        participant.id,
        certificateNo,
        JSON.stringify(outcome),
      ]);
      if (visible.has(participant.id))
        results.push({
          participantId: participant.id,
          dossierId: participant.dossierId,
          fullName: participant.fullName,
          certificateNo,
          ...outcome,
        });
    }
    return { id: classId, closedOn, results };
  }
}
