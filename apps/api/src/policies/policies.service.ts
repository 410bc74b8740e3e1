import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@libs/clock';
import type { AuthenticatedUser } from '@libs/auth';
import { DossierEngine, RuleViolationError, WorkflowRegistry } from '@libs/engine';
import { PolicyInputError, type StoredPolicy } from '@workflows/common/policy-administration';
import type { WorkflowDefinition } from '@workflows/common/workflow-definition';
import { vietnameseDate } from '@workflows/common/local-date';
import { ApiError, invalidRequest, notFound } from '../errors/api-error';

export interface NewPolicy {
  effectiveFrom: string;
  parameters: Record<string, unknown>;
  citation: string;
  note?: string;
}

const COLUMNS = `version, effective_from AS "effectiveFrom", parameters, citation, note, base_version AS "baseVersion",
  changes, created_by AS "createdBy", created_at AS "createdAt"`;

/** The system itself, as the publisher of the versions a workflow is built with. */
const BUILT_IN_PUBLISHER = 'hệ thống';

const retroactive = (effectiveFrom: string, today: string) =>
  new RuleViolationError({
    rule: 'policy.retroactive',
    message: {
      vi: `Ngày hiệu lực ${vietnameseDate(effectiveFrom)} đã qua (hôm nay là ${vietnameseDate(today)}): chỉ được đính chính hồi tố các tham số đánh dấu chưa xác nhận.`,
      en: `The effective date ${effectiveFrom} has passed (today is ${today}): only parameters marked unconfirmed may be corrected retroactively.`,
    },
    citation:
      'Nguyên tắc không hồi tố (Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 152): mỗi bước được xét theo quy định có hiệu lực vào ngày của nó',
  });

/**
 * Policy versions in the database, seeded with the versions the workflows are built with; an administrator
 * publishes new ones, each amending the version in force on its effective date, never re-judging a recorded event.
 */
@Injectable()
export class PoliciesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: DossierEngine,
    @Inject(WorkflowRegistry) private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const definition of this.registry.list())
      for (const policy of definition.policies?.builtIn ?? [])
        await this.dataSource.query(
          `INSERT INTO policy_versions (version, workflow, effective_from, parameters, citation, created_by)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING`,
          [
            policy.version,
            definition.name,
            policy.effectiveFrom,
            JSON.stringify(policy.parameters),
            policy.citation,
            BUILT_IN_PUBLISHER,
          ],
        );
  }

  async list(workflow: string) {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM policy_versions WHERE workflow = $1 ORDER BY effective_from, created_at`,
      [workflow],
    );
    return rows.map(present);
  }

  async get(version: string) {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM policy_versions WHERE version = $1`, [version]);
    if (!row) throw notFound('Không tìm thấy phiên bản quy định / policy version not found');
    return present(row);
  }

  async publish(user: AuthenticatedUser, workflowName: string, input: NewPolicy) {
    const definition = this.definition(workflowName);
    const created = await this.dataSource.transaction(async (db) => {
      // One publication at a time: each amends the version in force, and takes the next number of its date.
      await db.query('LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE');
      const versions: (StoredPolicy & { createdAt: string })[] = await db.query(
        `SELECT version, effective_from AS "effectiveFrom", parameters, citation, created_at AS "createdAt"
         FROM policy_versions WHERE workflow = $1 ORDER BY effective_from, created_at`,
        [workflowName],
      );
      const base = [...versions].reverse().find((v) => v.effectiveFrom <= input.effectiveFrom) ?? versions[0];
      let amendment;
      try {
        amendment = definition.policies!.amend(base, input.parameters, input.citation);
      } catch (error) {
        if (error instanceof PolicyInputError) throw invalidRequest(error.issues);
        throw error;
      }
      const today = this.clock.today();
      if (input.effectiveFrom < today && !amendment.onlyUnconfirmed) throw retroactive(input.effectiveFrom, today);
      const sameDay = versions.filter((v) => v.effectiveFrom === input.effectiveFrom).length;
      const [row] = await db.query(
        `INSERT INTO policy_versions (version, workflow, effective_from, parameters, citation, note, base_version,
           changes, created_by_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          `${input.effectiveFrom}-${sameDay + 1}`,
          workflowName,
          input.effectiveFrom,
          JSON.stringify(amendment.parameters),
          input.citation,
          input.note ?? '',
          base.version,
          JSON.stringify(amendment.changed),
          user.id,
          user.username,
        ],
      );
      return row;
    });
    this.engine.policiesChanged(workflowName);
    return present(created);
  }

  private definition(name: string): WorkflowDefinition {
    const definition = this.registry.latest(name);
    if (!definition?.policies)
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `Không có quy trình ${name} / unknown workflow`);
    return definition;
  }
}

/** A policy version as `GET /api/policies` lists it. */
export interface PolicyVersionView {
  version: string;
  effectiveFrom: string;
  parameters: Record<string, unknown>;
  citation: string;
  note: string | null;
  baseVersion: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  createdBy: string;
  createdAt: string;
}

const present = (row: Record<string, unknown>) =>
  ({ ...row, createdAt: new Date(row.createdAt as string).toISOString() }) as PolicyVersionView;
