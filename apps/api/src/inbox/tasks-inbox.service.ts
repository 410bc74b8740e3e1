import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@libs/auth';
import { OfficeCalendar } from '@libs/calendar';
import { Clock } from '@libs/clock';
import { WorkflowRegistry } from '@libs/engine';
import { recipientRoles } from '@libs/reminders';
import { OCCASIONAL_EVENTS } from '@workflows/admission/events/occasional-events';
import type { DeadlineAudience } from '@workflows/common/workflow-definition';
import type { Role } from '@workflows/common/roles';
import {
  DEFAULT_WORKFLOW,
  DossiersService,
  viewedRecordColumns,
  type ViewedRecord,
} from '../dossiers/dossiers.service';
import { admissionFactsOf } from '../organizations/organizations.service';

/** Who records at which level, lowest first: a step falls to the lowest level that may record it. */
const LEVELS: readonly Role[] = ['cellSecretary', 'grassrootsOfficer', 'specialist'];

/** The dossier a task is about, as a to-do list names it. */
export interface TaskDossier {
  id: string;
  fullName: string;
  stateLabel: string;
  cellId: string;
  cellName: string;
}

/** A dossier whose next step is the caller's to record: the steps they may take now, and the step's deadline. */
export interface StepTask {
  dossier: TaskDossier;
  events: { type: string; label: string }[];
  dueOn: string | null;
  workingDaysLeft: number | null;
}

/** A step's deadline within the horizon or past it, among those the caller is reminded of. */
export interface DeadlineTask {
  dossier: TaskDossier;
  kind: string;
  label: string;
  dueOn: string;
  workingDaysLeft: number;
}

export interface TasksInbox {
  steps: StepTask[];
  /** Dossiers waiting for the caller in all, of which `steps` lists the longest waiting. */
  stepsTotal: number;
  deadlines: DeadlineTask[];
  /** Steps due within this many working days are listed, with every overdue one. */
  withinWorkingDays: number;
}

const STEP_LIMIT = 50;
const DEADLINE_LIMIT = 100;

/** "Việc cần làm": what waits for the caller, each with its dossier. */
@Injectable()
export class TasksInboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
    @Inject(WorkflowRegistry) private readonly registry: WorkflowRegistry,
    private readonly calendar: OfficeCalendar,
    private readonly clock: Clock,
  ) {}

  async forUser(user: AuthenticatedUser, withinWorkingDays: number): Promise<TasksInbox> {
    const [steps, deadlines] = await Promise.all([this.steps(user), this.deadlines(user, withinWorkingDays)]);
    return { ...steps, deadlines, withinWorkingDays };
  }

  /**
   * Dossiers in scope where one of the caller's roles is the lowest level that may take a next step (a cell step
   * is the secretary's, though officers and specialists may record it for them), the nearest deadline first.
   * Committee members' approvals have their own inbox (`GET /api/inbox/approvals`).
   */
  private async steps(user: AuthenticatedUser): Promise<Pick<TasksInbox, 'steps' | 'stepsTotal'>> {
    const definition = this.registry.latest(DEFAULT_WORKFLOW);
    if (!definition || !LEVELS.some((role) => user.roles.includes(role))) return { steps: [], stepsTotal: 0 };
    const isYours = (type: string, roles: readonly Role[]) => {
      const lowest = LEVELS.find((role) => roles.includes(role));
      return !OCCASIONAL_EVENTS.has(type) && lowest !== undefined && user.roles.includes(lowest);
    };
    // The states where a step may be the caller's whatever the organisation (verification falls to the secretary
    // of a grassroots cell, to the grassroots officers elsewhere): only their dossiers are read.
    const statesToRead = definition.states
      .filter(
        (state) =>
          !state.final &&
          state.events.some((type) => {
            const roles = definition.events[type]?.roles ?? [];
            return (
              isYours(type, roles) ||
              isYours(
                type,
                roles.filter((role) => role !== 'cellSecretary'),
              )
            );
          }),
      )
      .map((state) => state.path.split('.')[0]);
    const rows: (ViewedRecord & { cellName: string })[] = await this.dataSource.query(
      `SELECT ${viewedRecordColumns('d')}, o.name AS "cellName" FROM dossiers d JOIN organizations o ON o.id = d.cell_id
       WHERE d.state = ANY($1) AND ($2::text IS NULL OR d.org_path LIKE $2 || '%')
       ORDER BY d.updated_at, d.id`,
      [[...new Set(statesToRead)], user.scopePath],
    );
    const daysLeft = this.dossiers.workingDaysLeft();
    const steps: StepTask[] = [];
    for (const row of rows) {
      const facts = admissionFactsOf(row.ancestry ?? []);
      const view = this.dossiers.view(row, user, facts);
      const events = view.allowedEvents.filter(({ type }) => isYours(type, definition.rolesFor(type, facts)));
      if (events.length === 0) continue;
      const [due] = row.deadlines
        .filter((deadline) => deadline.status === 'open' && deadline.isStep)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
      steps.push({
        dossier: {
          id: row.id,
          fullName: row.candidate.fullName as string,
          stateLabel: view.stateLabel,
          cellId: row.cellId,
          cellName: row.cellName,
        },
        events,
        dueOn: due?.dueOn ?? null,
        workingDaysLeft: due ? daysLeft(due.dueOn) : null,
      });
    }
    // Those with a deadline first, the nearest first; then the others, the longest untouched first (rows' order).
    steps.sort((a, b) => (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31'));
    return { steps: steps.slice(0, STEP_LIMIT), stepsTotal: steps.length };
  }

  /** Open step deadlines in scope due within the horizon or overdue, of which the caller would be reminded. */
  private async deadlines(user: AuthenticatedUser, withinWorkingDays: number): Promise<DeadlineTask[]> {
    const today = this.clock.today();
    const horizon = this.calendar.addWorkingDays(today, withinWorkingDays);
    const rows: {
      kind: string;
      label: string;
      audience: DeadlineAudience;
      dueOn: string;
      id: string;
      fullName: string;
      stateValue: never;
      workflowName: string;
      cellId: string;
      cellName: string;
      cellKind: string;
    }[] = await this.dataSource.query(
      `SELECT l.kind, l.label, l.audience, l.due_on AS "dueOn", d.id, d.full_name AS "fullName",
         d.state_value AS "stateValue", d.workflow_name AS "workflowName", d.cell_id AS "cellId",
         o.name AS "cellName", o.kind AS "cellKind"
       FROM deadlines l JOIN dossiers d ON d.id = l.dossier_id JOIN organizations o ON o.id = d.cell_id
       WHERE l.status = 'open' AND l.is_step AND l.due_on <= $1 AND ($2::text IS NULL OR d.org_path LIKE $2 || '%')
       ORDER BY l.due_on, d.full_name, d.id`,
      [horizon, user.scopePath],
    );
    const daysLeft = this.dossiers.workingDaysLeft();
    return rows
      .filter((row) =>
        recipientRoles(row.audience, row.dueOn < today ? 'overdue' : 'due', row.cellKind === 'grassrootsCell').some(
          (role) => user.roles.includes(role),
        ),
      )
      .slice(0, DEADLINE_LIMIT)
      .map((row) => ({
        dossier: {
          id: row.id,
          fullName: row.fullName,
          stateLabel: this.registry.latest(row.workflowName)?.stateLabel(row.stateValue) ?? '',
          cellId: row.cellId,
          cellName: row.cellName,
        },
        kind: row.kind,
        label: row.label,
        dueOn: row.dueOn,
        workingDaysLeft: daysLeft(row.dueOn),
      }));
  }
}
