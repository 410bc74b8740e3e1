import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '@apps/api/app.factory';
import { bearer, createDossier } from './support/dossier-helpers';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app';

/** Tokens do not outlive rights: every change of a user's rights revokes their tokens at once, in every process. */
describe("tokens follow the user's current rights", () => {
  let t: TestApp;
  let second: INestApplication;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp('rights');
    admin = await t.token('admin');
    // A second API process on the same database, as with API_PROCESSES=2 or two machines.
    second = await createApp(t.config);
    await second.init();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const login = async (username: string) =>
    (await t.http().post('/api/auth/login').send({ username, password: PASSWORD }).expect(200)).body.accessToken;
  const dossiersWith = (token: string, app: 'first' | 'second' = 'first') =>
    (app === 'first' ? t.http() : request(second.getHttpServer()))
      .get('/api/dossiers')
      .set('Authorization', bearer(token));
  const change = (id: string, body: object) =>
    t.http().patch(`/api/users/${id}`).set('Authorization', bearer(admin)).send(body);
  /** The status and code of an event sent to the dossier, on the first or the second API process. */
  const eventCodeWith = async (token: string, dossierId: string, app: 'first' | 'second' = 'first') => {
    const answer = await (app === 'first' ? t.http() : request(second.getHttpServer()))
      .post(`/api/dossiers/${dossierId}/events`)
      .set('Authorization', bearer(token))
      .send({ type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' });
    return [answer.status, answer.body.code];
  };

  it('disabling a user revokes their token at once, in every API process, and refuses their login', async () => {
    const id = await t.createUser('bithu.khoa', ['cellSecretary'], t.tree.cell);
    const token = await login('bithu.khoa');
    await dossiersWith(token).expect(200);
    await dossiersWith(token, 'second').expect(200);

    const dossier = await createDossier(t, token);
    const disabled = await change(id, { disabled: true }).expect(200);
    expect(disabled.body).toMatchObject({ id, username: 'bithu.khoa', disabled: true });
    await dossiersWith(token).expect(401);
    await dossiersWith(token, 'second').expect(401);
    // Recording an event, where the access is read with the dossier's lock: revoked there too, before the id is judged.
    for (const dossierId of [dossier.id, 'khong-phai-uuid'])
      expect(await eventCodeWith(token, dossierId)).toEqual([401, 'UNAUTHENTICATED']);
    const refused = await t.http().post('/api/auth/login').send({ username: 'bithu.khoa', password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_CREDENTIALS');

    await change(id, { disabled: false }).expect(200);
    await dossiersWith(token).expect(401);
    await dossiersWith(await login('bithu.khoa')).expect(200);
  });

  it('changing roles, scope or password revokes the tokens issued before', async () => {
    const id = await t.createUser('chuyenvien.doi', ['specialist'], t.tree.committee);
    for (const body of [
      { roles: ['inspector'] },
      { scopeOrgId: t.tree.grassroots },
      { password: 'mat-khau-moi-123' },
    ]) {
      const token = await login('chuyenvien.doi');
      await dossiersWith(token).expect(200);
      await change(id, body).expect(200);
      await dossiersWith(token).expect(401);
      await dossiersWith(token, 'second').expect(401);
      expect(await eventCodeWith(token, randomUUID(), 'second')).toEqual([401, 'UNAUTHENTICATED']);
    }
    const relogin = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'chuyenvien.doi', password: 'mat-khau-moi-123' })
      .expect(200);
    expect(relogin.body.user).toMatchObject({ roles: ['inspector'], scopeOrgId: t.tree.grassroots });
    // The new token carries the new rights: an inspector may not set quotas.
    const quota = await t
      .http()
      .put(`/api/quotas/${t.tree.grassroots}/2026`)
      .set('Authorization', bearer(relogin.body.accessToken))
      .send({ target: 3 });
    expect(quota.status).toBe(403);
  });

  it('deleting a user revokes their token, refuses their login and hides them, while the row stays', async () => {
    const id = await t.createUser('uyvien.xoa', ['committeeMember'], t.tree.committee);
    const token = await login('uyvien.xoa');
    await t.http().delete(`/api/users/${id}`).set('Authorization', bearer(admin)).expect(204);
    await dossiersWith(token).expect(401);
    expect(await eventCodeWith(token, randomUUID())).toEqual([401, 'UNAUTHENTICATED']);
    await t.http().post('/api/auth/login').send({ username: 'uyvien.xoa', password: PASSWORD }).expect(401);
    const listed = await t.http().get('/api/users').set('Authorization', bearer(admin)).expect(200);
    expect(listed.body.map((user: { username: string }) => user.username)).not.toContain('uyvien.xoa');
    await t.http().delete(`/api/users/${id}`).set('Authorization', bearer(admin)).expect(404);
    const taken = await t
      .http()
      .post('/api/users')
      .set('Authorization', bearer(admin))
      .send({ username: 'uyvien.xoa', password: PASSWORD, roles: ['committeeMember'], scopeOrgId: t.tree.committee });
    expect(taken.status).toBe(409);
  });

  it('an admin cannot disable, delete or demote themselves', async () => {
    const me = (await t.http().post('/api/auth/login').send({ username: 'admin', password: PASSWORD })).body.user.id;
    for (const response of [
      await change(me, { disabled: true }),
      await change(me, { roles: ['inspector'] }),
      await t.http().delete(`/api/users/${me}`).set('Authorization', bearer(admin)),
    ]) {
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('CANNOT_CHANGE_SELF');
    }
    await dossiersWith(admin).expect(200);
  });
});
