import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
let auth: string;
beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      beforeReady: (app) =>
        app
          .get('/api/v1/test-crash', { config: { access: 'public' } }, async () => {
            throw new Error('connection string postgres://secret@db');
          })
          // A route that forgot its access rule: refused for everyone (default deny).
          .get('/api/v1/test-no-rule', async () => ({ ok: true })),
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
});

/** The headers every answer must carry, whatever ended the request. */
function expectSecured(res: { headers: Record<string, string | undefined> }) {
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['strict-transport-security']).toBeDefined();
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
}

describe('security headers on every answer', () => {
  // Each ends the request at a different step: the handler, authentication, the access rule, the
  // router, URL decoding (before any hook), the body parser, the NUL check and schema validation.
  const cases: [string, number, () => ReturnType<ReturnType<TestApp['http']>['get']>][] = [
    ['a public route', 200, () => t.http().get('/api/health')],
    ['a HEAD request', 200, () => t.http().head('/api/health')],
    ['a signed-in read', 200, () => t.http().get('/api/v1/me').set('authorization', auth)],
    ['no token', 401, () => t.http().get('/api/v1/users')],
    [
      'a route with no access rule',
      403,
      () => t.http().get('/api/v1/test-no-rule').set('authorization', auth),
    ],
    ['an unknown route', 404, () => t.http().get('/api/v1/nothing-here')],
    ['an undecodable URL', 400, () => t.http().get('/api/v1/users/%E0%A4%A')],
    [
      'a body over the limit',
      413,
      () =>
        t
          .http()
          .post('/api/v1/auth/login')
          .set('content-type', 'application/json')
          .send(`{"username":"${'a'.repeat(1_100_000)}"}`),
    ],
    ['a NUL in the query', 422, () => t.http().get('/api/v1/users?q=a%00b').set('authorization', auth)],
    ['an invalid body', 422, () => t.http().post('/api/v1/auth/login').send({ username: 'a' })],
    ['a crash', 500, () => t.http().get('/api/v1/test-crash')],
  ];
  it.each(cases)('%s (%i)', async (_name, status, send) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectSecured(res);
    if (status >= 400 && res.headers['content-type'])
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('on a rate-limited answer (429)', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 1 });
    try {
      const attempt = () => limited.http().post('/api/v1/auth/login').send({ username: 'x', password: 'y' });
      await attempt();
      const res = await attempt();
      expect(res.status).toBe(429);
      expectSecured(res);
    } finally {
      await limited.close();
    }
  });
});

describe('cross-origin requests', () => {
  it('are not allowed when no origin is configured', async () => {
    const res = await t
      .http()
      .options('/api/v1/users')
      .set('origin', 'https://elsewhere.example')
      .set('access-control-request-method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.http().get('/api/health').set('origin', 'https://elsewhere.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('are allowed from a configured origin only', async () => {
    const cors = await createTestApp({ CORS_ORIGINS: 'https://bi.example.fi' });
    try {
      const preflight = await cors
        .http()
        .options('/api/v1/users')
        .set('origin', 'https://bi.example.fi')
        .set('access-control-request-method', 'GET');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://bi.example.fi');
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
      const other = await cors.http().get('/api/health').set('origin', 'https://elsewhere.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
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
