import type { Response } from 'supertest';
import type { Role } from '@workflows/common/roles';
import { nextNationalId } from './support/national-ids';
import { startTestApp, type TestApp } from './support/test-app';
import {
  bearer,
  createDossier,
  dossierBefore,
  expectStatus,
  stepOf,
  type DossierBody,
  type Tokens,
} from './support/dossier-helpers';

const ROLES: Role[] = ['admin', 'specialist', 'cellSecretary', 'grassrootsOfficer', 'committeeMember', 'inspector'];

/** Each role's user, and the organisation its scope is (admin: none, the whole tree). */
const SCOPES: Record<Role, keyof TestApp['tree'] | null> = {
  admin: null,
  specialist: 'committee',
  cellSecretary: 'cell',
  grassrootsOfficer: 'grassroots',
  committeeMember: 'committee',
  inspector: 'committee',
};

/** The cells each role reaches (domain.md: a scope is a node of the tree and everything below it). */
const CELLS_IN_SCOPE: Record<Role, (keyof TestApp['tree'])[]> = {
  admin: ['cell', 'otherCell', 'sectionCell', 'delegatedCell', 'foreignCell'],
  specialist: ['cell', 'otherCell', 'sectionCell', 'delegatedCell'],
  committeeMember: ['cell', 'otherCell', 'sectionCell', 'delegatedCell'],
  inspector: ['cell', 'otherCell', 'sectionCell', 'delegatedCell'],
  grassrootsOfficer: ['cell', 'otherCell', 'sectionCell'],
  cellSecretary: ['cell'],
};

/**
 * Who may record which step, written from domain.md ("Who may record which step"), not from the code:
 * the cell's steps, the grassroots steps, the committee's records, and the members' own votes.
 */
const CELL_STEPS = [
  'RECORD_AWARENESS_CERTIFICATE',
  'SUBMIT_APPLICATION',
  'SUBMIT_PERSONAL_HISTORY',
  'ADD_INTRODUCER',
  'RECORD_UNION_INTRODUCTION',
  'RECORD_COMMENTS',
  'RECORD_CELL_VOTE',
  'HOLD_CEREMONY',
  'RECORD_NEW_MEMBER_TRAINING',
  'FILE_MEMBER_HISTORY',
  'REPLACE_HELPER',
  'SUBMIT_SELF_REVIEW',
  'RECORD_HELPER_COMMENTS',
  'RECORD_RECOGNITION_COMMENTS',
  'RECORD_RECOGNITION_CELL_VOTE',
  'RECORD_DECISION_RECEIVED',
  'WITHDRAW',
];
const GRASSROOTS_STEPS = [
  'START_VERIFICATION',
  'RECORD_VERIFICATION_ANSWER',
  'CONCLUDE_VERIFICATION',
  'RECORD_SECTION_APPRAISAL',
  'RECORD_GRASSROOTS_VOTE',
  'RECORD_RECOGNITION_GRASSROOTS_VOTE',
];
const COMMITTEE_RECORDS = [
  'ISSUE_DECISION',
  'REFUSE_ADMISSION',
  'EXTEND_DEADLINE',
  'RECORD_CEREMONY_CONSENT',
  'ISSUE_RECOGNITION',
  'ISSUE_REMOVAL',
  'RECORD_AGE_EXCEPTION',
];
const MEMBER_VOTES = ['APPROVE_DECISION', 'OBJECT_DECISION'];
/** Corrections (api.md, "Procedure, second edition"): candidate details by the cell or a specialist; voiding. */
const AMENDMENT = 'AMEND_CANDIDATE';
const VOIDING = 'VOID_LAST_EVENT';
const MAY_RECORD: Record<Role, string[]> = {
  cellSecretary: [...CELL_STEPS, AMENDMENT],
  grassrootsOfficer: [...CELL_STEPS, ...GRASSROOTS_STEPS],
  specialist: [...CELL_STEPS, ...GRASSROOTS_STEPS, ...COMMITTEE_RECORDS, 'TRANSFER', AMENDMENT, VOIDING],
  committeeMember: MEMBER_VOTES,
  inspector: [],
  admin: [VOIDING],
};
/** The secretary of a grassroots cell also verifies (its own grassroots organisation): published, not allowed here. */
const VERIFICATION = ['START_VERIFICATION', 'RECORD_VERIFICATION_ANSWER', 'CONCLUDE_VERIFICATION'];

