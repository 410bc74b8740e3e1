import type { LocalDate } from '@workflows/common/local-date';
import { admissionPathUpTo, DEMO_CANDIDATE, type StepActor } from '@apps/api/seed/admission-path';
import { nextNationalId } from './national-ids';
import type { TestApp } from './test-app';

export type ActorTokens = Record<StepActor, string>;

/** Users for every actor of the path, in the test tree's plain cell, and their tokens; `prefix` keeps names apart. */
export async function pathActors(t: TestApp, prefix?: string): Promise<ActorTokens> {
  const name = (base: string) => (prefix ? `${prefix}-${base}` : base);
  await t.createUser(name('bithu'), ['cellSecretary'], t.tree.cell);
  await t.createUser(name('dangu'), ['grassrootsOfficer'], t.tree.grassroots);
  await t.createUser(name('chuyenvien'), ['specialist'], t.tree.committee);
  for (const n of [1, 2, 3]) await t.createUser(name(`uyvien${n}`), ['committeeMember'], t.tree.committee);
  return {
    cell: await t.token(name('bithu')),
    grassroots: await t.token(name('dangu')),
    specialist: await t.token(name('chuyenvien')),
    member1: await t.token(name('uyvien1')),
    member2: await t.token(name('uyvien2')),
    member3: await t.token(name('uyvien3')),
  };
}

/**
 * Creates a dossier in the plain cell and records the standard path up to and including `lastType`,
 * placed so that the `lastType` step falls on `lastOn`. Returns the dossier as the last answer gave it.
 */
export async function driveTo(
  t: TestApp,
  tokens: ActorTokens,
  lastType: string,
  lastOn: LocalDate,
  fullName = 'Lê Thị Mai',
) {
  const { start, steps } = admissionPathUpTo(lastType, lastOn, fullName);
  const created = await t
    .http()
    .post('/api/dossiers')
    .set('Authorization', `Bearer ${tokens.cell}`)
    .send({
      cellId: t.tree.cell,
      candidate: { ...DEMO_CANDIDATE, fullName, nationalId: nextNationalId() },
      occurredOn: start,
    })
    .expect(201);
  let dossier = created.body;
  for (const step of steps) {
    const response = await t
      .http()
      .post(`/api/dossiers/${dossier.id}/events`)
      .set('Authorization', `Bearer ${tokens[step.actor]}`)
      .send(step.event);
    if (response.status !== 200)
      throw new Error(`${step.event.type}: ${response.status} ${JSON.stringify(response.body)}`);
    dossier = response.body;
  }
  return dossier;
}
