import { bearer, createDossier } from './support/dossier-helpers';
import { pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /api/dossiers?orgId=&year=: the list by organisation subtree and by the year a dossier was opened', () => {
  let t: TestApp;
  let tokens: ActorTokens;
  const ids: Record<string, string> = {};

  const list = async (query: string, token = tokens.specialist) => {
    const response = await t.http().get(`/api/dossiers?${query}`).set('Authorization', bearer(token)).expect(200);
    return { ids: response.body.items.map((item: { id: string }) => item.id).sort(), total: response.body.total };
  };

  beforeAll(async () => {
    t = await startTestApp('dossier-list-filters');
    tokens = await pathActors(t);
    ids.cell2025 = (await createDossier(t, tokens.specialist, { occurredOn: '2025-03-01' })).id;
    ids.cell2026 = (await createDossier(t, tokens.specialist, { occurredOn: '2026-02-01' })).id;
    ids.section2026 = (
      await createDossier(t, tokens.specialist, { cellId: t.tree.sectionCell, occurredOn: '2026-05-04' })
    ).id;
    ids.delegated2025 = (
      await createDossier(t, tokens.specialist, { cellId: t.tree.delegatedCell, occurredOn: '2025-12-31' })
    ).id;
  });
  afterAll(() => t?.close());

  it('takes any organisation of the tree: the dossiers of its cells', async () => {
    expect(await list(`orgId=${t.tree.section}`)).toEqual({ ids: [ids.section2026], total: 1 });
    expect((await list(`orgId=${t.tree.grassroots}`)).ids).toEqual(
      [ids.cell2025, ids.cell2026, ids.section2026].sort(),
    );
    expect((await list(`orgId=${t.tree.committee}`)).total).toBe(4);
  });

  it('takes the year the candidate was identified, with the other filters', async () => {
    expect((await list('year=2025')).ids).toEqual([ids.cell2025, ids.delegated2025].sort());
    expect(await list(`year=2026&orgId=${t.tree.grassroots}`)).toEqual({
      ids: [ids.cell2026, ids.section2026].sort(),
      total: 2,
    });
    expect((await list('year=2024')).total).toBe(0);
  });

  it('never widens the caller’s scope: another organisation answers nothing, a bad year is refused', async () => {
    expect(await list(`orgId=${t.tree.grassroots}`, tokens.cell)).toEqual({
      ids: [ids.cell2025, ids.cell2026].sort(),
      total: 2,
    });
    expect(await list(`orgId=${t.tree.otherCommittee}`)).toEqual({ ids: [], total: 0 });
    const bad = await t.http().get('/api/dossiers?year=last').set('Authorization', bearer(tokens.specialist));
    expect(bad.status).toBe(400);
  });

  it('pages the list most recently changed first, each dossier once, with its deadlines and allowed events', async () => {
    const page = async (query: string) =>
      (await t.http().get(`/api/dossiers?${query}`).set('Authorization', bearer(tokens.specialist)).expect(200)).body
        .items as { id: string; updatedAt: string; deadlines: unknown[]; allowedEvents: unknown[] }[];
    const all = await page('limit=100');
    expect(all.map((item) => item.id).sort()).toEqual(Object.values(ids).sort());
    const times = all.map((item) => Date.parse(item.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const walked = [];
    for (let offset = 0; offset < all.length; offset += 1) walked.push(...(await page(`limit=1&offset=${offset}`)));
    expect(walked).toEqual(all);
    expect(await page(`limit=1&offset=${all.length}`)).toEqual([]);
    for (const item of all) {
      expect(Array.isArray(item.deadlines)).toBe(true);
      expect(item.allowedEvents.length).toBeGreaterThan(0);
    }
  });
});
