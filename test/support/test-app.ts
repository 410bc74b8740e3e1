import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '@apps/api/app.factory';
import { loadConfig, type AppConfig } from '@libs/config';
import { LOG_LEVELS, type LogLevelName } from '@libs/logging';
import { OrganizationsService } from '@apps/api/organizations/organizations.service';
import { UsersService } from '@apps/api/users/users.service';
import type { Role } from '@workflows/common/roles';
import { dropDatabase, testDatabaseUrl } from './test-database';
import { testClock } from './test-clock';
import { dropQueues } from './test-queues';

export const PASSWORD = 'mat-khau-thu-nghiem';

/** `TEST_LOGS=debug` (any level) shows the suites' logs; `TEST_LOGS=1` shows warnings and errors. */
function testLogLevel(): LogLevelName {
  const wanted = process.env.TEST_LOGS;
  if (!wanted) return 'silent';
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevelName) : 'warn';
}

/** A small tree: a city committee with a grassroots party committee that has a section, and a delegated one. */
export interface TestTree {
  committee: string;
  grassroots: string;
  section: string;
  sectionCell: string;
  cell: string;
  otherCell: string;
  delegatedGrassroots: string;
  delegatedCell: string;
  otherCommittee: string;
  foreignCell: string;
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  tree: TestTree;
  http: () => ReturnType<typeof request>;
  token(username: string): Promise<string>;
  createUser(username: string, roles: Role[], scopeOrgId: string | null): Promise<string>;
  close(): Promise<void>;
}

/** `overrides`: a suite that flushes or stops Redis passes the `redisUrl` of its own (see `OwnRedis`). */
export async function startTestApp(suite: string, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const config: AppConfig = {
    ...loadConfig({}),
    clock: testClock(),
    databaseUrl: testDatabaseUrl(suite),
    queuePrefix: `test-${suite}-${process.pid}`,
    jwtSecret: 'test-secret',
    jwtSecretGenerated: false,
    admin: { username: 'admin', password: PASSWORD },
    // Silent unless TEST_LOGS is set; a suite that reads the logs passes a destination.
    log: { level: testLogLevel(), format: 'json' },
    ...overrides,
  };
  const app = await createApp(config);
  await app.init();
  const organizations = app.get(OrganizationsService);
  const users = app.get(UsersService);
  const org = async (
    name: string,
    kind: 'committee' | 'grassroots' | 'section' | 'cell',
    parentId?: string,
    extra = {},
  ) => (await organizations.create({ name, kind, parentId, ...extra })).id;

  const committee = await org('Thành ủy Bắc Kạn', 'committee', undefined, { committeeSize: 5 });
  const grassroots = await org('Đảng bộ Sở Giáo dục', 'grassroots', committee, { committeeSize: 9 });
  const section = await org('Đảng ủy bộ phận Trường THPT', 'section', grassroots);
  const sectionCell = await org('Chi bộ Tổ Toán', 'cell', section);
  const cell = await org('Chi bộ Văn phòng Sở', 'cell', grassroots);
  const otherCell = await org('Chi bộ Phòng Tổ chức', 'cell', grassroots);
  const delegatedGrassroots = await org('Đảng bộ Công an tỉnh', 'grassroots', committee, {
    delegatedAdmission: true,
    committeeSize: 7,
  });
  const delegatedCell = await org('Chi bộ Phòng Tham mưu', 'cell', delegatedGrassroots);
  const otherCommittee = await org('Huyện ủy Ba Bể', 'committee', undefined, { committeeSize: 5 });
  const otherGrassroots = await org('Đảng bộ xã Thượng Giáo', 'grassroots', otherCommittee);
  const foreignCell = await org('Chi bộ thôn Nà Khao', 'cell', otherGrassroots);
  const tree = {
    committee,
    grassroots,
    section,
    sectionCell,
    cell,
    otherCell,
    delegatedGrassroots,
    delegatedCell,
    otherCommittee,
    foreignCell,
  };

  const http = () => request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    config,
    tree,
    http,
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const response = await http().post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
      tokens.set(username, response.body.accessToken);
      return response.body.accessToken;
    },
    async createUser(username, roles, scopeOrgId) {
      return (await users.create(null, { username, password: PASSWORD, roles, scopeOrgId })).id;
    },
    async close() {
      await app.close();
      await dropDatabase(config.databaseUrl);
      await dropQueues(config);
    },
  };
}
