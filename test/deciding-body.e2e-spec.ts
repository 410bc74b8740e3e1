import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@libs/auth';
import { OrganizationsService } from '../apps/api/src/organizations/organizations.service';
import { admissionPath } from '@apps/api/seed/admission-path';
import {
  advance,
  bearer,
  createDossier,
  dossierBefore,
  expectStatus,
  pathActors,
  START,
  stepOf,
  type Tokens,
} from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Only members of the body that decides approve or object, and only their votes make the majority: the city
 * committee's members here (the test tree's committee has five; the path's three members make the majority).
 */
describe('the deciding body votes, and only it', () => {
  let t: TestApp;
  let tokens: Tokens;
  let grassrootsMember: string;
  let grassrootsMemberId: string;

  beforeAll(async () => {
    t = await startTestApp('deciding');
    tokens = await pathActors(t);
    // A member of the grassroots party committee's executive: a committeeMember, but of another body.
    grassrootsMemberId = await t.createUser('uyvien.coso', ['committeeMember'], t.tree.grassroots);
    grassrootsMember = await t.token('uyvien.coso');
  });
  afterAll(() => t.close());

  const send = (token: string, id: string, event: object) =>
    t.http().post(`/api/dossiers/${id}/events`).set('Authorization', bearer(token)).send(event);
  const inbox = (token: string) => t.http().get('/api/inbox/approvals').set('Authorization', bearer(token)).expect(200);

  it('refuses the approval or objection of a committee member of another body with 403, changing nothing', async () => {
    const dossier = await dossierBefore(t, tokens, 'APPROVE_DECISION');
    const approve = stepOf('APPROVE_DECISION').event;
    for (const event of [approve, { ...approve, type: 'OBJECT_DECISION', note: 'Không đồng ý' }]) {
      const refused = await send(grassrootsMember, dossier.id, event);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const after = expectStatus(
      await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(tokens.specialist)),
      200,
    );
    expect(after.body.version).toBe(dossier.version);
    expect((await inbox(grassrootsMember)).body).toEqual([]);
    expect((await inbox(tokens.member1)).body.map((d: { id: string }) => d.id)).toContain(dossier.id);
  });

  it('offers the approval and the objection only to a member of the deciding body who has not given an opinion yet', async () => {
    const dossier = await dossierBefore(t, tokens, 'APPROVE_DECISION');
    const opinions = (view: { allowedEvents: { type: string }[] }) =>
      view.allowedEvents
        .map((event) => event.type)
        .filter((type) => type === 'APPROVE_DECISION' || type === 'OBJECT_DECISION')
        .sort();
    const offered = async (token: string) =>
      opinions(
        expectStatus(await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(token)), 200).body,
      );
    expect(await offered(tokens.member1)).toEqual(['APPROVE_DECISION', 'OBJECT_DECISION']);
    expect(await offered(grassrootsMember)).toEqual([]);

    const answered = expectStatus(await send(tokens.member1, dossier.id, stepOf('APPROVE_DECISION').event), 200);
    expect(opinions(answered.body)).toEqual([]);
    expect(await offered(tokens.member1)).toEqual([]);
    expect(await offered(tokens.member2)).toEqual(['APPROVE_DECISION', 'OBJECT_DECISION']);
    // Sent anyway, a second opinion is still refused by the rule.
    const again = await send(tokens.member1, dossier.id, stepOf('APPROVE_DECISION').event);
    expect([again.status, again.body.code, again.body.rule]).toEqual([
      422,
      'RULE_VIOLATION',
      'decision.oneVotePerMember',
    ]);
  });

  it('does not count a vote of a non-member already recorded (before this check) towards the majority', async () => {
    const dossier = await dossierBefore(t, tokens, 'APPROVE_DECISION');
    const approve = stepOf('APPROVE_DECISION').event;
    await advance(t, tokens, dossier.id, [
      { actor: 'member1', state: 'committeeDecision', event: approve },
      { actor: 'member2', state: 'committeeDecision', event: approve },
    ]);
    // The probe's case: a vote by the grassroots member, as the service accepted it before.
    await t.app.get(DataSource).query(
      `UPDATE dossiers SET snapshot = jsonb_set(snapshot, '{context,decisionVotes}',
         snapshot #> '{context,decisionVotes}' || jsonb_build_array(jsonb_build_object(
           'memberId', $2::text, 'approve', true, 'on', $3::text)))
       WHERE id = $1`,
      [dossier.id, grassrootsMemberId, approve.occurredOn],
    );
    const decision = stepOf('ISSUE_DECISION').event;
    const short = await send(tokens.specialist, dossier.id, decision);
    expect(short.status).toBe(422);
    expect(short.body.rule).toBe('decision.majority');
    await send(tokens.member3, dossier.id, approve).expect(200);
    const issued = expectStatus(await send(tokens.specialist, dossier.id, decision), 200);
    expect(issued.body.state).toBe('awaitingCeremony');
  });

  it('is read from the cell’s own organisations when a dossier is created in it or moved to it', async () => {
    const organizations = t.app.get(OrganizationsService);
    const admin: AuthenticatedUser = {
      id: randomUUID(),
      username: 'admin',
      roles: ['admin'],
      scopeOrgId: null,
      scopePath: null,
      tokenVersion: 1,
    };
    // Cells of the test tree whose facts differ, so that facts read from another branch or tree would show.
    const expected: [string, { hasSection: boolean; delegatedAdmission: boolean; decidingBodyId: string }][] = [
      [t.tree.cell, { hasSection: false, delegatedAdmission: false, decidingBodyId: t.tree.committee }],
      [t.tree.sectionCell, { hasSection: true, delegatedAdmission: false, decidingBodyId: t.tree.committee }],
      [
        t.tree.delegatedCell,
        { hasSection: false, delegatedAdmission: true, decidingBodyId: t.tree.delegatedGrassroots },
      ],
      [t.tree.foreignCell, { hasSection: false, delegatedAdmission: false, decidingBodyId: t.tree.otherCommittee }],
    ];
    for (const [cellId, facts] of expected) {
      const read = await organizations.findInScopeWithFacts(admin, cellId);
      const { hasSection, delegatedAdmission, decidingBody } = read.facts;
      expect({ cellId, hasSection, delegatedAdmission, decidingBodyId: decidingBody?.id }).toEqual({
        cellId,
        ...facts,
      });
      expect(read.facts).toEqual(await organizations.admissionFacts(read.organization.path));
    }
  });

  it('applies to the recognition decision too', async () => {
    const steps = admissionPath(START);
    const recognitionRound = steps.findIndex((step) => step.event.type === 'RECORD_RECOGNITION_GRASSROOTS_VOTE') + 1;
    const created = await createDossier(t, tokens.cell);
    const dossier = await advance(t, tokens, created.id, steps.slice(0, recognitionRound));
    expect(dossier.state).toBe('recognitionDecision');
    const approve = steps[recognitionRound].event;
    expect((await send(grassrootsMember, dossier.id, approve)).status).toBe(403);
    await advance(t, tokens, dossier.id, steps.slice(recognitionRound));
  });
});
