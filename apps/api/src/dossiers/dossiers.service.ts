import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import { preparedStatement } from '@libs/persistence';
import { ServiceMetrics } from '@libs/metrics';
import { countTransition, type TransitionAttempt } from '../metrics/transition-outcome';
import {
  inScope,
  UnauthenticatedError,
  type AccessToConfirm,
  type AuthenticatedUser,
  type CurrentAccess,
  type TokenClaims,
} from '@libs/auth';
import { OfficeCalendar } from '@libs/calendar';
import { Clock } from '@libs/clock';
import {
  lockedRecordColumns,
  dossierWithDeadlinesColumns,
  DossierEngine,
  DuplicateSubjectError,
  RuleViolationError,
  RoleNotAllowedError,
  validateCreation,
  validateEvent,
  WorkflowRegistry,
  type Actor,
  type DossierRecord,
  type LockedRecord,
} from '@libs/engine';
import type { OrgFacts } from '@workflows/admission';
import { futureDateViolation } from '@workflows/admission/rules/date.rules';
import { isLocalDate } from '@workflows/common/local-date';
import { foldForSearch } from '@workflows/common/search-text';
import { VOID_LAST_EVENT } from '@workflows/common/workflow-definition';
import { ApiError, notFound } from '../errors/api-error';
import { closedOrganization } from '../organizations/organization-rules';
import {
  admissionFactsOf,
  ancestryFactsOnSql,
  ancestryFactsSql,
  holdsDossiers,
  OrganizationsService,
  type AncestorFacts,
} from '../organizations/organizations.service';
import { currentAccessSql } from '../users/users.service';
import { toDossierView, type DossierView } from './dossier-view';

export const DEFAULT_WORKFLOW = 'admission';

/** One entry of `GET /api/dossiers/:id/history`. */
export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string; username: string };
  occurredOn: string;
  recordedAt: string;
  fromState: unknown;
  toState: unknown;
  policyVersion: string;
  orgId: string | null;
  /** The `VOID_LAST_EVENT` that voided this event, if one did. */
  voidedBySeq: number | null;
}

