import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@civic/shared/roles';
import { createProvider, createTestApp, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      // A route that forgot its access rule: default deny must refuse it even to an admin.
      beforeReady: (app) => app.get('/api/v1/test-forgotten-rule', async () => ({ leaked: true })),
    },
  );
});
afterAll(() => t.close());

/** A request with any method of the route table, e.g. call('PATCH', '/api/v1/users/…'). */
const call = (method: string, url: string) => t.http()[method.toLowerCase() as 'get'](url);
const concrete = (url: string) => url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
const apiRoutes = () =>
  t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/ready',
  'GET /api/openapi.json',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/oauth/token',
  // Single sign-on: what the login page offers, and the browser's trip to the provider and back.
  'GET /api/v1/auth/options',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  // The renter's one-time signing link: the token in the path is the credential.
  'GET /api/v1/signing/:token',
  'POST /api/v1/signing/:token/sign',
  'POST /api/v1/signing/:token/decline',
  // An invited user's one-time link to set their password.
  'GET /api/v1/auth/invitations/:token',
  'POST /api/v1/auth/invitations/:token',
];

describe('default deny over the whole route table', () => {
  it('knows every route (sanity: the walk is not empty)', () => {
    expect(apiRoutes().length).toBeGreaterThan(15);
  });

  it('opens only the listed routes to anonymous callers', () => {
    const open = apiRoutes()
      .filter((r) => r.access === 'public' && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 problem+json to an anonymous caller on every other route', async () => {
    const closed = apiRoutes().filter((r) => r.access !== undefined && r.access !== 'public');
    for (const route of closed) {
      const res = await call(route.method, concrete(route.url)).send({});
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers['content-type'], route.url).toMatch(/application\/problem\+json/);
    }
  });

  it('answers 403 to a signed-in user whose roles the route does not list', async () => {
    const provider = await createProvider(t);
    const tokens = new Map<Role, string>();
    for (const role of ROLES) {
      const providerId = role.startsWith('provider_') ? provider.id : null;
      tokens.set(role, (await userWithToken(t, { roles: [role], providerId })).auth);
    }
    let checked = 0;
    for (const route of apiRoutes()) {
      const rule = route.access;
      if (!rule || rule === 'public' || rule.roles === 'any') continue;
      for (const role of ROLES.filter((r) => !(rule.roles ?? []).includes(r))) {
        const res = await call(route.method, concrete(route.url))
          .set('authorization', tokens.get(role)!)
          .send({});
        expect(res.status, `${role} → ${route.method} ${route.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses a route without an access rule, even to an admin', async () => {
    const admin = await userWithToken(t, { roles: ['admin'] });
    const res = await t.http().get('/api/v1/test-forgotten-rule').set('authorization', admin.auth);
    expect(res.status).toBe(403);
    expect(res.body.leaked).toBeUndefined();
  });
});