/** A well-formed example of every event type of api.md: only the role and the state can refuse it. */
const d = '2024-06-10';
const SAMPLES: Record<string, Record<string, unknown>> = {
  RECORD_AWARENESS_CERTIFICATE: { certificateNo: 'NT-1', issuedOn: '2024-06-05', issuer: 'Trung tâm Chính trị' },
  SUBMIT_APPLICATION: {},
  SUBMIT_PERSONAL_HISTORY: { relatives: [{ relation: 'mother', fullName: 'Lý Thị Mai', partyMember: false }] },
  START_VERIFICATION: {},
  RECORD_VERIFICATION_ANSWER: { subject: 'candidate', adverse: false },
  CONCLUDE_VERIFICATION: { passed: true },
  ADD_INTRODUCER: { memberName: 'Hoàng Văn Minh', officialSince: '2010-05-19', knownSince: '2020-01-01' },
  RECORD_UNION_INTRODUCTION: { union: 'youth', resolutionNo: '12-NQ/ĐTN' },
  RECORD_COMMENTS: {},
  RECORD_CELL_VOTE: { officialMembers: 11, inFavour: 8, against: 3 },
  RECORD_SECTION_APPRAISAL: {},
  RECORD_GRASSROOTS_VOTE: { committeeMembers: 9, inFavour: 7, against: 2 },
  APPROVE_DECISION: {},
  OBJECT_DECISION: { note: 'Chưa đủ điều kiện' },
  ISSUE_DECISION: { decisionNo: '123-QĐ/TU' },
  REFUSE_ADMISSION: { reason: 'Không đủ tiêu chuẩn' },
  EXTEND_DEADLINE: { reason: 'Chờ kết quả thẩm tra' },
  RECORD_CEREMONY_CONSENT: {},
  HOLD_CEREMONY: { helperName: 'Hoàng Văn Minh' },
  RECORD_NEW_MEMBER_TRAINING: { certificateNo: 'ĐVM-1' },
  FILE_MEMBER_HISTORY: {},
  REPLACE_HELPER: { helperName: 'Nông Văn Dũng' },
  SUBMIT_SELF_REVIEW: {},
  RECORD_HELPER_COMMENTS: {},
  RECORD_RECOGNITION_COMMENTS: {},
  RECORD_RECOGNITION_CELL_VOTE: { officialMembers: 11, inFavour: 10, against: 1, proposal: 'recognise' },
  RECORD_RECOGNITION_GRASSROOTS_VOTE: { committeeMembers: 9, inFavour: 8, against: 1 },
  ISSUE_RECOGNITION: { decisionNo: '456-QĐ/TU' },
  ISSUE_REMOVAL: { decisionNo: '457-QĐ/TU', reason: 'Không đủ tư cách' },
  WITHDRAW: { reason: 'Người vào Đảng xin rút' },
  TRANSFER: { reason: 'Chuyển nơi cư trú' },
  RECORD_DECISION_RECEIVED: {},
  RECORD_AGE_EXCEPTION: { decisionNo: '15-CV/TU', authority: 'Ban Thường vụ Tỉnh ủy' },
  AMEND_CANDIDATE: { changes: { occupation: 'worker' }, reason: 'Ghi nhầm nghề nghiệp' },
  VOID_LAST_EVENT: { reason: 'Ghi nhầm số phiếu' },
};
const EVENT_TYPES = Object.keys(SAMPLES);

