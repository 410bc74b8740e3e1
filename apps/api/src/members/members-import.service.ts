import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { inScope, type AuthenticatedUser } from '@libs/auth';
import { z } from 'zod';
import { DossierEngine, WorkflowRegistry, type CreateDossier } from '@libs/engine';
import { Clock } from '@libs/clock';
import type { OrganizationEntity } from '@libs/persistence';
import { DEFAULT_WORKFLOW } from '../dossiers/dossiers.service';
import { invalidRequest } from '../errors/api-error';
import { holdsDossiers, OrganizationsService } from '../organizations/organizations.service';

export const IMPORT_COLUMNS = [
  'fullName',
  'dateOfBirth',
  'gender',
  'ethnicity',
  'religion',
  'educationLevel',
  'generalEducation',
  'occupation',
  'youthUnionMember',
  'cellId',
  'decisionOn',
  'admittedOn',
  'officialFrom',
] as const;

/** Columns a file may leave out: past members' personal numbers are often not on record. */
export const OPTIONAL_IMPORT_COLUMNS = ['nationalId'] as const;

const MAX_ROWS = 50_000;
const YES = new Set(['true', '1', 'có', 'co', 'x', 'yes']);
const NO = new Set(['false', '0', 'không', 'khong', '', 'no']);

type Row = Record<(typeof IMPORT_COLUMNS)[number], string> &
  Partial<Record<(typeof OPTIONAL_IMPORT_COLUMNS)[number], string>>;

export type ParsedLine = { record: Row; info: { lines: number } };
export type RejectedLine = { line: number; message: string };
export type ImportMode = 'perLine' | 'allOrNothing';
type Progress = (processed: number) => Promise<void>;

/** Past members from a CSV file, so a committee can report on the years before the system. */
@Injectable()
export class MembersImportService {
  constructor(
    private readonly engine: DossierEngine,
    private readonly registry: WorkflowRegistry,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  /** Lines of the file checked one by one: the cases to load, and the lines refused with the reason. */
  async validate(user: AuthenticatedUser, records: ParsedLine[]) {
    const workflow = this.registry.latest(DEFAULT_WORKFLOW)!;
    const cells = new Map<string, OrganizationEntity | null>();
    const facts = new Map<string, unknown>();
    const rejected: RejectedLine[] = [];
    const cases: { line: number; command: CreateDossier }[] = [];
    const today = this.clock.today();

    for (const { record, info } of records) {
      const line = info.lines;
      const youth = record.youthUnionMember.toLowerCase();
      if (!YES.has(youth) && !NO.has(youth)) {
        rejected.push({
          line,
          message: `youthUnionMember: "${record.youthUnionMember}" không phải có/không (true/false)`,
        });
        continue;
      }
      const payload = {
        candidate: {
          fullName: record.fullName,
          ...(record.nationalId ? { nationalId: record.nationalId } : {}),
          dateOfBirth: record.dateOfBirth,
          gender: record.gender,
          ethnicity: record.ethnicity,
          religion: record.religion,
          educationLevel: record.educationLevel,
          generalEducation: record.generalEducation,
          occupation: record.occupation,
          youthUnionMember: YES.has(youth),
        },
        decisionOn: record.decisionOn,
        admittedOn: record.admittedOn,
        officialFrom: record.officialFrom || null,
      };
      const parsed = workflow.imports!.schema.safeParse(payload);
      if (!parsed.success) {
        rejected.push({
          line,
          message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
        continue;
      }
      const member = parsed.data as typeof payload;
      const latest = member.officialFrom ?? member.admittedOn;
      if (latest > today) {
        rejected.push({ line, message: `Ngày ${latest} ở tương lai / date in the future` });
        continue;
      }
      if (!cells.has(record.cellId)) cells.set(record.cellId, await this.cellInScope(user, record.cellId));
      const cell = cells.get(record.cellId);
      if (!cell) {
        rejected.push({
          line,
          message: `cellId: không có chi bộ ${record.cellId} trong phạm vi của bạn / no such cell in your scope`,
        });
        continue;
      }
      if (!facts.has(cell.path)) facts.set(cell.path, await this.organizations.admissionFacts(cell.path));
      cases.push({
        line,
        command: {
          workflow,
          cellId: cell.id,
          orgPath: cell.path,
          payload: member,
          occurredOn: latest,
          actor: { id: user.id, username: user.username, roles: user.roles },
          facts: facts.get(cell.path),
        },
      });
    }
    return { cases, rejected };
  }

  /**
   * Imports a checked file in one transaction. `perLine`: the valid lines are stored together and the others are
   * reported; `allOrNothing`: one refused line stores nothing. Either way no line is stored without the others
   * the answer reports as imported.
   */
  async run(user: AuthenticatedUser, records: ParsedLine[], mode: ImportMode, onProgress?: Progress) {
    const { cases, rejected } = await this.validate(user, records);
    if (mode === 'allOrNothing' && rejected.length) return { imported: 0, rejected, committed: false };
    const { outcomes, committed } = await this.engine.importAll(
      cases.map((c) => c.command),
      { atomic: mode === 'allOrNothing', onProgress },
    );
    outcomes.forEach((outcome, index) => {
      if ('refused' in outcome)
        rejected.push({
          line: cases[index].line,
          message: `nationalId: đã có hồ sơ đang mở của người có số định danh ${outcome.refused.identifier ?? ''} (DUPLICATE_CANDIDATE)`,
        });
    });
    rejected.sort((a, b) => a.line - b.line);
    const imported = committed ? outcomes.filter((outcome) => 'id' in outcome).length : 0;
    return { imported, rejected, committed };
  }

  /** A whole file, line by line (the seed's demo history). */
  async import(user: AuthenticatedUser, csv: string) {
    const { imported, rejected } = await this.run(user, this.parse(csv), 'perLine');
    return { imported, rejected };
  }

  /** The file's lines, or 400 for a file that is not CSV, lacks columns or is too long. */
  parse(csv: string): ParsedLine[] {
    let records: ParsedLine[];
    try {
      records = parse(csv, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
    } catch (error) {
      throw invalidRequest(
        [{ path: 'body', message: (error as Error).message }],
        'Tệp CSV không đọc được / unreadable CSV',
      );
    }
    const header = records.length ? Object.keys(records[0].record) : [];
    const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
    if (records.length && missing.length)
      throw invalidRequest(
        [{ path: 'header', message: `missing columns: ${missing.join(', ')}` }],
        'Thiếu cột / missing columns',
      );
    if (records.length > MAX_ROWS)
      throw invalidRequest([
        { path: 'body', message: `Tối đa ${MAX_ROWS} dòng mỗi tệp / at most ${MAX_ROWS} rows per file` },
      ]);
    return records;
  }

  private async cellInScope(user: AuthenticatedUser, id: string): Promise<OrganizationEntity | null> {
    if (!z.uuid().safeParse(id).success) return null;
    const cell = await this.organizations.findById(id);
    return cell && holdsDossiers(cell.kind) && inScope(user, cell.path) ? cell : null;
  }
}
