import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { labelOf } from './report-labels';
import { heldOn, scopeParameter, type ReportScope, type ReportTree } from './report-scope';

export interface VotesReport {
  organization: { id: string; name: string; kind: string };
  period: { from: string; to: string };
  tree: ReportTree;
  /** Meetings that voted in the period, passed or not, by kind (a failed vote is a fact: it admits no one). */
  votes: { kind: string; label: string; held: number; passed: number; failed: number }[];
}

const KINDS = ['cell', 'grassroots', 'recognitionCell', 'recognitionGrassroots'];

/**
 * The votes held in a scope and period: from each dossier's votes as its snapshot holds them (a voided vote is gone
 * from it), placed by the holder on the vote's date in the historical tree. It reads the snapshots of the dossiers
 * open at some time in the period (votes lie between identification and closing), which the admissions report,
 * built from indexes alone, does not: hence a report of its own.
 */
@Injectable()
export class VotesReportService {
  constructor(private readonly dataSource: DataSource) {}

  async build(scope: ReportScope, period: { from: string; to: string }, tree: ReportTree): Promise<VotesReport> {
    const on = `(vote->>'on')::date`;
    const { joins, where } = heldOn(scope, on);
    const rows: { kind: string; held: number; passed: number }[] = await this.dataSource.query(
      `SELECT vote->>'kind' AS kind, count(*)::int AS held,
         count(*) FILTER (WHERE (vote->>'passed')::boolean)::int AS passed
       FROM dossiers d CROSS JOIN LATERAL jsonb_array_elements(coalesce(d.snapshot->'context'->'votes', '[]')) vote
       ${joins}
       WHERE ${where} AND d.identified_on <= $3 AND (d.closed_on IS NULL OR d.closed_on >= $2)
         AND ${on} BETWEEN $2 AND $3
       GROUP BY vote->>'kind'`,
      [scopeParameter(scope), period.from, period.to],
    );
    const { organization } = scope;
    return {
      organization: { id: organization.id, name: organization.name, kind: organization.kind },
      period,
      tree,
      votes: KINDS.map((kind) => {
        const row = rows.find((candidate) => candidate.kind === kind) ?? { held: 0, passed: 0 };
        return {
          kind,
          label: labelOf('voteKind', kind),
          held: row.held,
          passed: row.passed,
          failed: row.held - row.passed,
        };
      }),
    };
  }
}
