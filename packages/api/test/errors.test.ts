import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
let auth: string;
beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      beforeReady: (app) =>
        app.get('/api/v1/test-crash', { config: { access: 'public' } }, async () => {
          throw new Error('connection string postgres://secret@db');
        }),
    },
  );
  auth = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

describe('problem+json everywhere', () => {
  it('hides the message of a 5xx and gives the request id', async () => {
    const res = await t.http().get('/api/v1/test-crash').set('x-request-id', 'req-abcdef123');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|postgres/);
    expect(res.body).toMatchObject({ code: 'internal_error', requestId: 'req-abcdef123', status: 500 });
    expect(res.headers['x-request-id']).toBe('req-abcdef123');
  });

  it('lists invalid fields and changes nothing', async () => {
    const before = await t.sql<{ n: string }>('SELECT count(*) AS n FROM users');
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', auth)
      .send({ username: 'ok.name', displayName: '', email: 'nope', roles: ['wizard'], password: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/displayName', '/email', '/password']));
    expect(fields.some((f: string) => f.startsWith('/roles'))).toBe(true);
    expect(await t.sql<{ n: string }>('SELECT count(*) AS n FROM users')).toEqual(before);
  });

  it('rejects unknown fields rather than ignoring them', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'b', isAdmin: true });
    expect(res.status).toBe(422);
  });

  it('answers malformed JSON, a wrong content type and an unknown route as problems', async () => {
    const bad = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('bad_request');
    const media = await t.http().post('/api/v1/auth/login').set('content-type', 'text/csv').send('a,b');
    expect(media.status).toBe(415);
    expect(media.body.code).toBe('unsupported_media_type');
    const missing = await t.http().get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.code).toBe('not_found');
  });

  it('replaces a request id that does not look like one', async () => {
    const res = await t.http().get('/api/health').set('x-request-id', 'bad id with spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('health', () => {
  it('reports alive and ready', async () => {
    expect((await t.http().get('/api/health')).body.status).toBe('ok');
    const ready = await t.http().get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('is not ready when the database cannot be reached', async () => {
    const broken = await createTestApp();
    try {
      // Simulates the database going away under a running app.
      await (broken.app.db as unknown as { $client: { end(): Promise<void> } }).$client.end();
      const res = await broken.http().get('/api/ready');
      expect(res.status).toBe(503);
      expect(res.body.checks.database).toBe(false);
    } finally {
      await broken.close().catch(() => {});
    }
  });
});

describe('rate limits', () => {
  it('limits login attempts per address and username with a problem', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 2 });
    try {
      const attempt = (username: string) =>
        limited.http().post('/api/v1/auth/login').send({ username, password: 'wrong-password' });
      await attempt('someone');
      await attempt('someone');
      const third = await attempt('someone');
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('rate_limited');
      expect(third.headers['retry-after']).toBeDefined();
      // Another username from the same address is counted apart.
      expect((await attempt('someone-else')).status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
