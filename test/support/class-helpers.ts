import { bearer, expectStatus } from './dossier-helpers';
import type { TestApp } from './test-app';

export type Participant = { dossierId: string } | { fullName: string };

/** An awareness class of May 2024 organised by `organizerOrgId`, created by `token` with its participants. */
export async function openClass(
  t: TestApp,
  token: string,
  name: string,
  organizerOrgId: string,
  participants: Participant[],
): Promise<string> {
  const created = await t.http().post('/api/classes').set('Authorization', bearer(token)).send({
    kind: 'awareness',
    name,
    organizerOrgId,
    startsOn: '2024-05-06',
    endsOn: '2024-05-10',
    issuer: 'Trung tâm Chính trị thành phố',
  });
  const classId = expectStatus(created, 201).body.id as string;
  for (const participant of participants)
    expectStatus(
      await t.http().post(`/api/classes/${classId}/participants`).set('Authorization', bearer(token)).send(participant),
      200,
    );
  return classId;
}
