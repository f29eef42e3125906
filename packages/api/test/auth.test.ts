import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, login, TEST_PASSWORD, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: 3, LOGIN_LOCK_MINUTES: 15 });
});
afterAll(() => t.close());

const auditActions = async (targetId: string) =>
  (
    await t.sql<{ action: string }>('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq', [
      targetId,
    ])
  ).map((r) => r.action);

describe('login', () => {
  it('returns an access token and sets a hardened refresh cookie', async () => {
    const user = await createUser(t, { roles: ['key_coordinator'] });
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: user.username.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.me).toMatchObject({ kind: 'user', id: user.id, roles: ['key_coordinator'] });
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('civic_refresh='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(user.username);
    expect(await auditActions(user.id)).toContain('auth.login.succeeded');
  });

  it('answers a wrong password and an unknown user alike, and logs both', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'nope-nope-nope' });
    const unknown = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'no-such-user', password: 'nope-nope-nope' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('invalid_credentials');
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(await auditActions(user.id)).toContain('auth.login.failed');
    const anon = await t.sql(
      `SELECT 1 FROM audit_log WHERE action = 'auth.login.failed' AND metadata->>'username' = 'no-such-user'`,
    );
    expect(anon).toHaveLength(1);
  });

  it('locks the account after repeated failures, even against the right password', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const attempt = (password: string) =>
      t.http().post('/api/v1/auth/login').send({ username: user.username, password });
    expect((await attempt('wrong-1-xxxxxxx')).status).toBe(401);
    expect((await attempt('wrong-2-xxxxxxx')).status).toBe(401);
    const third = await attempt('wrong-3-xxxxxxx');
    expect(third.status).toBe(423);
    expect(third.body.code).toBe('account_locked');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(800);
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(423);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    expect(await auditActions(user.id)).toContain('auth.account.locked');
  });

  it('decides parallel guesses one by one: the right password does not get in past the limit', async () => {
    // LOGIN_MAX_FAILURES is 3 in this file: at most 3 attempts are checked before the name locks.
    // A success starts a new count, so attempts that arrive after it are counted afresh; each
    // checked attempt's number since the last success is in its audit row.
    for (let round = 0; round < 3; round++) {
      const user = await createUser(t, { roles: ['admin'] });
      const passwords = Array.from({ length: 20 }, (_, i) =>
        i === 7 + round ? TEST_PASSWORD : `parallel-wrong-${i}`,
      );
      const answers = await Promise.all(
        passwords.map((password) =>
          t.http().post('/api/v1/auth/login').send({ username: user.username, password }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      const checked = await t.sql<{ reason: string | null; action: string; attempt: number | null }>(
        `SELECT action, metadata->>'reason' AS reason, (metadata->>'attempt')::int AS attempt
           FROM audit_log
          WHERE target_id = $1 AND action IN ('auth.login.failed', 'auth.login.succeeded')`,
        [user.id],
      );
      const passwordChecks = checked.filter((r) => r.reason !== 'locked');
      const numbers = passwordChecks.map((r) => r.attempt!).sort();
      const succeeded = checked.find((r) => r.action === 'auth.login.succeeded');
      // Every checked attempt was one of the first 3 of its count, and no number was given twice
      // within a count: one count without a success, at most two with one (before and after it).
      expect(numbers.every((n) => n >= 1 && n <= 3)).toBe(true);
      const counts = succeeded ? 2 : 1;
      for (const n of [1, 2, 3]) expect(numbers.filter((x) => x === n).length).toBeLessThanOrEqual(counts);
      if (succeeded) expect(succeeded.attempt).toBeLessThanOrEqual(3);
      else expect(passwordChecks.length).toBeLessThanOrEqual(3);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2 * counts);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      expect(statuses.every((s) => [200, 401, 423].includes(s))).toBe(true);
      // When the right one came too late, it was refused like the others and the name stays locked.
      if (!statuses.includes(200)) {
        const again = await t
          .http()
          .post('/api/v1/auth/login')
          .send({ username: user.username, password: TEST_PASSWORD });
        expect(again.status).toBe(423);
      }
    }
  });

  it('refuses the right password and further guesses alike once locked, without checking them', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const attempt = (password: string) =>
      t.http().post('/api/v1/auth/login').send({ username: user.username, password });
    for (const p of ['wrong-a-xxxxxx', 'wrong-b-xxxxxx', 'wrong-c-xxxxxx']) await attempt(p);
    const burst = await Promise.all([attempt('wrong-d-xxxxxx'), attempt(TEST_PASSWORD), attempt('x-wrong')]);
    expect(burst.map((r) => r.status)).toEqual([423, 423, 423]);
    const reasons = await t.sql<{ reason: string }>(
      `SELECT metadata->>'reason' AS reason FROM audit_log WHERE target_id = $1 AND action = 'auth.login.failed' ORDER BY seq`,
      [user.id],
    );
    expect(reasons.map((r) => r.reason)).toEqual([
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'locked',
      'locked',
      'locked',
    ]);
  });

  it('answers every failure alike: unknown user, wrong password, disabled account, locked', async () => {
    const known = await createUser(t, { roles: ['admin'] });
    const disabled = await createUser(t, { roles: ['admin'], disabled: true });
    const unknown = `nobody_${Date.now()}`;
    const attempt = (username: string, password: string) =>
      t.http().post('/api/v1/auth/login').send({ username, password });
    const shape = (r: { status: number; body: Record<string, unknown> }) => ({
      status: r.status,
      code: r.body.code,
      detail: r.body.detail,
      title: r.body.title,
    });
    // The disabled account's right password says nothing more than a wrong one.
    const first = [
      await attempt(known.username, 'wrong-password-1'),
      await attempt(unknown, 'wrong-password-1'),
      await attempt(disabled.username, TEST_PASSWORD),
      await attempt(disabled.username, 'wrong-password-1'),
    ];
    for (const r of first) expect(shape(r)).toEqual(shape(first[0]!));
    expect(first[0]!.status).toBe(401);
    // Unknown names lock exactly like known ones.
    for (const name of [known.username, unknown, disabled.username]) {
      for (let i = 0; i < 2; i++) await attempt(name, `wrong-more-${i}`);
    }
    const locked = [
      await attempt(known.username, TEST_PASSWORD),
      await attempt(unknown, 'whatever-password'),
      await attempt(disabled.username, TEST_PASSWORD),
    ];
    for (const r of locked) {
      expect(shape(r)).toEqual(shape(locked[0]!));
      expect(r.body.lockedUntil).toEqual(expect.any(String));
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(800);
    }
    expect(locked[0]!.status).toBe(423);
    expect(Object.keys(locked[1]!.body).sort()).toEqual(Object.keys(locked[0]!.body).sort());
  });

  it('refuses a disabled user at once for tokens already issued', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const { token } = await login(t, user.username);
    await t.sql('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
    expect(me.status).toBe(401);
    const again = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_credentials');
    const [row] = await t.sql<{ reason: string }>(
      `SELECT metadata->>'reason' AS reason FROM audit_log WHERE target_id = $1 AND action = 'auth.login.failed'`,
      [user.id],
    );
    expect(row!.reason).toBe('disabled');
  });

  it('validates the body with a field list', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: '' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['/username', '/password']),
    );
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token, and a reused one ends the session', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const first = await login(t, user.username);
    const r1 = await t.http().post('/api/v1/auth/refresh').set('cookie', first.cookie);
    expect(r1.status).toBe(200);
    const second = ([] as string[])
      .concat(r1.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('civic_refresh='))!
      .split(';')[0]!;
    expect(second).not.toBe(first.cookie);

    const reuse = await t.http().post('/api/v1/auth/refresh').set('cookie', first.cookie);
    expect(reuse.status).toBe(401);
    expect(await auditActions(first.body.me.id)).toContain('auth.login.succeeded');
    // The thief's replay ended the whole session: the legitimate new token is dead too.
    expect((await t.http().post('/api/v1/auth/refresh').set('cookie', second)).status).toBe(401);
    expect(
      (await t.http().get('/api/v1/me').set('authorization', `Bearer ${r1.body.accessToken}`)).status,
    ).toBe(401);
  });

  it('tolerates a second tab refreshing with the same token within the grace window', async () => {
    const graceful = await createTestApp({ REFRESH_REUSE_GRACE_SECONDS: 30 });
    try {
      const user = await createUser(graceful, { roles: ['admin'] });
      const s = await login(graceful, user.username);
      const [a, b] = await Promise.all([
        graceful.http().post('/api/v1/auth/refresh').set('cookie', s.cookie),
        graceful.http().post('/api/v1/auth/refresh').set('cookie', s.cookie),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
    } finally {
      await graceful.close();
    }
  });

  it('logout revokes the session: access and refresh stop working at once', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const s = await login(t, user.username);
    const out = await t
      .http()
      .post('/api/v1/auth/logout')
      .set('cookie', s.cookie)
      .set('authorization', `Bearer ${s.token}`);
    expect(out.status).toBe(204);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${s.token}`)).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/refresh').set('cookie', s.cookie)).status).toBe(401);
    expect(await auditActions(s.body.me.id)).toEqual(expect.arrayContaining([]));
    const logged = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'auth.logout' AND actor_id = $1`, [
      user.id,
    ]);
    expect(logged).toHaveLength(1);
    // Named as who they are, not as an empty label.
    const [row] = await t.sql<{ actor_label: string }>(
      `SELECT actor_label FROM audit_log WHERE action = 'auth.logout' AND actor_id = $1`,
      [user.id],
    );
    expect(row!.actor_label).toBe(user.username);
  });

  it('refuses refresh without a cookie', async () => {
    const res = await t.http().post('/api/v1/auth/refresh');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token_invalid');
  });
});

