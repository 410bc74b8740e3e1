import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Clock } from '@libs/clock';
import {
  commitWith,
  inRetriedTransaction,
  pipelined,
  preparedStatement,
  type PipelinedStatement,
} from '@libs/persistence';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { StoredPolicy } from '@workflows/common/policy-administration';
import { searchTextOf } from '@workflows/common/search-text';
import { VOID_LAST_EVENT, type WorkflowDefinition, type WorkflowEvent } from '@workflows/common/workflow-definition';
import type { Actor } from './actor';
import { ALL_DEADLINES_SQL, planDeadlineSync, type DeadlineChange, type SyncMode } from './deadline-sync';
import { lockedRecordColumns, topLevelState, type DeadlineRecord, type DossierRecord } from './dossier-record';
import {
  DossierNotFoundError,
  asDuplicateSubject,
  DuplicateSubjectError,
  EventNotAllowedError,
  IdempotencyKeyReusedError,
  RoleNotAllowedError,
  RuleViolationError,
  VersionConflictError,
} from './engine-errors';
import type { ValidEvent } from './event-validation';
import type { WorkflowRegistry } from './workflow-registry';

/** Called after a transition has committed: schedules or withdraws the wake-up calls of its deadlines. */
export type AfterCommit = (dossierId: string, changes: DeadlineChange[]) => Promise<void> | void;

export interface CreateDossier {
  workflow: WorkflowDefinition;
  cellId: string;
  orgPath: string;
  payload: Record<string, unknown>;
  occurredOn: string;
  actor: Actor;
  facts: unknown;
}

export interface ApplyEvent<TResponse> {
  dossierId: string;
  actor: Actor;
  /**
   * Called first with the row the lock statement answered (undefined for none), before the dossier is looked at:
   * where that statement reads the caller's access, it is judged here, and a refusal thrown.
   */
  admit?: (row: LockedRecord | undefined) => void;
  /** Whether the caller may see this dossier; a dossier out of scope is reported as not found. */
  inScope: (orgPath: string) => boolean;
  ifMatch?: number;
  idempotencyKey?: string;
  /**
   * The statement that locks the dossier, when the caller needs more of it than a `DossierRecord` (see `accept`):
   * it selects `DOSSIER_COLUMNS` and more for the id in $1, `params` from $2 on, FOR UPDATE OF the dossier's row.
   * It may answer a row without a dossier (for `admit`), its dossier columns null: the dossier is then not found.
   */
  lock?: { statement: string; params: unknown[] };
  /**
   * What the request records, judged against the dossier as the lock read it (with the lock's further columns),
   * before anything else: the event, and the facts it is judged by. Reads it needs go through `db`, the
   * transaction's own connection: a second pooled connection taken under the lock deadlocks the pool once as many
   * requests wait for that lock as the pool has connections. Its refusals are not kept as rejected events.
   */
  accept: (record: LockedRecord, db: QueryRunner) => Promise<Accepted<TResponse>> | Accepted<TResponse>;
}

/** The dossier as the lock read it: a `DossierRecord`, and whatever else the lock statement selected. */
export type LockedRecord = DossierRecord & Record<string, unknown>;

/** An event accepted for recording (see `ApplyEvent.accept`). */
export interface Accepted<TResponse> {
  event: ValidEvent;
  /** Facts about the dossier's organisations, computed by the application from `orgPath`. */
  facts: unknown;
  /** For the workflow's relocation event: the organisation (id and path) that holds the dossier from then on. */
  relocateTo?: OrgPlace;
  /** The answer, computed from the dossier after the event and its snapshot (stored with an idempotency key). */
  render: (record: DossierRecord, snapshot: AnyMachineSnapshot) => TResponse;
}

export interface OrgPlace {
  orgId: string;
  orgPath: string;
}

