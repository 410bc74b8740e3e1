import type { Response } from 'supertest';
import { admissionPath, DEMO_CANDIDATE, type PathStep } from '@apps/api/seed/admission-path';
import { withNationalId } from './national-ids';
import { pathActors, type ActorTokens } from './path-driver';
import type { TestApp } from './test-app';

/** The day the helpers' candidates are identified: far enough back for the whole admission path to lie in the past. */
export const START = '2024-06-03';

export type Tokens = ActorTokens;
export { pathActors };

export const bearer = (token: string) => `Bearer ${token}`;

/** Fails with the server's answer, which says far more than `expected 200, got 422`. */
export function expectStatus(response: Response, status: number): Response {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

export interface NewDossierOptions {
  cellId?: string;
  candidate?: Record<string, unknown>;
  occurredOn?: string;
}

/** Creates a dossier through HTTP and answers its view; the candidate gets a fresh `nationalId` unless it has one. */
export async function createDossier(t: TestApp, token: string, options: NewDossierOptions = {}) {
  const response = await t
    .http()
    .post('/api/dossiers')
    .set('Authorization', bearer(token))
    .send({
      cellId: options.cellId ?? t.tree.cell,
      candidate: withNationalId(options.candidate ?? DEMO_CANDIDATE),
      occurredOn: options.occurredOn ?? START,
    });
  return expectStatus(response, 201).body as DossierBody;
}

export interface DossierBody {
  id: string;
  state: unknown;
  version: number;
  [field: string]: unknown;
}

/** The demo path's steps before the first event of `type`, optionally with some events changed. */
export function stepsBefore(
  type: string,
  start = START,
  change: (step: PathStep) => PathStep = (step) => step,
): PathStep[] {
  const steps = admissionPath(start);
  const index = steps.findIndex((step) => step.event.type === type);
  if (index < 0) throw new Error(`No ${type} on the demo path`);
  return steps.slice(0, index).map(change);
}

export function stepOf(type: string, start = START): PathStep {
  const step = admissionPath(start).find((candidate) => candidate.event.type === type);
  if (!step) throw new Error(`No ${type} on the demo path`);
  return step;
}

/** Records the steps one after the other, each by its actor, and answers the dossier after the last. */
export async function advance(t: TestApp, tokens: Tokens, id: string, steps: PathStep[]): Promise<DossierBody> {
  let body: DossierBody | undefined;
  for (const step of steps) {
    const response = await t
      .http()
      .post(`/api/dossiers/${id}/events`)
      .set('Authorization', bearer(tokens[step.actor]))
      .send(step.event);
    body = expectStatus(response, 200).body;
  }
  if (!body) throw new Error('No steps to record');
  return body;
}

/** A dossier of `tree.cell` whose next statutory step is the first event of `type`. */
export async function dossierBefore(
  t: TestApp,
  tokens: Tokens,
  type: string,
  options: NewDossierOptions & { change?: (step: PathStep) => PathStep } = {},
): Promise<DossierBody> {
  const created = await createDossier(t, tokens.cell, options);
  const steps = stepsBefore(type, options.occurredOn ?? START, options.change);
  return steps.length ? advance(t, tokens, created.id, steps) : created;
}

/** The top-level state name of a state value (`assembly` for a parallel `{assembly: {...}}`). */
export const topState = (state: unknown) => (typeof state === 'string' ? state : Object.keys(state as object)[0]);

/** The admissions report of `t.tree.committee` for 2024, the year the helpers' candidates are admitted in. */
export async function committeeReportOf2024(t: TestApp, token: string) {
  const response = await t
    .http()
    .get(`/api/reports/admissions?orgId=${t.tree.committee}&from=2024-01-01&to=2024-12-31`)
    .set('Authorization', bearer(token));
  return expectStatus(response, 200).body;
}