export interface DossierFilters {
  state?: string;
  cellId?: string;
  /** Any organisation: the dossiers held in its subtree (within the caller's scope). */
  orgId?: string;
  /** The year the dossier was opened (the candidate identified). */
  year?: number;
  overdue?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

/** The date an event claims, read before validation; a malformed one is refused by the validation itself. */
const occurredOnOf = (body: unknown): string | null => {
  const date = (body as { occurredOn?: unknown } | null)?.occurredOn;
  return typeof date === 'string' && isLocalDate(date) && date >= '1900-01-01' && date <= '2199-12-31' ? date : null;
};

/**
 * The dossier locked for an event (the engine's first statement on it), with what judging the event needs, read in
 * the same statement instead of round trips of their own: the caller's access now (the user in $3, as
 * `users.current-access` reads it: the guard does not, see `AccessConfirmedByHandler`) and the facts of the dossier's
 * organisations, today's and those of the date in $2 (see `factsOf`), all as of the statement's start, as reads
 * before the lock would read them; and the dossier's deadline rows (see `lockedRecordColumns`). It always answers one row, with the access (null columns: no such user, disabled
 * or deleted), and the dossier only when it is locked: only while the access honours the token (version in $4) and
 * within the caller's scope as the row says now, so that a revoked token or a caller outside the scope neither takes
 * nor waits for the lock of a dossier they may not touch (the lateral subquery is not run otherwise).
 */
const LOCK_WITH_FACTS_SQL = preparedStatement(
  'dossiers.lock-with-facts',
  `SELECT caller."tokenVersion", caller."scopeOrgId", caller."scopePath", locked.*
   FROM (VALUES (true)) AS one(row)
   LEFT JOIN LATERAL (${currentAccessSql('$3')}) caller ON true
   LEFT JOIN LATERAL (
     SELECT ${lockedRecordColumns('d')}, ${ancestryFactsSql('d.org_path')} AS ancestry,
       CASE WHEN $2::date IS NOT NULL THEN ${ancestryFactsOnSql('d.id', '$2')} END AS "ancestryThen"
     FROM dossiers d
     WHERE d.id = $1 AND caller."tokenVersion" = $4
       AND (caller."scopePath" IS NULL OR starts_with(d.org_path, caller."scopePath"))
     FOR UPDATE OF d
   ) locked ON true`,
);

/** A dossier as LOCK_WITH_FACTS_SQL reads it, with the caller's access. */
type LockedWithFacts = LockedRecord &
  CurrentAccess & { ancestry: AncestorFacts[]; ancestryThen: AncestorFacts[] | null };

/** The caller's access as LOCK_WITH_FACTS_SQL read it: null for no user, disabled or deleted. */
const accessOf = (row: LockedRecord | undefined): CurrentAccess | null => {
  const read = row as LockedWithFacts | undefined;
  if (!read || read.tokenVersion === null) return null;
  return { tokenVersion: read.tokenVersion, scopeOrgId: read.scopeOrgId, scopePath: read.scopePath };
};

/**
 * The facts an event is judged by: those of the dossier's organisations as they were on the event's date (a
 * decision entered after a reorganisation is judged by the committee that took it), falling back to today's tree
 * where the history says nothing.
 */
function factsOf({ ancestry, ancestryThen }: LockedWithFacts): OrgFacts {
  const today = admissionFactsOf(ancestry);
  if (!ancestryThen) return today;
  const then = admissionFactsOf(ancestryThen);
  return {
    ...today,
    hasSection: then.hasSection,
    delegatedAdmission: then.delegatedAdmission,
    committeeSize: then.committeeSize,
    grassrootsCell: then.grassrootsCell,
    youthUnionPresent: then.youthUnionPresent,
  };
}

const actorOf = (user: TokenClaims): Actor => ({ id: user.id, username: user.username, roles: user.roles });

/** A dossier read for its view, with its organisations' facts (who may record what there). */
export type ViewedRecord = DossierRecord & { ancestry?: AncestorFacts[] };

/** The select list of `ViewedRecord`: `alias` names the dossiers table. */
export const viewedRecordColumns = (alias: string) =>
  `${dossierWithDeadlinesColumns(alias)}, ${ancestryFactsSql(`${alias}.org_path`)} AS ancestry`;

@Injectable()
export class DossiersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: DossierEngine,
    @Inject(WorkflowRegistry) private readonly registry: WorkflowRegistry,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly calendar: OfficeCalendar,
    private readonly metrics: ServiceMetrics,
  ) {}

  /** `snapshot`: the dossier's machine snapshot when the caller has it (a transition just made it). */
  view(
    record: ViewedRecord,
    user: AuthenticatedUser,
    facts: OrgFacts = admissionFactsOf(record.ancestry ?? []),
    snapshot = this.engine.restore(record),
  ) {
    const definition = this.engine.definitionOf(record);
    const viewer = { id: user.id, roles: user.roles, today: this.clock.today() };
    return toDossierView(record, definition, snapshot, viewer, facts, this.workingDaysLeft());
  }

  /** Working days from today to a due date, negative once it has passed. */
  workingDaysLeft(): (dueOn: string) => number {
    const today = this.clock.today();
    return (dueOn) => this.calendar.calendar.workingDaysBetween(today, dueOn);
  }

  async create(
    user: AuthenticatedUser,
    body: { cellId: string; occurredOn: string; workflow?: string; [k: string]: unknown },
  ) {
    const workflow = this.registry.latest(body.workflow ?? DEFAULT_WORKFLOW);
    if (!workflow) throw notFound(`Không có quy trình ${body.workflow} / unknown workflow`);
    if (!workflow.creation.roles.some((role) => user.roles.includes(role)))
      throw new RoleNotAllowedError('CREATE_DOSSIER');
    const { organization: cell, facts } = await this.organizations.findInScopeWithFacts(user, body.cellId);
    if (!holdsDossiers(cell.kind))
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'NOT_A_CELL',
        'Hồ sơ phải thuộc một chi bộ hoặc chi bộ cơ sở / a dossier belongs to a cell or a grassroots cell',
      );
    if (cell.closedOn) throw closedOrganization(cell.name);
    const { cellId: _cellId, occurredOn, workflow: _workflow, ...rest } = body;
    const payload = validateCreation(workflow, rest);
    // The same rule as for every event: a candidate cannot be identified on a day still to come.
    const future = futureDateViolation(occurredOn, this.clock.today());
    if (future) throw new RuleViolationError(future);
    // Another open dossier of the same person: the unique index refuses the insert, and the refusal is explained.
    const record = await this.withDuplicatesExplained(user, () =>
      this.engine.create({
        workflow,
        cellId: cell.id,
        orgPath: cell.path,
        payload,
        occurredOn,
        actor: actorOf(user),
        facts,
      }),
    );
    return this.view(record, user, facts);
  }

  /** 409 DUPLICATE_CANDIDATE when an open dossier already concerns this person (its id only if the caller may see it). */
  private async refuseDuplicate(user: AuthenticatedUser, nationalId: string, exceptId?: string): Promise<void> {
    const [open] = await this.dataSource.query(
      `SELECT id, org_path AS "orgPath" FROM dossiers
       WHERE national_id = $1 AND closed_on IS NULL AND id IS DISTINCT FROM $2 LIMIT 1`,
      [nationalId, exceptId ?? null],
    );
    if (!open) return;
    const visible = inScope(user, open.orgPath);
    throw new ApiError(
      HttpStatus.CONFLICT,
      'DUPLICATE_CANDIDATE',
      `Đã có hồ sơ đang mở của người có số định danh ${nationalId} / an open dossier already concerns this person`,
      visible ? { dossierId: open.id } : {},
    );
  }

  /** A write that lost the race against another dossier of the same person answers as the check before it would. */
  private async withDuplicatesExplained<T>(user: AuthenticatedUser, work: () => Promise<T>, exceptId?: string) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DuplicateSubjectError && error.identifier)
        await this.refuseDuplicate(user, error.identifier, exceptId);
      throw error;
    }
  }

  async get(user: AuthenticatedUser, id: string): Promise<DossierView> {
    return this.view(await this.load(user, id), user);
  }

  async load(user: AuthenticatedUser, id: string): Promise<ViewedRecord> {
    const [record]: ViewedRecord[] = await this.dataSource.query(
      `SELECT ${viewedRecordColumns('d')} FROM dossiers d WHERE d.id = $1`,
      [id],
    );
    if (!record || !inScope(user, record.orgPath)) throw notFound('Không tìm thấy hồ sơ / dossier not found');
    return record;
  }

  async list(user: AuthenticatedUser, filters: DossierFilters) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (user.scopePath) add((p) => `d.org_path LIKE ${p}`, `${user.scopePath}%`);
    if (filters.state) add((p) => `d.state = ${p}`, filters.state);
    if (filters.cellId) add((p) => `d.cell_id = ${p}`, filters.cellId);
    if (filters.orgId)
      add((p) => `d.org_path LIKE (SELECT o.path FROM organizations o WHERE o.id = ${p}) || '%'`, filters.orgId);
    if (filters.year) {
      add((p) => `d.dates->>'identifiedOn' >= ${p}`, `${filters.year}-01-01`);
      add((p) => `d.dates->>'identifiedOn' < ${p}`, `${filters.year + 1}-01-01`);
    }
    const q = filters.q ? foldForSearch(filters.q) : '';
    if (q) add((p) => `d.search_text LIKE ${p}`, `%${q.replace(/[\\%_]/g, '\\$&')}%`);
    if (filters.overdue)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM deadlines l WHERE l.dossier_id = d.id AND l.status = 'open' AND l.is_step AND l.due_on < ${p})`,
        this.clock.today(),
      );
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM dossiers d ${condition}`,
      params,
    );
    // The page's ids are chosen first (by the index on updated_at), then its rows, deadlines and ancestry read: in
    // one SELECT, PostgreSQL would compute them for every dossier in scope before sorting.
    const rows: ViewedRecord[] = await this.dataSource.query(
      `SELECT ${viewedRecordColumns('d')}
       FROM (SELECT d.id, d.updated_at FROM dossiers d ${condition}
             ORDER BY d.updated_at DESC, d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page
       JOIN dossiers d ON d.id = page.id
       ORDER BY page.updated_at DESC, page.id`,
      [...params, filters.limit, filters.offset],
    );
    return { items: rows.map((row) => this.view(row, user)), total };
  }

  /**
   * Records an event on the dossier; every attempt of a caller whose access holds is counted by workflow, event type
   * and outcome (metrics). The caller's access is read by the statement that locks the dossier
   * (`AccessConfirmedByHandler`); a revoked token is refused 401, uncounted, as the guard refuses it elsewhere.
   */
  async applyEvent(
    caller: AccessToConfirm,
    id: string,
    body: unknown,
    headers: { ifMatch?: number; idempotencyKey?: string },
  ) {
    const attempt: TransitionAttempt = { workflow: 'unknown', event: 'unknown' };
    try {
      const response = await this.recordEvent(caller, id, body, headers, attempt);
      countTransition(this.metrics, attempt);
      return response;
    } catch (error) {
      // Read again only when the lock statement did not answer: a failed read is answered, uncounted, as the guard's.
      if (!(await caller.confirm())) throw new UnauthenticatedError();
      countTransition(this.metrics, attempt, error);
      throw error;
    }
  }

  private async recordEvent(
    caller: AccessToConfirm,
    id: string,
    body: unknown,
    headers: { ifMatch?: number; idempotencyKey?: string },
    attempt: TransitionAttempt,
  ) {
    // The caller as the lock statement read them now, set by `admit` before anything is judged for them.
    let user: AuthenticatedUser | null = null;
    const admitted = () => {
      if (!user) throw new Error('The caller is judged before being admitted');
      return user;
    };
    try {
      const { response } = await this.engine.apply({
        dossierId: id,
        actor: actorOf(caller.claims),
        admit: (row) => {
          user = caller.admit(accessOf(row));
          if (!user) throw new UnauthenticatedError();
        },
        inScope: (orgPath) => inScope(admitted(), orgPath),
        ifMatch: headers.ifMatch,
        idempotencyKey: headers.idempotencyKey,
        lock: {
          statement: LOCK_WITH_FACTS_SQL,
          params: [occurredOnOf(body), caller.claims.id, caller.claims.tokenVersion],
        },
        accept: (record, db) => this.accept(admitted(), record as LockedWithFacts, body, attempt, db),
      });
      return response;
    } catch (error) {
      // A write that lost the race against another dossier of the same person answers as the check before it would.
      if (error instanceof DuplicateSubjectError && error.identifier && user)
        await this.refuseDuplicate(user, error.identifier, id);
      throw error;
    }
  }

  /** The event in `body`, checked against the definition the locked dossier runs on and its organisations' facts. */
  private async accept(
    user: AuthenticatedUser,
    record: LockedWithFacts,
    body: unknown,
    attempt: TransitionAttempt,
    db: QueryRunner,
  ) {
    const definition = this.engine.definitionOf(record);
    attempt.workflow = definition.name;
    const event = validateEvent(definition, body, user.roles);
    attempt.event = event.type;
    const facts = factsOf(record);
    if (!definition.rolesFor(event.type, facts).some((role) => user.roles.includes(role)))
      throw new RoleNotAllowedError(event.type);
    const target =
      definition.relocation?.eventType === event.type
        ? await this.transferTarget(user, record.cellId, definition.relocation.targetOrgId(event.payload), db)
        : undefined;
    const relocateTo = target?.place;
    // The answer shows the dossier where it now is: after a transfer, with the facts of its new cell's organisations.
    const factsAfter = target?.facts ?? facts;
    return {
      event,
      facts,
      relocateTo,
      render: (after: DossierRecord, snapshot: AnyMachineSnapshot) => this.view(after, user, factsAfter, snapshot),
    };
  }

  /**
   * The cell a dossier is transferred to, with its organisations' facts: in the caller's scope, open, able to hold
   * dossiers, not its own (read on `db`).
   */
  private async transferTarget(user: AuthenticatedUser, fromCellId: string, toCellId: string, db: QueryRunner) {
    const { organization: cell, facts } = await this.organizations.findInScopeWithFacts(user, toCellId, db);
    if (!holdsDossiers(cell.kind))
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'NOT_A_CELL',
        'Hồ sơ chỉ chuyển sang một chi bộ / a dossier moves to a cell',
      );
    if (cell.closedOn) throw closedOrganization(cell.name);
    if (cell.id === fromCellId)
      throw new RuleViolationError({
        rule: 'transfer.sameCell',
        message: { vi: 'Hồ sơ đã thuộc chi bộ này.', en: 'The dossier already belongs to this cell.' },
        citation: '06-HD/TW (2025): chuyển sinh hoạt đảng là chuyển sang tổ chức đảng khác',
      });
    return { place: { orgId: cell.id, orgPath: cell.path }, facts };
  }

  /** The definition a dossier runs on, read before validation; a dossier out of scope is not found. */
  private async definitionFor(user: AuthenticatedUser, id: string) {
    const [row] = await this.dataSource.query(
      'SELECT workflow_name AS "workflowName", workflow_version AS "workflowVersion", org_path AS "orgPath" FROM dossiers WHERE id = $1',
      [id],
    );
    if (!row || !inScope(user, row.orgPath)) throw notFound('Không tìm thấy hồ sơ / dossier not found');
    return { definition: this.engine.definitionOf(row), orgPath: row.orgPath as string };
  }

  async history(user: AuthenticatedUser, id: string): Promise<HistoryEntry[]> {
    await this.definitionFor(user, id);
    const rows = await this.dataSource.query(
      `SELECT e.seq, e.type, e.payload, e.actor_id AS "actorId", e.actor_username AS "actorUsername",
         e.occurred_on AS "occurredOn", e.recorded_at AS "recordedAt", e.from_state AS "fromState",
         e.to_state AS "toState", e.policy_version AS "policyVersion", e.org_id AS "orgId", v.seq AS "voidedBySeq"
       FROM dossier_events e
       LEFT JOIN dossier_events v ON v.dossier_id = e.dossier_id AND v.type = $2 AND (v.payload->>'voidsSeq')::int = e.seq
       WHERE e.dossier_id = $1 ORDER BY e.seq`,
      [id, VOID_LAST_EVENT],
    );
    return rows.map(
      ({ actorId, actorUsername, recordedAt, ...event }: Record<string, unknown>) =>
        ({
          ...event,
          actor: { id: actorId, username: actorUsername },
          recordedAt: new Date(recordedAt as string).toISOString(),
        }) as HistoryEntry,
    );
  }

  async rejections(user: AuthenticatedUser, id: string) {
    await this.definitionFor(user, id);
    const rows = await this.dataSource.query(
      `SELECT id::int, type, payload, actor_id AS "actorId", actor_username AS "actorUsername", occurred_on AS "occurredOn",
         rule, message, recorded_at AS "recordedAt" FROM rejected_events WHERE dossier_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map(({ actorId, actorUsername, recordedAt, ...rejection }: Record<string, unknown>) => ({
      ...rejection,
      actor: { id: actorId, username: actorUsername },
      recordedAt: new Date(recordedAt as string).toISOString(),
    }));
  }
}
