import { HttpException } from '@nestjs/common';
import { EngineError, RuleViolationError } from '@libs/engine';
import type { ServiceMetrics } from '@libs/metrics';
import { engineErrorBody } from '../errors/api-exception.filter';

/** What became of one event sent to a dossier: `applied`, or the error code its sender got. */
export interface TransitionAttempt {
  workflow: string;
  /** The event's type once validated; `unknown` before (an unknown type must not become a label). */
  event: string;
}

function codeOf(error: unknown): string {
  if (error instanceof EngineError) return String(engineErrorBody(error, false)[1].code);
  if (error instanceof HttpException) {
    const answer = error.getResponse();
    return typeof answer === 'object' && answer && 'code' in answer ? String(answer.code) : `HTTP_${error.getStatus()}`;
  }
  return 'ERROR';
}

/** Counts the attempt in `workflow_transitions_total`, and a rule's refusal in `workflow_rule_violations_total`. */
export function countTransition(metrics: ServiceMetrics, attempt: TransitionAttempt, error?: unknown): void {
  metrics.transitions.inc({ ...attempt, outcome: error === undefined ? 'applied' : codeOf(error) });
  if (error instanceof RuleViolationError)
    metrics.ruleViolations.inc({ workflow: attempt.workflow, rule: error.violation.rule });
}