/** What recording an event stores: the next snapshot and payload, and what the engine does beside the machine. */
interface EventOutcome {
  next: AnyMachineSnapshot;
  payload: Record<string, unknown>;
  sync?: SyncMode;
  /** The organisation that holds the dossier from now on, when the event changes it. */
  relocateTo?: OrgPlace;
  /** For a voided transfer: the date of the holding it started, which is undone. */
  returnsFrom?: string;
}

/** One case of `importAll`: stored as the dossier `id`, or refused by the database. */
export type ImportOutcome = { id: string } | { refused: DuplicateSubjectError };

/** Rolls back an atomic import that met a refusal. */
class AtomicImportRefused extends Error {}

/** Dates the engine stores in typed columns for queries, when the workflow derives them. */
const DATE_COLUMNS: Record<string, string> = {
  identifiedOn: 'identified_on',
  decisionOn: 'decision_on',
  admittedOn: 'admitted_on',
  partyAgeFrom: 'party_age_from',
  probationEndsOn: 'probation_ends_on',
  officialFrom: 'official_from',
  closedOn: 'closed_on',
};
const DATE_KEYS = Object.keys(DATE_COLUMNS);

/** The dossier, locked for the transition: the first lock every transaction on a dossier takes. */
const LOCK_DOSSIER_SQL = preparedStatement(
  'engine.lock-dossier',
  `SELECT ${lockedRecordColumns('d')} FROM dossiers d WHERE d.id = $1 FOR UPDATE OF d`,
);

/** The typed date columns, from parameter $8 on. */
const DATE_ASSIGNMENTS = DATE_KEYS.map((key, i) => `${DATE_COLUMNS[key]} = $${i + 8}`).join(', ');

/**
 * The dossier's row rewritten and the event appended, in one statement (see `storing`). The event's seq is the
 * version the update wrote: NULL when the compare-and-set on the version missed, which the NOT NULL of seq refuses.
 */
const STORE_SQL = preparedStatement(
  'engine.store',
  `WITH stored AS (
     UPDATE dossiers SET state = $3, state_value = $4, snapshot = $5, dates = $6, ${DATE_ASSIGNMENTS},
       candidate = $22, full_name = $23, national_id = $24, search_text = $25,
       cell_id = coalesce($26::uuid, cell_id), org_path = coalesce($27, org_path), version = $2, updated_at = $28
     WHERE id = $1 AND version = $7 RETURNING version
   )
   INSERT INTO dossier_events (dossier_id, seq, type, payload, actor_id, actor_username, occurred_on, from_state,
     to_state, policy_version, org_id, recorded_at, snapshot)
   VALUES ($1, (SELECT version FROM stored), $15, $16, $17, $18, $19, $20, $4, $21,
     (SELECT cell_id FROM dossiers WHERE id = $1), $28, $5)
   RETURNING seq`,
);

/** The event a transition appends: written by the statement that stores the snapshot, with the new version as seq. */
interface AppendedEvent {
  type: string;
  payload: Record<string, unknown>;
  actor: Actor;
  occurredOn: string;
  from: AnyMachineSnapshot | null;
}

/** A stored dossier after its deadline sync, its machine snapshot, and the sync's changes. */
interface Synced {
  record: DossierRecord;
  snapshot: AnyMachineSnapshot;
  changes: DeadlineChange[];
}

/** What a dossier's row says before a transition stores it, and keeps after. */
type DossierBase = Pick<DossierRecord, 'id' | 'workflowName' | 'workflowVersion' | 'cellId' | 'orgPath' | 'createdAt'>;

/** The statements that store a transition, none needing another's answer, and what their answers mean. */
interface Storing {
  statements: PipelinedStatement[];
  outcome(answers: unknown[][]): Synced;
}

const IDEMPOTENCY_KEY_SQL =
  'INSERT INTO idempotency_keys (dossier_id, key, request_hash, response) VALUES ($1, $2, $3, $4)';

const VOIDING_RULE = 'Quy tắc ghi nhận hồ sơ: hủy bước ghi nhận nhầm, giữ lại cả hai trong lịch sử';

