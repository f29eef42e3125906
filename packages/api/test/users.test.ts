import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProvider,
  createSite,
  createTestApp,
  createUser,
  login,
  userWithToken,
  type TestApp,
} from './helpers.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await userWithToken(t, { roles: ['admin'] });
});
afterAll(() => t.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  username: `u${Math.random().toString(36).slice(2, 10)}`,
  displayName: 'Maija Meikäläinen',
  email: 'maija@example.test',
  roles: ['key_coordinator'],
  password: 'a-long-enough-password',
  ...over,
});

describe('users admin', () => {
  it('admin creates a site manager attached to sites, and the change is audited', async () => {
    const site = await createSite(t);
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', admin.auth)
      .send(newUser({ roles: ['site_manager'], siteIds: [site.id] }));
    expect(res.status).toBe(201);
    expect(res.body.sites).toEqual([{ id: site.id, name: site.name }]);
    expect(res.body).not.toHaveProperty('passwordHash');
    const logged = await t.sql(
      `SELECT 1 FROM audit_log WHERE action = 'user.created' AND target_id = $1 AND actor_id = $2`,
      [res.body.id, admin.user.id],
    );
    expect(logged).toHaveLength(1);
    // The new user can log in with the password given.
    await expect(login(t, res.body.username, 'a-long-enough-password')).resolves.toBeTruthy();
  });

  it('refuses incoherent roles, unknown sites, short passwords and taken usernames', async () => {
    const provider = await createProvider(t);
    const cases = [
      newUser({ roles: ['provider_user'] }),
      newUser({ roles: ['provider_user', 'care_coordinator'], providerId: provider.id }),
      newUser({ roles: ['site_manager'], siteIds: ['00000000-0000-4000-8000-000000000000'] }),
      newUser({ roles: ['key_coordinator'], siteIds: [(await createSite(t)).id] }),
    ];
    for (const body of cases) {
      const res = await t.http().post('/api/v1/users').set('authorization', admin.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const short = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', admin.auth)
      .send(newUser({ password: 'short' }));
    expect(short.status).toBe(422);
    const body = newUser();
    expect((await t.http().post('/api/v1/users').set('authorization', admin.auth).send(body)).status).toBe(
      201,
    );
    const dup = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', admin.auth)
      .send({ ...body, username: body.username.toUpperCase() });
    expect(dup.status).toBe(409);
  });

  it('disabling a user ends their sessions at once; users are never deleted', async () => {
    const target = await userWithToken(t, { roles: ['care_viewer'] });
    const res = await t
      .http()
      .patch(`/api/v1/users/${target.user.id}`)
      .set('authorization', admin.auth)
      .send({ disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await t.http().get('/api/v1/me').set('authorization', target.auth)).status).toBe(401);
    const del = await t.http().delete(`/api/v1/users/${target.user.id}`).set('authorization', admin.auth);
    expect(del.status).toBe(404);
    expect(await t.sql('SELECT 1 FROM users WHERE id = $1', [target.user.id])).toHaveLength(1);
  });

  it('an admin cannot lock themselves out', async () => {
    const res = await t
      .http()
      .patch(`/api/v1/users/${admin.user.id}`)
      .set('authorization', admin.auth)
      .send({ roles: ['care_viewer'] });
    expect(res.status).toBe(409);
  });

  it('unlocks a locked account', async () => {
    const locked = await createUser(t, { roles: ['care_viewer'] });
    await t.sql(
      `INSERT INTO login_throttles (username_key, attempts, locked_until) VALUES (lower($1), 5, now() + interval '1 hour')`,
      [locked.username],
    );
    const shown = await t.http().get(`/api/v1/users/${locked.id}`).set('authorization', admin.auth);
    expect(shown.body.lockedUntil).toEqual(expect.any(String));
    const res = await t
      .http()
      .patch(`/api/v1/users/${locked.id}`)
      .set('authorization', admin.auth)
      .send({ unlock: true });
    expect(res.body.lockedUntil).toBeNull();
    await expect(login(t, locked.username)).resolves.toBeTruthy();
  });

  it('filters and paginates', async () => {
    const page1 = await t
      .http()
      .get('/api/v1/users')
      .query({ pageSize: 2, page: 1 })
      .set('authorization', admin.auth);
    const page2 = await t
      .http()
      .get('/api/v1/users')
      .query({ pageSize: 2, page: 2 })
      .set('authorization', admin.auth);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBeGreaterThan(3);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const viewers = await t
      .http()
      .get('/api/v1/users')
      .query({ role: 'care_viewer' })
      .set('authorization', admin.auth);
    expect(viewers.body.items.every((u: { roles: string[] }) => u.roles.includes('care_viewer'))).toBe(true);
  });
});

describe('provider admins manage their own organisation only', () => {
  let providerA: { id: string };
  let providerB: { id: string };
  let adminA: Awaited<ReturnType<typeof userWithToken>>;
  beforeAll(async () => {
    providerA = await createProvider(t);
    providerB = await createProvider(t);
    adminA = await userWithToken(t, { roles: ['provider_admin'], providerId: providerA.id });
  });

  it('creates users into their own organisation only', async () => {
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', adminA.auth)
      .send(newUser({ roles: ['provider_user'], providerId: providerB.id }));
    expect(res.status).toBe(403);
    const ok = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', adminA.auth)
      .send(newUser({ roles: ['provider_user'] }));
    expect(ok.status).toBe(201);
    expect(ok.body.provider.id).toBe(providerA.id);
  });

  it('cannot grant city roles', async () => {
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', adminA.auth)
      .send(newUser({ roles: ['care_coordinator'] }));
    expect(res.status).toBe(403);
  });

  it("gets 404 for another organisation's user, reading or changing", async () => {
    const foreign = await createUser(t, { roles: ['provider_user'], providerId: providerB.id });
    const cityUser = await createUser(t, { roles: ['care_coordinator'] });
    for (const id of [foreign.id, cityUser.id]) {
      expect((await t.http().get(`/api/v1/users/${id}`).set('authorization', adminA.auth)).status).toBe(404);
      const patch = await t
        .http()
        .patch(`/api/v1/users/${id}`)
        .set('authorization', adminA.auth)
        .send({ disabled: true });
      expect(patch.status).toBe(404);
    }
    expect(
      await t.sql('SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NULL', [foreign.id]),
    ).toHaveLength(1);
    const list = await t
      .http()
      .get('/api/v1/users')
      .query({ pageSize: 200 })
      .set('authorization', adminA.auth);
    expect(
      list.body.items.every((u: { provider: { id: string } | null }) => u.provider?.id === providerA.id),
    ).toBe(true);
  });
});

describe('invitations', () => {
  it('a provider admin invites a user, who sets a password once through the e-mailed link and logs in', async () => {
    const t2 = await createTestApp();
    try {
      const provider = await createProvider(t2);
      const admin = await userWithToken(t2, { roles: ['provider_admin'], providerId: provider.id });
      const res = await t2
        .http()
        .post('/api/v1/users/invitations')
        .set('authorization', admin.auth)
        .send({
          username: 'invited.nurse',
          displayName: 'Invited Nurse',
          email: 'nurse@example.test',
          roles: ['provider_user'],
          language: 'en',
        });
      expect(res.status).toBe(201);
      expect(res.body.provider.id).toBe(provider.id);
      // Not allowed to hand out city roles.
      const city = await t2
        .http()
        .post('/api/v1/users/invitations')
        .set('authorization', admin.auth)
        .send({ username: 'x.y', displayName: 'X', email: 'x@example.test', roles: ['care_coordinator'] });
      expect(city.status).toBe(403);

      const [mail] = await t2.sql<{ body: string; to_address: string }>(
        `SELECT body, to_address FROM outbound_emails`,
      );
      expect(mail!.to_address).toBe('nurse@example.test');
      const token = /\/portal\/invitation\/([A-Za-z0-9_-]+)/.exec(mail!.body)![1]!;
      // Cannot log in before setting a password.
      expect(
        (
          await t2
            .http()
            .post('/api/v1/auth/login')
            .send({ username: 'invited.nurse', password: 'whatever-password-1' })
        ).status,
      ).toBe(401);
      const view = await t2.http().get(`/api/v1/auth/invitations/${token}`);
      expect(view.body).toEqual({ username: 'invited.nurse', displayName: 'Invited Nurse', app: 'portal' });
      const weak = await t2.http().post(`/api/v1/auth/invitations/${token}`).send({ password: 'short' });
      expect(weak.status).toBe(422);
      const ok = await t2
        .http()
        .post(`/api/v1/auth/invitations/${token}`)
        .send({ password: 'a-good-long-password-9' });
      expect(ok.status).toBe(204);
      expect(
        (
          await t2
            .http()
            .post('/api/v1/auth/login')
            .send({ username: 'invited.nurse', password: 'a-good-long-password-9' })
        ).status,
      ).toBe(200);
      const again = await t2
        .http()
        .post(`/api/v1/auth/invitations/${token}`)
        .send({ password: 'another-long-password-9' });
      expect(again.status).toBe(410);
      expect(again.body.reason).toBe('used');
    } finally {
      await t2.close();
    }
  });
});