const CODES: Record<number, string> = { 400: 'INVALID_REQUEST', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

interface Target {
  cellId: string;
  dossierId: string;
}

interface Endpoint {
  name: string;
  /** Per role, the status of a call on a target in scope and on one out of scope (one status: no target). */
  expected: Record<Role, number | [inScope: number, outOfScope: number]>;
  call: (token: string, target: Target, role: Role, inScope: boolean) => Promise<Response>;
}

describe('who may call what: roles × scopes over every endpoint', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const targets = {} as Record<Role, { in: Target; out: Target }>;
  /** Path actors built from the matrix's own users, to drive dossiers along the demo path. */
  let path: Tokens;
  /** A dossier of `tree.cell` awaiting the committee members' approvals. */
  let decision: DossierBody;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp('access');
    for (const role of ROLES) {
      if (role !== 'admin') await t.createUser(`am-${role}`, [role], t.tree[SCOPES[role]!]);
      tokens[role] = await t.token(role === 'admin' ? 'admin' : `am-${role}`);
    }
    await t.createUser('am-foreign-specialist', ['specialist'], t.tree.otherCommittee);
    const foreignSpecialist = await t.token('am-foreign-specialist');
    path = {
      cell: tokens.cellSecretary,
      grassroots: tokens.grassrootsOfficer,
      specialist: tokens.specialist,
      member1: tokens.committeeMember,
      member2: tokens.committeeMember,
      member3: tokens.committeeMember,
    };

    const inCell = await createDossier(t, tokens.cellSecretary);
    const inOtherCell = await createDossier(t, tokens.grassrootsOfficer, { cellId: t.tree.otherCell });
    await createDossier(t, tokens.grassrootsOfficer, { cellId: t.tree.sectionCell });
    await createDossier(t, tokens.specialist, { cellId: t.tree.delegatedCell });
    const foreign = await createDossier(t, foreignSpecialist, { cellId: t.tree.foreignCell });
    decision = await dossierBefore(t, path, 'APPROVE_DECISION');

    const here = { cellId: t.tree.cell, dossierId: inCell.id };
    const abroad = { cellId: t.tree.foreignCell, dossierId: foreign.id };
    for (const role of ROLES) targets[role] = { in: here, out: abroad };
    // For a cell secretary, the next cell of the same grassroots organisation is already out of scope.
    targets.cellSecretary = { in: here, out: { cellId: t.tree.otherCell, dossierId: inOtherCell.id } };
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', bearer(token));
  const post = (path: string, token: string, body: object) =>
    t.http().post(path).set('Authorization', bearer(token)).send(body);

  /** Every role that may call, and every role that may not, with the answer each gets. */
  const all = (status: number) => Object.fromEntries(ROLES.map((role) => [role, status])) as Record<Role, number>;
  const only = (allowed: Partial<Record<Role, number | [number, number]>>, otherwise: number | [number, number]) =>
    Object.fromEntries(ROLES.map((role) => [role, allowed[role] ?? otherwise])) as Endpoint['expected'];
  const readScoped = only({ admin: [200, 200] }, [200, 404]);

  const endpoints: Endpoint[] = [
    { name: 'GET /api/organizations', expected: all(200), call: (token) => get('/api/organizations', token) },
    {
      name: 'POST /api/organizations',
      expected: only({ admin: 201 }, 403),
      call: (token) =>
        post('/api/organizations', token, {
          name: `Đảng bộ xã ${++serial}`,
          kind: 'grassroots',
          parentId: t.tree.otherCommittee,
          committeeSize: 7,
        }),
    },
    {
      name: 'POST /api/users',
      expected: only({ admin: 201 }, 403),
      call: (token) =>
        post('/api/users', token, {
          username: `am-new-${++serial}`,
          password: 'mat-khau-moi-123',
          roles: ['inspector'],
          scopeOrgId: t.tree.otherCommittee,
        }),
    },
    { name: 'GET /api/users', expected: only({ admin: 200 }, 403), call: (token) => get('/api/users', token) },
    {
      name: 'POST /api/dossiers',
      // Who may propose a candidate is checked before where: a role that may not gets 403 anywhere.
      expected: only({ admin: [403, 403], committeeMember: [403, 403], inspector: [403, 403] }, [201, 404]),
      call: (token, target) =>
        post('/api/dossiers', token, {
          cellId: target.cellId,
          occurredOn: '2024-06-03',
          candidate: {
            fullName: `Hà Thị Lan ${++serial}`,
            nationalId: nextNationalId(),
            dateOfBirth: '1999-01-20',
            gender: 'female',
            ethnicity: 'Nùng',
            religion: 'Không',
            educationLevel: 'college',
            generalEducation: 'upperSecondary',
            occupation: 'nurse',
            youthUnionMember: true,
          },
        }),
    },
    {
      name: 'PATCH /api/organizations/:id',
      // Role before scope; the admin's change here changes nothing (the cell has no committee size).
      expected: only({ admin: [200, 200] }, [403, 403]),
      call: (token, target) =>
        t
          .http()
          .patch(`/api/organizations/${target.cellId}`)
          .set('Authorization', bearer(token))
          .send({ committeeSize: null, effectiveFrom: '2024-06-10' }),
    },
    {
      name: 'POST /api/organizations/:id/merge',
      expected: only({ admin: [422, 422] }, [403, 403]),
      call: (token, target) =>
        post(`/api/organizations/${target.cellId}/merge`, token, {
          intoId: target.cellId,
          effectiveFrom: '2024-06-10',
        }),
    },
    {
      name: 'POST /api/organizations/:id/close',
      // The cell holds dossiers: an admin is told it is not empty.
      expected: only({ admin: [422, 422] }, [403, 403]),
      call: (token, target) =>
        post(`/api/organizations/${target.cellId}/close`, token, { effectiveFrom: '2024-06-10' }),
    },
    {
      name: 'GET /api/organizations/:id/changes',
      expected: readScoped,
      call: (token, target) => get(`/api/organizations/${target.cellId}/changes`, token),
    },
    { name: 'GET /api/policies', expected: all(200), call: (token) => get('/api/policies', token) },
    {
      name: 'POST /api/policies',
      // A retroactive version: an admin is answered 422 policy.retroactive, and nothing is published.
      expected: only({ admin: 422 }, 403),
      call: (token) =>
        post('/api/policies', token, {
          effectiveFrom: '2020-01-01',
          parameters: { ceremonyWorkingDays: 45 },
          citation: 'Thử quyền',
        }),
    },
    { name: 'GET /api/dossiers', expected: all(200), call: (token) => get('/api/dossiers', token) },
    {
      name: 'GET /api/dossiers/:id',
      expected: readScoped,
      call: (token, target) => get(`/api/dossiers/${target.dossierId}`, token),
    },
    {
      name: 'POST /api/dossiers/:id/events',
      // Scope first (404), then the role (403): an admin reaches every dossier but records nothing.
      expected: only({ admin: [403, 403], inspector: [403, 404] }, [200, 404]),
      call: async (token, target, role, inScope) => {
        // In scope, a committee member approves the dossier awaiting decision; every other writer records the
        // comments on a new dossier of its own, so that each accepted event is the first of its kind.
        if (inScope && role === 'committeeMember') {
          const approve = { type: 'APPROVE_DECISION', occurredOn: stepOf('APPROVE_DECISION').event.occurredOn };
          return post(`/api/dossiers/${decision.id}/events`, token, approve);
        }
        const dossierId = inScope ? (await createDossier(t, tokens.specialist)).id : target.dossierId;
        return post(`/api/dossiers/${dossierId}/events`, token, { type: 'RECORD_COMMENTS', occurredOn: d });
      },
    },
    {
      name: 'GET /api/dossiers/:id/history',
      expected: readScoped,
      call: (token, target) => get(`/api/dossiers/${target.dossierId}/history`, token),
    },
    {
      name: 'GET /api/dossiers/:id/rejections',
      expected: readScoped,
      call: (token, target) => get(`/api/dossiers/${target.dossierId}/rejections`, token),
    },
    { name: 'GET /api/workflows', expected: all(200), call: (token) => get('/api/workflows', token) },
    {
      name: 'GET /api/workflows/admission',
      expected: all(200),
      call: (token) => get('/api/workflows/admission', token),
    },
    {
      name: 'GET /api/inbox/approvals',
      expected: only({ committeeMember: 200 }, 403),
      call: (token) => get('/api/inbox/approvals', token),
    },
    {
      name: 'GET /api/calendar (overrides)',
      expected: only({ admin: 200 }, 403),
      call: (token) => get('/api/calendar', token),
    },
    {
      name: 'PUT /api/calendar/overrides/:date',
      expected: only({ admin: 200 }, 403),
      call: (token) =>
        t
          .http()
          .put('/api/calendar/overrides/2031-01-02')
          .set('Authorization', bearer(token))
          .send({ kind: 'dayOff', note: 'Nghỉ bù Tết Dương lịch' }),
    },
    {
      name: 'DELETE /api/calendar/overrides/:date',
      expected: only({ admin: 204 }, 403),
      call: (token) => t.http().delete('/api/calendar/overrides/2031-01-02').set('Authorization', bearer(token)),
    },
    { name: 'GET /api/calendar/:year', expected: all(200), call: (token) => get('/api/calendar/2025', token) },
  ];

  type MatrixCell = [
    name: string,
    role: Role,
    where: 'no target' | 'in scope' | 'out of scope',
    status: number,
    Endpoint,
  ];
  const matrix = endpoints.flatMap((endpoint) =>
    ROLES.flatMap((role): MatrixCell[] => {
      const expected = endpoint.expected[role];
      return typeof expected === 'number'
        ? [[endpoint.name, role, 'no target', expected, endpoint]]
        : [
            [endpoint.name, role, 'in scope', expected[0], endpoint],
            [endpoint.name, role, 'out of scope', expected[1], endpoint],
          ];
    }),
  );

  it.each(matrix)('%s as %s, %s → %i', async (_name, role, where, status, endpoint) => {
    const inScope = where !== 'out of scope';
    const response = await endpoint.call(tokens[role], inScope ? targets[role].in : targets[role].out, role, inScope);
    if (response.status !== status)
      throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    if (CODES[status]) expect(response.body).toEqual({ code: CODES[status], message: expect.any(String) });
  });

  describe('who may record which step (domain.md), for every event type', () => {
    let dossierId: string;
    beforeAll(async () => {
      dossierId = (await createDossier(t, tokens.specialist)).id;
    });

    const cases = EVENT_TYPES.flatMap((type) =>
      ROLES.map((role) => [role, MAY_RECORD[role].includes(type) ? 'may' : 'may not', type] as const),
    );

    // A stale If-Match: a role allowed to send a well-formed event reaches the version check (409) and no
    // further, so that the dossier never changes; a role not allowed is stopped before, with 403.
    it.each(cases)('%s %s record %s', async (role, may, type) => {
      const response = await post(`/api/dossiers/${dossierId}/events`, tokens[role], {
        type,
        occurredOn: d,
        ...SAMPLES[type],
        ...(type === 'TRANSFER' ? { toCellId: t.tree.otherCell } : {}),
      }).set('If-Match', '0');
      if (may === 'may') expect(response.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
      else expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(response.status).toBe(may === 'may' ? 409 : 403);
    });

    it('the table covers every event type of the workflow, and the workflow publishes the same roles', async () => {
      const workflow = expectStatus(await get('/api/workflows/admission', tokens.inspector), 200).body;
      const published = workflow.events as { type: string; roles: Role[] }[];
      expect(published.map((event) => event.type).sort()).toEqual([...EVENT_TYPES].sort());
      for (const event of published)
        expect([event.type, [...event.roles].sort()]).toEqual([
          event.type,
          ROLES.filter(
            (role) =>
              MAY_RECORD[role].includes(event.type) || (role === 'cellSecretary' && VERIFICATION.includes(event.type)),
          ).sort(),
        ]);
    });

    it('the dossier offers each role only the events it may send', async () => {
      // A dossier of its own: the committee member approves the shared one above, and is then offered nothing more.
      const awaiting = await dossierBefore(t, path, 'APPROVE_DECISION');
      const views = Object.fromEntries(
        await Promise.all(
          ROLES.map(
            async (role) =>
              [role, expectStatus(await get(`/api/dossiers/${awaiting.id}`, tokens[role]), 200).body] as const,
          ),
        ),
      );
      const offered = (role: Role) => views[role].allowedEvents.map((event: { type: string }) => event.type).sort();
      expect(offered('committeeMember')).toEqual(['APPROVE_DECISION', 'OBJECT_DECISION']);
      expect(offered('specialist')).toEqual([
        'AMEND_CANDIDATE',
        'EXTEND_DEADLINE',
        'ISSUE_DECISION',
        'REFUSE_ADMISSION',
        'TRANSFER',
        'VOID_LAST_EVENT',
        'WITHDRAW',
      ]);
      expect(offered('cellSecretary')).toEqual(['AMEND_CANDIDATE', 'WITHDRAW']);
      expect(offered('grassrootsOfficer')).toEqual(['WITHDRAW']);
      expect(offered('inspector')).toEqual([]);
      expect(offered('admin')).toEqual(['VOID_LAST_EVENT']);
    });
  });

  describe('scope', () => {
    it("a secretary of another cell gets 404 on this cell's dossier, whatever the call", async () => {
      await t.createUser('am-bithu-khac', ['cellSecretary'], t.tree.otherCell);
      const other = await t.token('am-bithu-khac');
      const id = targets.cellSecretary.in.dossierId;
      const answers = [
        await get(`/api/dossiers/${id}`, other),
        await get(`/api/dossiers/${id}/history`, other),
        await get(`/api/dossiers/${id}/rejections`, other),
        await post(`/api/dossiers/${id}/events`, other, { type: 'SUBMIT_APPLICATION', occurredOn: d }),
        await post(`/api/dossiers/${id}/events`, other, { type: 'ISSUE_DECISION', occurredOn: d, decisionNo: '1' }),
      ];
      expect(answers.map((response) => response.status)).toEqual([404, 404, 404, 404, 404]);
      const list = expectStatus(await get(`/api/dossiers?cellId=${t.tree.cell}`, other), 200).body;
      expect(list).toEqual({ items: [], total: 0 });
    });

    interface Shape {
      name: string;
      kind: string;
      children: Shape[];
    }
    const shape = (node: { name: string; kind: string; children: unknown[] }): Shape => ({
      name: node.name,
      kind: node.kind,
      children: (node.children as (typeof node)[]).map(shape).sort((a, b) => a.name.localeCompare(b.name)),
    });
    const leaf = (name: string, kind: string): Shape => ({ name, kind, children: [] });
    const node = (name: string, kind: string, children: Shape[]): Shape => ({
      name,
      kind,
      children: [...children].sort((a, b) => a.name.localeCompare(b.name)),
    });
    const grassrootsTree = node('Đảng bộ Sở Giáo dục', 'grassroots', [
      node('Đảng ủy bộ phận Trường THPT', 'section', [leaf('Chi bộ Tổ Toán', 'cell')]),
      leaf('Chi bộ Văn phòng Sở', 'cell'),
      leaf('Chi bộ Phòng Tổ chức', 'cell'),
    ]);
    const committeeTree = node('Thành ủy Bắc Kạn', 'committee', [
      grassrootsTree,
      node('Đảng bộ Công an tỉnh', 'grassroots', [leaf('Chi bộ Phòng Tham mưu', 'cell')]),
    ]);

    it.each([
      ['cellSecretary', [leaf('Chi bộ Văn phòng Sở', 'cell')]],
      ['grassrootsOfficer', [grassrootsTree]],
      ['specialist', [committeeTree]],
      ['committeeMember', [committeeTree]],
      ['inspector', [committeeTree]],
    ] as [Role, Shape[]][])("GET /api/organizations as %s gives only the caller's subtree", async (role, expected) => {
      const response = expectStatus(await get('/api/organizations', tokens[role]), 200);
      expect(response.body.map(shape)).toEqual(expected);
      const [root] = response.body;
      expect(root.id).toBe(t.tree[SCOPES[role]!]);
    });

    it('GET /api/organizations gives an admin the whole forest', async () => {
      const response = expectStatus(await get('/api/organizations', tokens.admin), 200);
      const roots = response.body.map(shape);
      expect(roots.map((root: Shape) => root.name).sort()).toEqual(['Huyện ủy Ba Bể', 'Thành ủy Bắc Kạn']);
      expect(roots.find((root: Shape) => root.name === 'Thành ủy Bắc Kạn')).toEqual(committeeTree);
      const foreign = roots.find((root: Shape) => root.name === 'Huyện ủy Ba Bể');
      expect(foreign.children.map((child: Shape) => child.name)).toContain('Đảng bộ xã Thượng Giáo');
      expect(response.body.every((root: { parentId: string | null }) => root.parentId === null)).toBe(true);
    });

    it.each(ROLES)('GET /api/dossiers as %s lists exactly the dossiers of the cells in scope', async (role) => {
      // Everything there is, as the admin sees it, filtered by the scope the role should have.
      const everything = expectStatus(await get('/api/dossiers?limit=100', tokens.admin), 200).body;
      expect(everything.total).toBe(everything.items.length);
      const cells = new Set(CELLS_IN_SCOPE[role].map((key) => t.tree[key]));
      const expected = everything.items.filter((item: { cellId: string }) => cells.has(item.cellId));
      expect(expected.length).toBeGreaterThan(0);

      const listed = expectStatus(await get('/api/dossiers?limit=100', tokens[role]), 200).body;
      expect(listed.total).toBe(expected.length);
      expect(listed.items.map((item: { id: string }) => item.id).sort()).toEqual(
        expected.map((item: { id: string }) => item.id).sort(),
      );

      const page = expectStatus(await get('/api/dossiers?limit=1&offset=0', tokens[role]), 200).body;
      expect(page.total).toBe(expected.length);
      expect(page.items).toHaveLength(1);
      const foreign = expectStatus(await get(`/api/dossiers?cellId=${t.tree.foreignCell}`, tokens[role]), 200).body;
      if (role === 'admin') expect(foreign.total).toBeGreaterThan(0);
      else expect(foreign).toEqual({ items: [], total: 0 });
    });
  });
});