/**
 * The generic runtime: load → pure transition → persist snapshot, event and deadlines in one transaction.
 * It knows no workflow by name; definitions come from the registry.
 */
export class DossierEngine {
  /** Stored policy versions per workflow, read again after this long (at once in the process that publishes). */
  private static readonly POLICY_TTL_MS = 1000;
  private readonly policies = new Map<string, { readAt: number; versions: StoredPolicy[] }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly afterCommit: AfterCommit = () => undefined,
  ) {}

  definitionOf(record: Pick<DossierRecord, 'workflowName' | 'workflowVersion'>): WorkflowDefinition {
    const definition = this.registry.get(record.workflowName, record.workflowVersion);
    if (!definition) throw new Error(`Workflow ${record.workflowName} v${record.workflowVersion} is not registered`);
    return definition;
  }

  restore(record: Pick<DossierRecord, 'workflowName' | 'workflowVersion' | 'snapshot'>): AnyMachineSnapshot {
    const definition = this.definitionOf(record);
    const persisted = record.snapshot as { value: never; context: never };
    return definition.machine.resolveState({ value: persisted.value, context: persisted.context });
  }

  /** Forgets the stored policy versions of `workflow`, so the next event is judged by the ones just published. */
  policiesChanged(workflow: string): void {
    this.policies.delete(workflow);
  }

  /** Passes the stored policy versions to the workflow before it judges anything. */
  private async usePolicies(
    db: { query(sql: string, params: unknown[]): Promise<StoredPolicy[]> },
    definition: WorkflowDefinition,
  ): Promise<void> {
    if (!definition.policies) return;
    let cached = this.policies.get(definition.name);
    if (!cached || Date.now() - cached.readAt > DossierEngine.POLICY_TTL_MS) {
      const versions: StoredPolicy[] = await db.query(
        `SELECT version, effective_from AS "effectiveFrom", parameters, citation FROM policy_versions
         WHERE workflow = $1 ORDER BY effective_from, created_at`,
        [definition.name],
      );
      cached = { readAt: Date.now(), versions };
      this.policies.set(definition.name, cached);
    }
    definition.policies.use(cached.versions);
  }

  async create(command: CreateDossier): Promise<DossierRecord> {
    await this.usePolicies(this.dataSource, command.workflow);
    const input = command.workflow.creation.input(command.payload, command.occurredOn, command.facts);
    const [snapshot] = initialTransition(command.workflow.machine, input);
    return this.insertNew(command, snapshot, 'CREATE_DOSSIER');
  }

  /** Loads a past case straight into the state its records show, as one `IMPORT_RECORD` event. */
  async import(command: CreateDossier): Promise<DossierRecord> {
    await this.usePolicies(this.dataSource, command.workflow);
    return this.insertNew(command, this.importedSnapshot(command), 'IMPORT_RECORD');
  }

  private importedSnapshot({ workflow, payload }: CreateDossier): AnyMachineSnapshot {
    if (!workflow.imports) throw new Error(`Workflow ${workflow.name} has no import`);
    const { value, context } = workflow.imports.state(payload);
    return workflow.machine.resolveState({ value: value as never, context: context as never });
  }

  /**
   * Loads many past cases in one transaction, each behind a savepoint: a case the database refuses as a duplicate
   * subject is reported and the others go on; with `atomic`, any refusal rolls every case back. Either all the
   * cases reported stored are stored, or none is.
   */
  async importAll(
    commands: CreateDossier[],
    options: { atomic: boolean; onProgress?: (done: number) => Promise<void> },
  ): Promise<{ outcomes: ImportOutcome[]; committed: boolean }> {
    const stored: { id: string; changes: DeadlineChange[] }[] = [];
    const outcomes: ImportOutcome[] = [];
    for (const workflow of new Set(commands.map((command) => command.workflow)))
      await this.usePolicies(this.dataSource, workflow);
    try {
      await this.inTransaction(async (db) => {
        for (const [index, command] of commands.entries()) {
          await db.query('SAVEPOINT import_case');
          try {
            const snapshot = this.importedSnapshot(command);
            const created = await this.insertDossier(db, command, snapshot);
            const { payload, actor, occurredOn } = command;
            const event = { type: 'IMPORT_RECORD', payload, actor, occurredOn, from: null };
            const storing = this.storing(created, command.workflow, snapshot, event, { from: 1, to: 1 }, []);
            const { id } = created;
            const { changes } = storing.outcome(await pipelined(db, storing.statements));
            await db.query('RELEASE SAVEPOINT import_case');
            stored.push({ id, changes });
            outcomes.push({ id });
          } catch (error) {
            const duplicate = asDuplicateSubject(error);
            if (!duplicate) throw error;
            await db.query('ROLLBACK TO SAVEPOINT import_case');
            outcomes.push({ refused: duplicate });
          }
          if (options.onProgress && (index + 1) % 500 === 0) await options.onProgress(index + 1);
        }
        if (options.atomic && outcomes.some((outcome) => 'refused' in outcome)) throw new AtomicImportRefused();
      });
    } catch (error) {
      if (error instanceof AtomicImportRefused) return { outcomes, committed: false };
      throw error;
    }
    for (const { id, changes } of stored) await this.afterCommit(id, changes);
    return { outcomes, committed: true };
  }

  private async insertNew(command: CreateDossier, snapshot: AnyMachineSnapshot, eventType: string) {
    const { workflow, actor, occurredOn, payload } = command;
    const { record, changes } = await this.inTransaction(async (db) => {
      const created = await this.insertDossier(db, command, snapshot);
      const event = { type: eventType, payload, actor, occurredOn, from: null };
      const storing = this.storing(created, workflow, snapshot, event, { from: 1, to: 1 }, []);
      return storing.outcome(await commitWith(db, storing.statements));
    });
    await this.afterCommit(record.id, changes);
    return record;
  }

  async apply<TResponse>(command: ApplyEvent<TResponse>): Promise<{ response: TResponse; replayed: boolean }> {
    // The event of the last attempt, once accepted: the rules' refusals of it are kept.
    const judged: { event?: ValidEvent } = {};
    try {
      return await this.applyInTransaction(command, judged);
    } catch (error) {
      if (error instanceof RuleViolationError && judged.event)
        await this.recordRejection(judged.event, command.dossierId, command.actor, error);
      throw error;
    }
  }

  /** A refused event changes nothing in the dossier, but the attempt is kept (a failed cell vote is a fact). */
  private async recordRejection(
    event: ValidEvent,
    dossierId: string,
    actor: Actor,
    error: RuleViolationError,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rejected_events (dossier_id, type, payload, actor_id, actor_username, occurred_on, rule, message,
         recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        dossierId,
        event.type,
        JSON.stringify(event.payload),
        actor.id,
        actor.username,
        event.occurredOn,
        error.violation.rule,
        error.violation.message.vi,
        this.clock.now(),
      ],
    );
  }

  private async applyInTransaction<TResponse>(
    command: ApplyEvent<TResponse>,
    judged: { event?: ValidEvent },
  ): Promise<{ response: TResponse; replayed: boolean }> {
    const { actor } = command;
    const outcome = await this.inTransaction(async (db) => {
      judged.event = undefined;
      const lock = command.lock ?? { statement: LOCK_DOSSIER_SQL, params: [] };
      const [row]: (LockedRecord | undefined)[] = await db.query(lock.statement, [command.dossierId, ...lock.params]);
      command.admit?.(row);
      const record = row?.id ? row : undefined;
      if (!record || !command.inScope(record.orgPath)) throw new DossierNotFoundError(command.dossierId);
      const { event, facts, relocateTo, render } = await command.accept(record, db);
      judged.event = event;
      // The key belongs to the caller: another user sending the same key and body is not answered their dossier view.
      const requestHash =
        command.idempotencyKey &&
        createHash('sha256')
          .update(JSON.stringify([actor.id, event]))
          .digest('hex');

      if (command.idempotencyKey) {
        const [previous] = await db.query(
          'SELECT request_hash AS "requestHash", response FROM idempotency_keys WHERE dossier_id = $1 AND key = $2',
          [record.id, command.idempotencyKey],
        );
        if (previous) {
          if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError(command.idempotencyKey);
          return { kind: 'replay' as const, response: previous.response as TResponse };
        }
      }
      if (command.ifMatch !== undefined && command.ifMatch !== record.version)
        throw new VersionConflictError(record.version);

      const definition = this.definitionOf(record);
      await this.usePolicies(db, definition);
      const snapshot = this.restore(record);
      const handled = definition.handledEvents(snapshot);
      if (!handled.includes(event.type)) throw new EventNotAllowedError(event.type, record.stateValue, handled);

      const machineEvent: WorkflowEvent = {
        ...event.payload,
        type: event.type,
        occurredOn: event.occurredOn,
        meta: { actorId: actor.id, actorRoles: actor.roles, today: this.clock.today(), facts },
      };
      const refusal = definition.events[event.type].actorRefusal?.(machineEvent.meta);
      if (refusal) throw new RoleNotAllowedError(event.type, refusal);
      const violation = definition.findViolation(snapshot, machineEvent);
      if (violation) throw new RuleViolationError(violation);
      const relocating = definition.relocation?.eventType === event.type;
      if (relocating && !relocateTo) throw new Error(`${event.type} needs the organisation it moves to`);
      const result: EventOutcome | null = relocating
        ? { next: snapshot, payload: event.payload, relocateTo }
        : event.type === VOID_LAST_EVENT
          ? await this.voidLastEvent(db, record, event.payload, command.inScope)
          : this.transitionOf(definition, snapshot, machineEvent, event.payload);
      if (!result) throw new EventNotAllowedError(event.type, record.stateValue, handled);

      const storing = this.storing(
        record,
        definition,
        result.next,
        { type: event.type, payload: result.payload, actor, occurredOn: event.occurredOn, from: snapshot },
        { from: record.version, to: record.version + 1 },
        await this.deadlinesUnderLock(db, record),
        result.relocateTo,
        result.sync,
      );
      // Usually nothing after the sync needs an answer before COMMIT: the store, the sync and COMMIT then go to
      // PostgreSQL together, and the response is rendered after the commit.
      if (!relocating && !result.returnsFrom && !command.idempotencyKey)
        return { kind: 'applied' as const, render, ...storing.outcome(await commitWith(db, storing.statements)) };
      const synced = storing.outcome(await pipelined(db, storing.statements));
      if (relocating) await this.moveHolding(db, record.id, relocateTo!.orgId, event.occurredOn);
      if (result.returnsFrom)
        await this.returnHolding(db, record.id, { orgId: result.relocateTo!.orgId, from: result.returnsFrom });
      if (!command.idempotencyKey) return { kind: 'applied' as const, render, ...synced };
      // The key is stored with the answer it replays.
      const response = render(synced.record, synced.snapshot);
      const key = [record.id, command.idempotencyKey, requestHash, JSON.stringify(response)];
      await commitWith(db, [{ sql: IDEMPOTENCY_KEY_SQL, params: key }]);
      return { kind: 'applied' as const, render: () => response, ...synced };
    });
    if (outcome.kind === 'replay') return { response: outcome.response, replayed: true };
    await this.afterCommit(outcome.record.id, outcome.changes);
    return { response: outcome.render(outcome.record, outcome.snapshot), replayed: false };
  }

  /** The next snapshot by the machine, with what the workflow adds to the stored payload; null when nothing moves. */
  private transitionOf(
    definition: WorkflowDefinition,
    snapshot: AnyMachineSnapshot,
    machineEvent: WorkflowEvent,
    payload: Record<string, unknown>,
  ): EventOutcome | null {
    const [next] = transition(definition.machine, snapshot, machineEvent);
    // The state value first: it usually tells, without writing out the whole context twice.
    const unchanged =
      JSON.stringify(next.value) === JSON.stringify(snapshot.value) &&
      (next.context === snapshot.context || JSON.stringify(next.context) === JSON.stringify(snapshot.context));
    if (unchanged) return null;
    const annotated = { ...payload, ...definition.annotate(snapshot, next, machineEvent) };
    return { next, payload: annotated };
  }

  /**
   * A correction: the dossier returns to the snapshot it had before its last event that is neither voided nor a
   * correction of this kind. Nothing is erased: the void is an event of its own naming the event it voids, and the
   * deadlines that event closed reopen while those it opened are cancelled. A voided relocation (a transfer) gives
   * the dossier back to the organisation it left, which must still be open and within the caller's scope.
   */
  private async voidLastEvent(
    db: QueryRunner,
    record: DossierRecord,
    payload: Record<string, unknown>,
    inScope: (orgPath: string) => boolean,
  ): Promise<EventOutcome> {
    const [last]: {
      seq: number;
      type: string;
      payload: Record<string, unknown>;
      occurredOn: string;
      orgId: string;
      snapshotBefore: unknown;
    }[] = await db.query(
      `SELECT e.seq, e.type, e.payload, e.occurred_on::text AS "occurredOn", e.org_id AS "orgId",
           before.snapshot AS "snapshotBefore"
         FROM dossier_events e
         LEFT JOIN dossier_events before ON before.dossier_id = e.dossier_id AND before.seq = e.seq - 1
         WHERE e.dossier_id = $1 AND e.seq > 1 AND e.type <> $2
           AND NOT EXISTS (SELECT 1 FROM dossier_events v WHERE v.dossier_id = e.dossier_id AND v.type = $2
             AND (v.payload->>'voidsSeq')::int = e.seq)
         ORDER BY e.seq DESC LIMIT 1`,
      [record.id, VOID_LAST_EVENT],
    );
    if (!last)
      throw new RuleViolationError({
        rule: 'void.nothingToVoid',
        message: {
          vi: 'Không còn bước nào để hủy: hồ sơ đang ở trạng thái khi mới lập.',
          en: 'There is no step left to void: the dossier is as it was created.',
        },
        citation: VOIDING_RULE,
      });
    if (!last.snapshotBefore)
      throw new RuleViolationError({
        rule: 'void.unavailable',
        message: {
          vi: `Bước số ${last.seq} được ghi trước khi hệ thống lưu trạng thái theo từng bước nên không thể hủy tự động.`,
          en: `Step ${last.seq} was recorded before snapshots were kept per step, so it cannot be voided automatically.`,
        },
        citation: VOIDING_RULE,
      });
    const next = this.restore({ ...record, snapshot: last.snapshotBefore });
    const sync: SyncMode = { closeAs: 'cancelled', reopen: true };
    const voided = { ...payload, voidsSeq: last.seq, voidedType: last.type };
    const { relocation } = this.definitionOf(record);
    if (relocation?.eventType !== last.type) return { next, payload: voided, sync };
    const [left]: { path: string; closedOn: string | null }[] = await db.query(
      'SELECT path, closed_on::text AS "closedOn" FROM organizations WHERE id = $1',
      [last.orgId],
    );
    // A dossier that a merge has passed on since the transfer is no longer where the transfer put it.
    const movedSince = relocation.targetOrgId(last.payload) !== record.cellId;
    if (!left || left.closedOn || !inScope(left.path) || movedSince)
      throw new RuleViolationError({
        rule: 'void.transferBack',
        message: {
          vi: 'Không thể hủy việc chuyển sinh hoạt: chi bộ cũ đã giải thể, hợp nhất hoặc ngoài phạm vi của người dùng, hoặc chi bộ nhận đã hợp nhất từ đó. Hãy ghi nhận một lần chuyển mới.',
          en: 'The transfer cannot be voided: the cell it left is closed, merged or outside your scope, or the cell it went to has merged since. Record a new transfer instead.',
        },
        citation: VOIDING_RULE,
      });
    return {
      next,
      payload: voided,
      sync,
      relocateTo: { orgId: last.orgId, orgPath: left.path },
      returnsFrom: last.occurredOn,
    };
  }

  private async insertDossier(
    db: QueryRunner,
    command: CreateDossier,
    snapshot: AnyMachineSnapshot,
  ): Promise<DossierBase> {
    const { workflow } = command;
    const subject = workflow.subject(snapshot);
    const createdAt = this.clock.now();
    // The organisation that holds the dossier over time starts with the one it is created in.
    const [{ id }] = await db.query(
      `WITH created AS (
         INSERT INTO dossiers (workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot,
           version, candidate, full_name, national_id, search_text, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $12) RETURNING id, cell_id
       )
       INSERT INTO dossier_holdings (dossier_id, org_id, during) SELECT id, cell_id, daterange(NULL, NULL) FROM created
       RETURNING dossier_id AS id`,
      [
        workflow.name,
        workflow.version,
        command.cellId,
        command.orgPath,
        topLevelState(snapshot.value),
        JSON.stringify(snapshot.value),
        JSON.stringify(workflow.machine.getPersistedSnapshot(snapshot)),
        JSON.stringify(subject.details),
        subject.name,
        subject.identifier,
        searchTextOf([subject.name, subject.identifier]),
        createdAt,
      ],
    );
    const { name: workflowName, version: workflowVersion } = workflow;
    return { id, workflowName, workflowVersion, cellId: command.cellId, orgPath: command.orgPath, createdAt };
  }

  /**
   * The dossier's deadline rows as they are under its lock: those its lock statement read (`lockedRecordColumns`),
   * unless another transition committed while that statement waited for the lock, or the statement did not read
   * them; then read again.
   */
  private async deadlinesUnderLock(db: QueryRunner, record: LockedRecord): Promise<DeadlineRecord[]> {
    if (Array.isArray(record.deadlines) && record.versionSeen === record.version) return record.deadlines;
    return db.query(ALL_DEADLINES_SQL, [record.id]);
  }

  /**
   * The statements that store a transition, for the caller to send together (`pipelined`, `commitWith`): one that
   * appends the event and writes the snapshot, its denormalised columns and the new version, then those that sync the
   * deadline rows, planned from `deadlines`, the rows under the dossier's lock.
   */
  private storing(
    base: DossierBase,
    definition: WorkflowDefinition,
    snapshot: AnyMachineSnapshot,
    event: AppendedEvent,
    version: { from: number; to: number },
    deadlines: readonly DeadlineRecord[],
    relocateTo?: OrgPlace,
    sync?: SyncMode,
  ): Storing {
    const dossierId = base.id;
    const dates = definition.derivedDates(snapshot);
    const subject = definition.subject(snapshot);
    const dateValues = DATE_KEYS.map((key) => dates[key] ?? null);
    const persisted = definition.machine.getPersistedSnapshot(snapshot);
    const now = this.clock.now();
    // Compare-and-set on the version the event was judged against: the row lock makes a miss impossible, and a miss
    // would fail inside PostgreSQL, before the COMMIT sent with it (the event's seq is then NULL: a bug, answered
    // 500). The event carries the organisation that held the dossier when it was recorded (for a relocation, the one
    // it leaves): the statement's snapshot is the row before its update.
    const store: PipelinedStatement = {
      sql: STORE_SQL,
      params: [
        dossierId,
        version.to,
        topLevelState(snapshot.value),
        JSON.stringify(snapshot.value),
        JSON.stringify(persisted),
        JSON.stringify(dates),
        version.from,
        ...dateValues,
        event.type,
        JSON.stringify(event.payload),
        event.actor.id,
        event.actor.username,
        event.occurredOn,
        event.from ? JSON.stringify(event.from.value) : null,
        definition.policyFor(event.occurredOn).id,
        JSON.stringify(subject.details),
        subject.name,
        subject.identifier,
        searchTextOf([subject.name, subject.identifier]),
        relocateTo?.orgId ?? null,
        relocateTo?.orgPath ?? null,
        now,
      ],
    };
    const mode = sync ?? { closeAs: definition.closesDeadlinesAs(snapshot, event.type) };
    const plan = planDeadlineSync(dossierId, deadlines, definition.deadlines(snapshot), event.occurredOn, mode);
    return {
      statements: [store, ...plan.statements],
      // The dossier as stored is known here: the statement answers only the event's seq.
      outcome([, ...answers]) {
        const { deadlines, changes } = plan.outcome(answers);
        const { id, workflowName, workflowVersion, createdAt } = base;
        const record: DossierRecord = {
          id,
          workflowName,
          workflowVersion,
          cellId: relocateTo?.orgId ?? base.cellId,
          orgPath: relocateTo?.orgPath ?? base.orgPath,
          state: topLevelState(snapshot.value),
          stateValue: snapshot.value,
          snapshot: persisted,
          version: version.to,
          candidate: subject.details,
          dates,
          createdAt,
          updatedAt: now,
          deadlines,
        };
        return { record, snapshot, changes };
      },
    };
  }

  /**
   * The dossier is held by `orgId` from `on`. A holding that began on or after that day (a later-dated move already
   * recorded) passes to the new holder from its own start, so holdings never overlap.
   */
  private async moveHolding(db: QueryRunner, dossierId: string, orgId: string, on: string): Promise<void> {
    const [current] = await db.query(
      `SELECT lower(during)::text AS "from" FROM dossier_holdings WHERE dossier_id = $1 AND upper_inf(during)`,
      [dossierId],
    );
    if (current?.from && current.from >= on) {
      await db.query('UPDATE dossier_holdings SET org_id = $2 WHERE dossier_id = $1 AND upper_inf(during)', [
        dossierId,
        orgId,
      ]);
      return;
    }
    await db.query(
      `UPDATE dossier_holdings SET during = daterange(lower(during), $2::date) WHERE dossier_id = $1 AND upper_inf(during)`,
      [dossierId, on],
    );
    await db.query(
      'INSERT INTO dossier_holdings (dossier_id, org_id, during) VALUES ($1, $2, daterange($3::date, NULL))',
      [dossierId, orgId, on],
    );
  }

  /**
   * A voided transfer: the holding it started is removed and the one it ended runs on, so the dossier was never held
   * by the cell it was sent to by mistake. Where the transfer only changed the holder of a holding that began that
   * same day (see `moveHolding`), that holding goes back to the cell it left.
   */
  private async returnHolding(db: QueryRunner, dossierId: string, back: { orgId: string; from: string }) {
    const { records } = await db.query(
      `DELETE FROM dossier_holdings WHERE dossier_id = $1 AND upper_inf(during) AND lower(during) = $2
         AND EXISTS (SELECT 1 FROM dossier_holdings p WHERE p.dossier_id = $1 AND upper(p.during) = $2)
       RETURNING dossier_id`,
      [dossierId, back.from],
      true,
    );
    if (records.length)
      await db.query(
        'UPDATE dossier_holdings SET during = daterange(lower(during), NULL) WHERE dossier_id = $1 AND upper(during) = $2',
        [dossierId, back.from],
      );
    else
      await db.query('UPDATE dossier_holdings SET org_id = $2 WHERE dossier_id = $1 AND upper_inf(during)', [
        dossierId,
        back.orgId,
      ]);
  }

  /** A deadlock or serialization failure runs the whole transaction again (`inRetriedTransaction`). */
  private async inTransaction<T>(work: (db: QueryRunner) => Promise<T>): Promise<T> {
    try {
      return await inRetriedTransaction(this.dataSource, work);
    } catch (error) {
      throw asDuplicateSubject(error) ?? error;
    }
  }
}

export type { DeadlineRecord };
