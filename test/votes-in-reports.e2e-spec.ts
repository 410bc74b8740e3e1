import { addDays } from '@workflows/common/local-date';
import { advance, bearer, committeeReportOf2024, dossierBefore, expectStatus, stepOf } from './support/dossier-helpers';
import { pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';

/**
 * A failed vote is a fact (the procedure, second edition, point 9): recorded with `passed: false`, shown on the
 * dossier, counted among the meetings in the votes report, and never counted as an admission.
 */
describe('failed votes in the dossier and in the reports', () => {
  let t: TestApp;
  let tokens: ActorTokens;

  beforeAll(async () => {
    t = await startTestApp('votes-in-reports');
    tokens = await pathActors(t);
  });
  afterAll(() => t.close());

  const send = (token: string, id: string, event: Record<string, unknown>) =>
    t.http().post(`/api/dossiers/${id}/events`).set('Authorization', bearer(token)).send(event);
  const votes = async (format?: string) => {
    const response = await t
      .http()
      .get(
        `/api/reports/votes?orgId=${t.tree.committee}&from=2024-01-01&to=2024-12-31${format ? `&format=${format}` : ''}`,
      )
      .set('Authorization', bearer(tokens.specialist));
    return expectStatus(response, 200);
  };

  it('counts every meeting that voted, passed or failed, and only the admitted as admitted', async () => {
    const cellVote = stepOf('RECORD_CELL_VOTE').event;
    const grassrootsVote = stepOf('RECORD_GRASSROOTS_VOTE').event;

    // One candidate fails the cell vote (6 of 11, below 2/3), passes it a week later, then fails the grassroots vote.
    const failing = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE');
    const failed = expectStatus(await send(tokens.cell, failing.id, { ...cellVote, inFavour: 6, against: 5 }), 200);
    expect(failed.body.state).toEqual(failing.state);
    expect(failed.body.votes).toEqual([
      { kind: 'cell', occurredOn: cellVote.occurredOn, members: 11, inFavour: 6, against: 5, passed: false },
    ]);
    const history = expectStatus(
      await t.http().get(`/api/dossiers/${failing.id}/history`).set('Authorization', bearer(tokens.cell)),
      200,
    ).body;
    expect(history.at(-1)).toMatchObject({ type: 'RECORD_CELL_VOTE', payload: { passed: false } });
    const again = { ...cellVote, occurredOn: addDays(cellVote.occurredOn, 7) };
    expect(expectStatus(await send(tokens.cell, failing.id, again), 200).body.state).toBe('grassrootsReview');
    const rejected = await send(tokens.grassroots, failing.id, {
      ...grassrootsVote,
      occurredOn: addDays(grassrootsVote.occurredOn, 7),
      inFavour: 5,
      against: 4,
    });
    expect(expectStatus(rejected, 200).body.state).toBe('rejected');

    // Another is admitted along the whole path.
    const admitted = await dossierBefore(t, tokens, 'HOLD_CEREMONY');
    await advance(t, tokens, admitted.id, [stepOf('HOLD_CEREMONY')]);

    expect((await committeeReportOf2024(t, tokens.specialist)).totals.admitted).toBe(1);
    const body = (await votes()).body;
    expect(body).toMatchObject({ organization: { id: t.tree.committee }, tree: 'historical' });
    expect(body.votes).toEqual([
      { kind: 'cell', label: 'Chi bộ xét kết nạp', held: 3, passed: 2, failed: 1 },
      { kind: 'grassroots', label: 'Đảng ủy cơ sở xét kết nạp', held: 2, passed: 1, failed: 1 },
      { kind: 'recognitionCell', label: 'Chi bộ xét công nhận chính thức', held: 0, passed: 0, failed: 0 },
      {
        kind: 'recognitionGrassroots',
        label: 'Đảng ủy cơ sở xét công nhận chính thức',
        held: 0,
        passed: 0,
        failed: 0,
      },
    ]);
    const csv = (await votes('csv')).text;
    expect(csv).toContain('Biểu quyết đã họp');
    expect(csv).toContain('Chi bộ xét kết nạp;3;2;1');

    await t.createUser('bithu-xa', ['cellSecretary'], t.tree.foreignCell);
    const outside = await t
      .http()
      .get(`/api/reports/votes?orgId=${t.tree.committee}`)
      .set('Authorization', bearer(await t.token('bithu-xa')));
    expect(outside.status).toBe(404);

    // A vote voided as a typing mistake was no meeting: it leaves the report.
    expectStatus(
      await send(tokens.specialist, failing.id, { type: 'VOID_LAST_EVENT', occurredOn: TEST_TODAY, reason: 'Gõ nhầm' }),
      200,
    );
    expect((await votes()).body.votes[1]).toMatchObject({ kind: 'grassroots', held: 1, failed: 0 });
  });
});