describe('token tampering', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sign = (header: object, payload: object, secret: string) => {
    const body = `${b64(header)}.${b64(payload)}`;
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  };

  it('rejects a modified payload, a foreign key, alg none, a wrong audience or type, and expiry', async () => {
    const user = await createUser(t, { roles: ['site_manager'] });
    const { token } = await login(t, user.username);
    const [h, p] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const secret = t.config.JWT_SECRET;
    const cases: Record<string, string> = {
      modified: `${h}.${b64({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${token.split('.')[2]}`,
      foreignKey: sign({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-another-secret-1234567'),
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      wrongAudience: sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'other-api' }, secret),
      wrongType: sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, typ: 'refresh' }, secret),
      expired: sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 3600 }, secret),
      garbage: 'not-a-token',
    };
    for (const [name, bad] of Object.entries(cases)) {
      const res = await t.http().get('/api/v1/me').set('authorization', `Bearer ${bad}`);
      expect(res.status, name).toBe(401);
      expect(res.body.code, name).toBe(name === 'expired' ? 'token_expired' : 'token_invalid');
    }
    // The genuine token still works: the cases above failed for their own reason.
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    // A correctly signed token for this user works; so the wrong-audience refusal was the audience.
    const good = sign({ alg: 'HS256', typ: 'JWT' }, claims, secret);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${good}`)).status).toBe(200);
  });

  it('refuses a token it has accepted before once the token expires (the verdict on a token is kept only until then)', async () => {
    const user = await createUser(t, { roles: ['site_manager'] });
    const { token } = await login(t, user.username);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const short = sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now + 4 }, t.config.JWT_SECRET);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${short}`)).status).toBe(200);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${short}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (now + 4) * 1000 - Date.now() + 100));
    const late = await t.http().get('/api/v1/me').set('authorization', `Bearer ${short}`);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('token_expired');
  });
});
