import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/lib/passwords.ts';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
let adminAuth: string;
beforeAll(async () => {
  t = await createTestApp();
  adminAuth = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

async function register(scopes = ['care.registry:read', 'reports:read']) {
  const res = await t
    .http()
    .post('/api/v1/integration-clients')
    .set('authorization', adminAuth)
    .send({ name: 'Apotti', scopes });
  expect(res.status).toBe(201);
  return res.body as { id: string; clientId: string; clientSecret: string };
}

const tokenFor = (clientId: string, secret: string, scope?: string) =>
  t
    .http()
    .post('/api/v1/oauth/token')
    .type('form')
    .send({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      ...(scope ? { scope } : {}),
    });

describe('integration clients', () => {
  it('stores only a hash of the secret', async () => {
    const c = await register();
    const [row] = await t.sql<{ secret_hash: string }>(
      'SELECT secret_hash FROM integration_clients WHERE id = $1',
      [c.id],
    );
    expect(row!.secret_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row!.secret_hash).not.toContain(c.clientSecret);
    const list = await t.http().get('/api/v1/integration-clients').set('authorization', adminAuth);
    expect(JSON.stringify(list.body)).not.toContain(c.clientSecret);
  });

  it('exchanges id and secret for a token (form, JSON or Basic), and the audit log names the client', async () => {
    const c = await register();
    const form = await tokenFor(c.clientId, c.clientSecret);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ token_type: 'Bearer', scope: 'care.registry:read reports:read' });
    expect(form.headers['cache-control']).toBe('no-store');
    const json = await t
      .http()
      .post('/api/v1/oauth/token')
      .send({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret });
    expect(json.status).toBe(200);
    const basic = await t
      .http()
      .post('/api/v1/oauth/token')
      .auth(c.clientId, c.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(basic.status).toBe(200);

    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${form.body.access_token}`);
    expect(me.body).toMatchObject({
      kind: 'client',
      clientId: c.clientId,
      scopes: ['care.registry:read', 'reports:read'],
    });
    const rows = await t.sql<{ actor_type: string; actor_label: string }>(
      `SELECT actor_type, actor_label FROM audit_log WHERE action = 'auth.client_token.issued' AND actor_id = $1`,
      [c.id],
    );
    expect(rows[0]).toMatchObject({ actor_type: 'client', actor_label: `Apotti (${c.clientId})` });
  });

  it('refuses a wrong secret, an ungranted scope and user-only routes', async () => {
    const c = await register(['reports:read']);
    const wrong = await tokenFor(c.clientId, 'wrong-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await tokenFor(c.clientId, c.clientSecret, 'keys:read')).status).toBe(400);
    const token = (await tokenFor(c.clientId, c.clientSecret)).body.access_token;
    const users = await t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`);
    expect(users.status).toBe(403);
  });

  it('narrows a token to the scopes asked for', async () => {
    const c = await register(['care.registry:read', 'reports:read']);
    const res = await tokenFor(c.clientId, c.clientSecret, 'reports:read');
    expect(res.body.scope).toBe('reports:read');
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${res.body.access_token}`);
    expect(me.body.scopes).toEqual(['reports:read']);
  });

  it('rotation replaces the secret; revocation stops issued tokens at once', async () => {
    const c = await register();
    const token = (await tokenFor(c.clientId, c.clientSecret)).body.access_token;
    const rotated = await t
      .http()
      .post(`/api/v1/integration-clients/${c.id}/rotate-secret`)
      .set('authorization', adminAuth);
    expect(rotated.status).toBe(200);
    expect((await tokenFor(c.clientId, c.clientSecret)).status).toBe(401);
    expect((await tokenFor(c.clientId, rotated.body.clientSecret)).status).toBe(200);

    const revoked = await t
      .http()
      .post(`/api/v1/integration-clients/${c.id}/revoke`)
      .set('authorization', adminAuth);
    expect(revoked.body.revoked).toBe(true);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await tokenFor(c.clientId, rotated.body.clientSecret)).status).toBe(401);
    const again = await t
      .http()
      .post(`/api/v1/integration-clients/${c.id}/rotate-secret`)
      .set('authorization', adminAuth);
    expect(again.status).toBe(409);
  });
});

describe('client token failures', () => {
  it('bad secrets from one address never keep the real client from its token', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 5 });
    try {
      const admin = (await userWithToken(limited, { roles: ['admin'] })).auth;
      const reg = await limited
        .http()
        .post('/api/v1/integration-clients')
        .set('authorization', admin)
        .send({ name: 'Kanta', scopes: ['reports:read'] });
      const { clientId, clientSecret } = reg.body as { clientId: string; clientSecret: string };
      const token = (secret: string, id = clientId) =>
        limited
          .http()
          .post('/api/v1/oauth/token')
          .type('form')
          .send({ grant_type: 'client_credentials', client_id: id, client_secret: secret });
      const bad = [];
      for (let i = 0; i < 25; i++) bad.push((await token(`guess-${i}`)).status);
      expect(bad.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(bad.slice(5))).toEqual(new Set([429]));
      // Same address, same client id, right after: the right secret is answered.
      for (let i = 0; i < 3; i++) expect((await token(clientSecret)).status).toBe(200);
      // Failures past the limit are not written to the audit log one by one.
      const audited = await limited.sql(`SELECT 1 FROM audit_log WHERE action = 'auth.client_token.failed'`);
      expect(audited).toHaveLength(5);
    } finally {
      await limited.close();
    }
  });

  it('still accepts a secret stored with argon2 before, and stores it as SHA-256 from then on', async () => {
    const c = await register();
    await t.sql('UPDATE integration_clients SET secret_hash = $2 WHERE id = $1', [
      c.id,
      await hashPassword(c.clientSecret),
    ]);
    expect((await tokenFor(c.clientId, c.clientSecret)).status).toBe(200);
    const [row] = await t.sql<{ secret_hash: string }>(
      'SELECT secret_hash FROM integration_clients WHERE id = $1',
      [c.id],
    );
    expect(row!.secret_hash).toMatch(/^sha256:/);
    expect((await tokenFor(c.clientId, c.clientSecret)).status).toBe(200);
    expect((await tokenFor(c.clientId, 'wrong')).status).toBe(401);
  });
});
