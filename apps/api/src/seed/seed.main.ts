import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessTokens, type AuthenticatedUser } from '@libs/auth';
import { OfficeCalendar } from '@libs/calendar';
import { loadConfig } from '@libs/config';
import { exitOnFailure } from '@libs/logging';
import { OrganizationEntity, UserEntity } from '@libs/persistence';
import { addDays, todayInVietnam, type LocalDate } from '@workflows/common/local-date';
import { createApp } from '../app.factory';
import { DossiersService } from '../dossiers/dossiers.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { publicUser, UsersService } from '../users/users.service';
import { ClassesService } from '../classes/classes.service';
import { MembersImportService } from '../members/members-import.service';
import { QuotasService } from '../reports/quotas.service';
import { admissionPathUpTo, DEMO_CANDIDATE, demoNationalId, type StepActor } from './admission-path';
import { demoHistoryCsv } from './demo-history';
import { REORGANISED_ON, reorganise2025 } from './demo-reorganisation';
import { DEMO_COMMITTEE, DEMO_ORGANIZATIONS, DEMO_USERS } from './demo-tree';

/**
 * `npm run seed`: the demo city committee of Bắc Kạn and its members since 2016, the 1 July 2025 reorganisation into
 * Thái Nguyên province, one user per role, and today's dossiers at every stage of the path in the new tree.
 */
