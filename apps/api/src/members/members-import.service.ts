import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { inScope, type AuthenticatedUser } from '@libs/auth';
import { DossierEngine, DuplicateSubjectError, WorkflowRegistry } from '@libs/engine';
import type { OrganizationEntity } from '@libs/persistence';
import { todayInVietnam } from '@workflows/common/local-date';
import { DEFAULT_WORKFLOW } from '../dossiers/dossiers.service';
import { invalidRequest } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';

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

/** Past members from a CSV file, so a committee can report on the years before the system. */
@Injectable()
export class MembersImportService {
  constructor(
    private readonly engine: DossierEngine,
    private readonly registry: WorkflowRegistry,
    private readonly organizations: OrganizationsService,
  ) {}

  async import(user: AuthenticatedUser, csv: string) {
    const workflow = this.registry.latest(DEFAULT_WORKFLOW)!;
    const records = this.parse(csv);
    const cells = new Map<string, OrganizationEntity | null>();
    const rejected: { line: number; message: string }[] = [];
    let imported = 0;
    const today = todayInVietnam();

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
      try {
        await this.engine.import({
          workflow,
          cellId: cell.id,
          orgPath: cell.path,
          payload: member,
          occurredOn: latest,
          actor: { id: user.id, username: user.username, roles: user.roles },
          facts: await this.organizations.admissionFacts(cell.path),
        });
      } catch (error) {
        if (!(error instanceof DuplicateSubjectError)) throw error;
        rejected.push({
          line,
          message: `nationalId: đã có hồ sơ đang mở của người có số định danh ${record.nationalId} (DUPLICATE_CANDIDATE)`,
        });
        continue;
      }
      imported += 1;
    }
    return { imported, rejected };
  }

  private parse(csv: string): { record: Row; info: { lines: number } }[] {
    let records: { record: Row; info: { lines: number } }[];
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
      throw invalidRequest([{ path: 'body', message: `at most ${MAX_ROWS} rows per file` }]);
    return records;
  }

  private async cellInScope(user: AuthenticatedUser, id: string): Promise<OrganizationEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const cell = await this.organizations.findById(id);
    return cell && cell.kind === 'cell' && inScope(user, cell.path) ? cell : null;
  }
}