async function seed() {
  const config = loadConfig();
  const password = process.env.SEED_PASSWORD ?? 'BacKan@2026';
  // The seed tells its own story; the API's lines below warnings would drown it.
  const app = await createApp({ ...config, log: { ...config.log, level: 'warn' } });
  await app.init();
  const dataSource = app.get(DataSource);
  const log = new Logger('Seed');

  if (await dataSource.getRepository(OrganizationEntity).existsBy({ name: DEMO_COMMITTEE })) {
    log.log(`The demo committee is already there; nothing to do. Users and password: see README.`);
    await app.close();
    return;
  }

  const organizations = app.get(OrganizationsService);
  const orgs = new Map<string, OrganizationEntity>();
  for (const { key, parent, ...organization } of DEMO_ORGANIZATIONS)
    orgs.set(key, await organizations.create({ ...organization, parentId: parent ? orgs.get(parent)!.id : null }));

  const users = app.get(UsersService);
  for (const user of DEMO_USERS) {
    const scope = user.scope ? orgs.get(user.scope)! : null;
    await users.create(null, { username: user.username, password, roles: user.roles, scopeOrgId: scope?.id ?? null });
  }
  /** A demo user with the scope they have now: the reorganisation moves scopes and paths. */
  const person = async (username: string): Promise<AuthenticatedUser> => {
    const user = (await users.findActiveByUsername(username))!;
    const scope = user.scopeOrgId ? await organizations.findById(user.scopeOrgId) : null;
    return { ...publicUser(user), scopePath: scope?.path ?? null, tokenVersion: user.tokenVersion };
  };
  const today = todayInVietnam();
  const cellIds = DEMO_ORGANIZATIONS.filter((org) => org.kind === 'cell').map((org) => orgs.get(org.key)!.id);
  const importer = app.get(MembersImportService);

  // The city committee's years: members admitted from 2016 to the eve of the reorganisation, and their quotas.
  const quotas = app.get(QuotasService);
  for (let year = 2016; year <= Number(today.slice(0, 4)); year++)
    for (const [key, target] of [
      ['education', 12],
      ['ward', 8],
      ['police', 5],
    ] as const)
      await quotas.set(orgs.get(key)!.id, year, target);
  const before = await importer.import(
    await person('chuyenvien'),
    demoHistoryCsv(cellIds, { from: '2016-01-01', to: addDays(REORGANISED_ON, -1) }, today, 24),
  );

  // 1 July 2025: the new tree. Members admitted since, and today's dossiers, belong to it.
  const reorganised = await reorganise2025(app, await person('quantri'), orgs);
  const after = await importer.import(
    await person('chuyenvien'),
    demoHistoryCsv(cellIds, { from: REORGANISED_ON, to: addDays(today, -30) }, today, 24),
  );

  const actors: Record<StepActor, AuthenticatedUser> = {
    cell: await person('bithu.vanphong'),
    grassroots: await person('danguy.giaoduc'),
    specialist: await person('chuyenvien'),
    member1: await person('uyvien1'),
    member2: await person('uyvien2'),
    member3: await person('uyvien3'),
  };
  const dossiers = app.get(DossiersService);
  const tokens = app.get(AccessTokens);
  const calendar = app.get(OfficeCalendar).calendar;

  let candidates = 0;
  /** A dossier whose last recorded step is `lastType`, dated `lastOn`. */
  const dossierUpTo = async (fullName: string, lastType: string | null, lastOn: LocalDate) => {
    candidates += 1;
    const { start, steps } = admissionPathUpTo(lastType, lastOn, fullName);
    const created = await dossiers.create(actors.cell, {
      cellId: orgs.get('office')!.id,
      occurredOn: start,
      // "Văn" names a man, "Thị" a woman, as the demo's names are written.
      candidate: {
        ...DEMO_CANDIDATE,
        fullName,
        gender: fullName.includes(' Văn ') ? 'male' : 'female',
        nationalId: demoNationalId(candidates),
      },
    });
    for (const step of steps)
      await dossiers.applyEvent(tokens.callerOf(actors[step.actor]), created.id, step.event, {});
    return created.id;
  };

  const stages: [string, string | null, LocalDate][] = [
    ['Hà Văn Tuấn', null, addDays(today, -3)],
    ['Lục Thị Ngân', 'CONCLUDE_VERIFICATION', addDays(today, -2)],
    ['Nông Văn Khánh', 'RECORD_COMMENTS', addDays(today, -5)],
    ['Triệu Thị Hằng', 'RECORD_CELL_VOTE', addDays(today, -10)],
    ['Hoàng Văn Thái', 'APPROVE_DECISION', addDays(today, -4)],
    // Decision 27 working days ago: the ceremony is due in 3, so the cell secretary has a reminder now.
    ['Đinh Thị Phượng', 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 27)],
    // Decision 34 working days ago: the ceremony is overdue, escalated to the grassroots committee.
    ['Ma Văn Cường', 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 34)],
    ['Lý Thị Duyên', 'RECORD_NEW_MEMBER_TRAINING', addDays(today, -30)],
    ['Bế Văn Lâm', 'RECORD_RECOGNITION_COMMENTS', addDays(today, -6)],
    ['Nguyễn Thị Thanh', 'RECORD_RECOGNITION_CELL_VOTE', addDays(today, -3)],
    ['Dương Văn Hải', 'RECORD_RECOGNITION_GRASSROOTS_VOTE', addDays(today, -3)],
    ['Hứa Thị Mai', 'ISSUE_RECOGNITION', addDays(today, -40)],
  ];
  const ids: string[] = [];
  for (const [name, lastType, lastOn] of stages) ids.push(await dossierUpTo(name, lastType, lastOn));
  const withdrawn = await dossierUpTo('Sầm Văn Nam', 'SUBMIT_APPLICATION', addDays(today, -20));
  await dossiers.applyEvent(
    tokens.callerOf(actors.cell),
    withdrawn,
    { type: 'WITHDRAW', occurredOn: addDays(today, -1), reason: 'Chuyển công tác ra ngoài tỉnh' },
    {},
  );

  // A finished awareness class of the province.
  const classes = app.get(ClassesService);
  const awareness = await classes.create(actors.specialist, {
    kind: 'awareness',
    name: 'Lớp bồi dưỡng nhận thức về Đảng khóa II',
    organizerOrgId: reorganised.get('province')!.id,
    startsOn: addDays(today, -12),
    endsOn: addDays(today, -8),
    issuer: 'Trung tâm Chính trị tỉnh Thái Nguyên',
  });
  await classes.enrol(actors.specialist, awareness.id, { dossierId: ids[0] });
  await classes.enrol(actors.specialist, awareness.id, { fullName: 'Quần chúng Hoàng Thị Yến' });
  await classes.close(actors.specialist, awareness.id, addDays(today, -8), 'NT-II');

  log.log(
    `Seeded ${reorganised.size} organisations (reorganised on ${REORGANISED_ON}), ${DEMO_USERS.length} users, ` +
      `${ids.length + 1} dossiers, ${before.imported + after.imported} past members, quotas and a closed class.`,
  );
  // The command's answer for the person who ran it, not a log line.
  console.log(`\nDemo users (password for all: ${password}):`);
  for (const user of DEMO_USERS)
    console.log(`  ${user.username.padEnd(16)} ${user.roles.join(',').padEnd(18)} ${user.who}`);
  const count = await dataSource.getRepository(UserEntity).count();
  console.log(
    `\n${count} users in the database. Start the service with \`npm start\` and log in at POST /api/auth/login.`,
  );
  await app.close();
}

seed().catch(exitOnFailure('Seed'));
