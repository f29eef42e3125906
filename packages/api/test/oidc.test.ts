// Single sign-on against a real OpenID Connect provider over HTTP (oauth2-mock-server, started here):
// the browser's part of the flow is played with supertest and fetch, following each redirect by hand.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProvider, type MockPerson } from '../scripts/oidc-mock.ts';
import { forgetExpiredIdTokens } from '../src/modules/auth/repo.ts';
import {
  createProvider,
  createSite,
  createTestApp,
  createUser,
  login,
  TEST_PASSWORD,
  userWithToken,
  type TestApp,
} from './helpers.ts';

const person = (name: string, extra: Partial<MockPerson> = {}): MockPerson => ({
  sub: randomUUID(),
  preferred_username: name,
  name: `Person ${name}`,
  email: `${name}@city.example`,
  email_verified: true,
  groups: [],
  ...extra,
});

const people: MockPerson[] = [];
const add = (p: MockPerson) => (people.push(p), p);

let provider: Awaited<ReturnType<typeof startMockProvider>>;
let t: TestApp;
beforeAll(async () => {
  provider = await startMockProvider({ people });
  t = await createTestApp({
    OIDC_ISSUER: provider.url,
    OIDC_CLIENT_ID: 'civic-test',
    OIDC_ALLOW_HTTP: true,
    OIDC_LINK_BY: 'preferred_username',
    OIDC_CREATE_USERS: true,
    OIDC_ROLE_MAP:
      '/jopa-coordinators=care_coordinator,/providers=provider_user,/key-office=key_coordinator,' +
      '/schools=site_manager,/viewers=care_viewer',
    OIDC_SSO_ONLY_ROLES: 'care_coordinator',
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith(`${name}=`));

/** The browser's round trip: our start, the provider's authorize (as `who`), our callback. */
async function signOn(who: MockPerson, query = 'app=staff&returnTo=/queue') {
  const start = await t.http().get(`/api/v1/auth/oidc/start?${query}`);
  expect(start.status).toBe(302);
  const stateCookie = cookieOf(start, 'civic_oidc_state')!.split(';')[0]!;
  const authorize = new URL(start.headers.location!);
  authorize.searchParams.set('demo_user', who.sub);
  const atProvider = await fetch(authorize, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(atProvider.headers.get('location')!);
  const callbackPath = back.pathname + back.search;
  const res = await t.http().get(callbackPath).set('cookie', stateCookie);
  return { res, callbackPath, stateCookie, authorize };
}

/** The page the callback sent the browser to, and the session its refresh cookie opens. */
async function landed(res: Awaited<ReturnType<typeof signOn>>['res']) {
  const refreshCookie = cookieOf(res, 'civic_refresh');
  if (!refreshCookie) return { location: res.headers.location as string, me: null };
  const refreshed = await t.http().post('/api/v1/auth/refresh').set('cookie', refreshCookie.split(';')[0]!);
  return { location: res.headers.location as string, me: refreshed.body.me, refreshCookie, refreshed };
}

const audit = (action: string, targetId?: string) =>
  t.sql<{ metadata: Record<string, unknown>; actor_label: string | null }>(
    `SELECT metadata, actor_label FROM audit_log WHERE action = $1 ${targetId ? 'AND target_id = $2' : ''} ORDER BY seq`,
    targetId ? [action, targetId] : [action],
  );

describe('single sign-on configuration', () => {
  it('the public options say SSO is offered; an app without OIDC settings says not and has no start', async () => {
    const on = await t.http().get('/api/v1/auth/options');
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ sso: true });
    const plain = await createTestApp();
    try {
      expect((await plain.http().get('/api/v1/auth/options')).body).toEqual({ sso: false });
      expect((await plain.http().get('/api/v1/auth/oidc/start')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('start sends the browser to the provider with PKCE (S256), state and nonce, and a short-lived httpOnly state cookie', async () => {
    const start = await t.http().get('/api/v1/auth/oidc/start?app=portal&returnTo=/offers');
    expect(start.status).toBe(302);
    const url = new URL(start.headers.location!);
    expect(url.origin + url.pathname).toBe(`${provider.url}/authorize`);
    expect(url.searchParams.get('client_id')).toBe('civic-test');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.config.PUBLIC_URL}/api/v1/auth/oidc/callback`);
    const cookie = cookieOf(start, 'civic_oidc_state')!;
    expect(cookie).toContain(`civic_oidc_state=${url.searchParams.get('state')}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    // Only a hash of the state is kept on the server.
    const rows = await t.sql<{ state_hash: string }>('SELECT state_hash FROM oidc_login_requests');
    expect(rows.map((r) => r.state_hash)).not.toContain(url.searchParams.get('state'));
  });

  it('refuses a return address outside the app', async () => {
    for (const bad of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/x',
      '/a b',
    ])
      expect((await t.http().get(`/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(bad)}`)).status).toBe(
        422,
      );
  });
});

describe('signing on', () => {
  it('links an existing account once by the username claim, then signs in by issuer + sub', async () => {
    const user = await createUser(t, { roles: ['key_coordinator'] });
    const who = add(person(user.username));
    const first = await signOn(who);
    const { location, me } = await landed(first.res);
    expect(first.res.status).toBe(302);
    expect(location).toBe('/queue');
    expect(me).toMatchObject({ id: user.id, roles: ['key_coordinator'] });
    expect(await audit('auth.sso.linked', user.id)).toHaveLength(1);
    const identities = await t.sql<{ issuer: string; subject: string; origin: string }>(
      'SELECT issuer, subject, origin FROM user_identities WHERE user_id = $1',
      [user.id],
    );
    expect(identities).toEqual([{ issuer: provider.url, subject: who.sub, origin: 'linked' }]);

    // Again: found by the identity, not linked a second time.
    const again = await landed((await signOn(who)).res);
    expect(again.me).toMatchObject({ id: user.id, roles: ['key_coordinator'] });
    expect(await audit('auth.sso.linked', user.id)).toHaveLength(1);
    expect(await audit('auth.sso.login.succeeded', user.id)).toHaveLength(2);

    // Another person at the provider with the same username cannot take the account over.
    const impostor = add(person(user.username));
    const refused = await signOn(impostor);
    expect(refused.res.headers.location).toBe('/login?sso_error=sso_refused');
    expect(cookieOf(refused.res, 'civic_refresh')).toBeUndefined();
    const [entry] = await audit('auth.sso.refused');
    expect(entry).toBeTruthy();
    expect(
      (await audit('auth.sso.refused')).some(
        (e) => e.metadata.reason === 'already_linked' && e.metadata.subject === impostor.sub,
      ),
    ).toBe(true);
  });

  it('the session is like a password login: refresh cookie, access token, logout offers the provider logout', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const { me, refreshed, refreshCookie } = await landed((await signOn(add(person(user.username)))).res);
    expect(me.id).toBe(user.id);
    expect(refreshCookie).toMatch(/HttpOnly/i);
    expect(refreshCookie).toMatch(/SameSite=Strict/i);
    expect(refreshCookie).toMatch(/Path=\/api\/v1\/auth/);
    const token = refreshed!.body.accessToken as string;
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);

    const out = await t.http().post('/api/v1/auth/logout?app=portal').set('authorization', `Bearer ${token}`);
    expect(out.status).toBe(200);
    const end = new URL(out.body.endSessionUrl);
    expect(end.origin + end.pathname).toBe(`${provider.url}/endsession`);
    expect(end.searchParams.get('client_id')).toBe('civic-test');
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${t.config.PUBLIC_URL}/portal/login`);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);

    // A password session's logout stays 204.
    const local = await createUser(t, { roles: ['admin'] });
    const session = await login(t, local.username);
    expect(
      (await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${session.token}`)).status,
    ).toBe(204);
  });

  it('creates an account when the groups claim maps to a city role, and returns to the page asked for', async () => {
    const who = add(person(`new.${randomUUID().slice(0, 6)}`, { groups: ['/jopa-coordinators', '/other'] }));
    const { res } = await signOn(who, 'app=staff&returnTo=/queue?tab=open');
    const { location, me } = await landed(res);
    expect(location).toBe('/queue?tab=open');
    expect(me).toMatchObject({
      username: who.preferred_username,
      roles: ['care_coordinator'],
      provider: null,
    });
    expect(await audit('auth.sso.user_created', me.id)).toHaveLength(1);
  });

  it('an unmapped person is refused with a message on the login page, and logged', async () => {
    const who = add(person(`nobody.${randomUUID().slice(0, 6)}`, { groups: ['/unrelated'] }));
    const { res } = await signOn(who, 'app=portal');
    expect(res.headers.location).toBe('/portal/login?sso_error=sso_unmapped');
    expect(cookieOf(res, 'civic_refresh')).toBeUndefined();
    const entries = await audit('auth.sso.refused');
    expect(entries.find((e) => e.metadata.subject === who.sub)).toMatchObject({
      actor_label: who.preferred_username,
      metadata: { reason: 'unmapped', issuer: provider.url },
    });
    // Provider roles need an organisation no claim names: no account is made for them either.
    const providerStaff = add(person(`prov.${randomUUID().slice(0, 6)}`, { groups: ['/providers'] }));
    expect((await signOn(providerStaff)).res.headers.location).toBe('/login?sso_error=sso_unmapped');
  });

  it('sends a person who signed on from the other app to the front page of their own', async () => {
    const org = await createProvider(t);
    const nurse = await createUser(t, { roles: ['provider_user'], providerId: org.id });
    const nurseAtProvider = add(person(nurse.username));
    const fromStaff = await landed((await signOn(nurseAtProvider, 'app=staff&returnTo=/queue')).res);
    expect(fromStaff.location).toBe('/portal/');
    expect(fromStaff.me.id).toBe(nurse.id);
    const inPortal = await signOn(nurseAtProvider, 'app=portal&returnTo=/offers?tab=open');
    expect(inPortal.res.headers.location).toBe('/portal/offers?tab=open');
    const coordinator = await createUser(t, { roles: ['key_coordinator'] });
    const fromPortal = await landed(
      (await signOn(add(person(coordinator.username)), 'app=portal&returnTo=/offers')).res,
    );
    expect(fromPortal.location).toBe('/');
  });

  it('a disabled account is refused', async () => {
    const user = await createUser(t, { roles: ['admin'], disabled: true });
    const { res } = await signOn(add(person(user.username)));
    expect(res.headers.location).toBe('/login?sso_error=sso_refused');
  });
});

describe("the provider's answer is checked", () => {
  it('refuses a replayed state: the second use of a callback finds nothing', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const first = await signOn(add(person(user.username)));
    expect(cookieOf(first.res, 'civic_refresh')).toBeTruthy();
    const replay = await t.http().get(first.callbackPath).set('cookie', first.stateCookie);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toBe('/login?sso_error=sso_state_invalid');
    expect(cookieOf(replay, 'civic_refresh')).toBeUndefined();
    expect((await audit('auth.sso.refused')).some((e) => e.metadata.reason === 'unknown_state')).toBe(true);
  });

  it('refuses an unknown state, and a state this browser did not start', async () => {
    const unknown = await t
      .http()
      .get('/api/v1/auth/oidc/callback?code=abc&state=made-up')
      .set('cookie', 'civic_oidc_state=made-up');
    expect(unknown.headers.location).toBe('/login?sso_error=sso_state_invalid');
    // A victim lured to an attacker's callback URL: the state is real but the cookie is not theirs.
    const start = await t.http().get('/api/v1/auth/oidc/start');
    const state = new URL(start.headers.location!).searchParams.get('state');
    const csrf = await t.http().get(`/api/v1/auth/oidc/callback?code=abc&state=${state}`);
    expect(csrf.headers.location).toBe('/login?sso_error=sso_state_invalid');
    expect((await audit('auth.sso.refused')).some((e) => e.metadata.reason === 'state_cookie_mismatch')).toBe(
      true,
    );
  });

  it('refuses an ID token for another audience', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    const wrongAudience = (token: { payload: Record<string, unknown> }) => {
      token.payload.aud = 'some-other-client';
    };
    provider.service.on('beforeTokenSigning', wrongAudience);
    try {
      const { res } = await signOn(add(person(user.username)));
      expect(res.headers.location).toBe('/login?sso_error=sso_failed');
      expect(cookieOf(res, 'civic_refresh')).toBeUndefined();
    } finally {
      provider.service.off('beforeTokenSigning', wrongAudience);
    }
    expect(await t.sql('SELECT 1 FROM user_identities WHERE user_id = $1', [user.id])).toHaveLength(0);
  });

  it('refuses an ID token whose signature does not verify', async () => {
    const user = await createUser(t, { roles: ['admin'] });
    provider.service.once('beforeResponse', (response: { body: Record<string, unknown> }) => {
      const [header, payload, signature] = String(response.body.id_token).split('.');
      const flipped = signature!.startsWith('A') ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
      response.body.id_token = [header, payload, flipped].join('.');
    });
    const { res } = await signOn(add(person(user.username)));
    expect(res.headers.location).toBe('/login?sso_error=sso_failed');
    expect(cookieOf(res, 'civic_refresh')).toBeUndefined();
    expect(
      (await audit('auth.sso.refused')).filter((e) => e.metadata.reason === 'provider_answer_invalid').length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('local login for SSO-only roles', () => {
  it('refuses the right password of a user holding an SSO-only role with the answer of a wrong one', async () => {
    const coordinator = await createUser(t, { roles: ['care_coordinator'] });
    const right = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: coordinator.username, password: TEST_PASSWORD });
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: coordinator.username, password: 'not-the-password' });
    expect(right.status).toBe(401);
    expect({ ...right.body, requestId: null }).toEqual({ ...wrong.body, requestId: null });
    expect(cookieOf(right, 'civic_refresh')).toBeUndefined();
    const failed = await audit('auth.login.failed', coordinator.id);
    expect(failed.map((e) => e.metadata.reason)).toEqual(['sso_only', 'wrong_password']);
    // Counted like any failure: the throttle is not weakened for these names.
    expect(failed.map((e) => e.metadata.attempt)).toEqual([1, 2]);

    // The same person signs in with SSO; provider staff still log in with a password.
    const { me } = await landed((await signOn(add(person(coordinator.username)))).res);
    expect(me.id).toBe(coordinator.id);
    const org = await createProvider(t);
    const providerUser = await createUser(t, { roles: ['provider_user'], providerId: org.id });
    expect((await login(t, providerUser.username)).body.me.id).toBe(providerUser.id);
  });
});

describe('linking by e-mail', () => {
  it('links by a verified e-mail only, and refuses an e-mail two accounts share', async () => {
    const byEmail = await createTestApp({
      OIDC_ISSUER: provider.url,
      OIDC_CLIENT_ID: 'civic-test',
      OIDC_ALLOW_HTTP: true,
      OIDC_LINK_BY: 'email',
    });
    try {
      const user = await createUser(byEmail, { roles: ['care_viewer'] });
      const start = async (who: MockPerson) => {
        const res = await byEmail.http().get('/api/v1/auth/oidc/start');
        const authorize = new URL(res.headers.location!);
        authorize.searchParams.set('demo_user', who.sub);
        const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
        return byEmail
          .http()
          .get(back.pathname + back.search)
          .set('cookie', cookieOf(res, 'civic_oidc_state')!.split(';')[0]!);
      };
      const unverified = add(
        person('x', { preferred_username: 'someone', email: user.email, email_verified: false }),
      );
      expect((await start(unverified)).headers.location).toBe('/login?sso_error=sso_unmapped');
      const verified = add(person('y', { preferred_username: 'someone', email: user.email.toUpperCase() }));
      const linked = await start(verified);
      expect(linked.headers.location).toBe('/');
      expect(cookieOf(linked, 'civic_refresh')).toBeTruthy();

      const twin = await createUser(byEmail, { roles: ['care_viewer'] });
      await byEmail.sql('UPDATE users SET email = $1 WHERE id = $2', ['shared@city.example', twin.id]);
      const twin2 = await createUser(byEmail, { roles: ['care_viewer'] });
      await byEmail.sql('UPDATE users SET email = $1 WHERE id = $2', ['shared@city.example', twin2.id]);
      const ambiguous = add(person('z', { preferred_username: 'other', email: 'shared@city.example' }));
      expect((await start(ambiguous)).headers.location).toBe('/login?sso_error=sso_refused');
    } finally {
      await byEmail.close();
    }
  });
});

/** The payload of a JWT, unverified (the test only reads what it holds). */
const jwtPayload = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe("logout through the provider's end-session page", () => {
  it('an SSO session answers the URL with id_token_hint, post_logout_redirect_uri and client_id; the provider accepts it', async () => {
    const user = await createUser(t, { roles: ['care_viewer'] });
    const who = add(person(user.username));
    const { res } = await signOn(who);
    const { refreshCookie, refreshed } = await landed(res);
    const token = refreshed!.body.accessToken as string;
    const meRes = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);

    const out = await t.http().post('/api/v1/auth/logout').set('cookie', refreshCookie!.split(';')[0]!);
    expect(out.status).toBe(200);
    expect(Object.keys(out.body)).toEqual(['endSessionUrl']);
    const end = new URL(out.body.endSessionUrl);
    expect(end.origin + end.pathname).toBe(`${provider.url}/endsession`);
    expect(end.searchParams.get('client_id')).toBe('civic-test');
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${t.config.PUBLIC_URL}/login`);
    // The ID token the provider issued at this sign-on: for this person, this client, this issuer.
    const hint = end.searchParams.get('id_token_hint')!;
    expect(jwtPayload(hint)).toMatchObject({ iss: provider.url, sub: who.sub, aud: 'civic-test' });

    // The provider takes it as the hint and returns the browser to the login page at once.
    const atProvider = await fetch(end, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    expect(atProvider.headers.get('location')).toBe(`${t.config.PUBLIC_URL}/login`);
    expect(provider.logouts.at(-1)).toMatchObject({ sub: who.sub, clientId: 'civic-test' });

    // The ID token is shown nowhere else: not by the callback, the refresh, /me or the audit log, and
    // the ended session no longer keeps it. A second logout has no session and so no URL.
    for (const answer of [res, refreshed!, meRes]) {
      expect(JSON.stringify(answer.headers)).not.toContain(hint);
      expect(JSON.stringify(answer.body ?? '')).not.toContain(hint);
    }
    expect(
      await t.sql('SELECT 1 FROM audit_log WHERE metadata::text LIKE $1', [`%${hint.slice(-40)}%`]),
    ).toEqual([]);
    expect(await t.sql('SELECT id_token FROM sessions WHERE user_id = $1', [user.id])).toEqual([
      { id_token: null },
    ]);
    const again = await t.http().post('/api/v1/auth/logout').set('cookie', refreshCookie!.split(';')[0]!);
    expect(again.status).toBe(204);
  });

  it('the hourly job forgets the ID token of a session that expired without a logout', async () => {
    const user = await createUser(t, { roles: ['care_viewer'] });
    await landed((await signOn(add(person(user.username)))).res);
    const held = () =>
      t.sql<{ n: number }>('SELECT count(id_token)::int AS n FROM sessions WHERE user_id = $1', [user.id]);
    expect(await held()).toEqual([{ n: 1 }]);
    await forgetExpiredIdTokens(t.db);
    expect(await held()).toEqual([{ n: 1 }]);
    await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    expect(await forgetExpiredIdTokens(t.db)).toBeGreaterThanOrEqual(1);
    expect(await held()).toEqual([{ n: 0 }]);
  });

  it('a password session of the same person gets no URL, and a provider without end_session_endpoint gives none', async () => {
    const user = await createUser(t, { roles: ['care_viewer'] });
    await landed((await signOn(add(person(user.username)))).res);
    const local = await login(t, user.username);
    const out = await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${local.token}`);
    expect(out.status).toBe(204);
    expect(out.text).toBe('');

    const plain = await startMockProvider({ people, endSession: false });
    const noLogout = await createTestApp({
      OIDC_ISSUER: plain.url,
      OIDC_CLIENT_ID: 'civic-test',
      OIDC_ALLOW_HTTP: true,
      OIDC_LINK_BY: 'preferred_username',
    });
    try {
      const other = await createUser(noLogout, { roles: ['care_viewer'] });
      const start = await noLogout.http().get('/api/v1/auth/oidc/start');
      const authorize = new URL(start.headers.location!);
      authorize.searchParams.set('demo_user', add(person(other.username)).sub);
      const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
      const cb = await noLogout
        .http()
        .get(back.pathname + back.search)
        .set('cookie', cookieOf(start, 'civic_oidc_state')!.split(';')[0]!);
      const cookie = cookieOf(cb, 'civic_refresh')!.split(';')[0]!;
      expect((await noLogout.http().post('/api/v1/auth/logout').set('cookie', cookie)).status).toBe(204);
    } finally {
      await noLogout.close();
      await plain.close();
    }
  }, 90_000); // it starts an app of its own: slow on a loaded machine

  it('OIDC_POST_LOGOUT_REDIRECT_URI replaces the login page as where the provider returns', async () => {
    const custom = await createTestApp({
      OIDC_ISSUER: provider.url,
      OIDC_CLIENT_ID: 'civic-test',
      OIDC_ALLOW_HTTP: true,
      OIDC_LINK_BY: 'preferred_username',
      OIDC_POST_LOGOUT_REDIRECT_URI: 'https://city.example/signed-out',
    });
    try {
      const user = await createUser(custom, { roles: ['care_viewer'] });
      const start = await custom.http().get('/api/v1/auth/oidc/start');
      const authorize = new URL(start.headers.location!);
      authorize.searchParams.set('demo_user', add(person(user.username)).sub);
      const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
      const cb = await custom
        .http()
        .get(back.pathname + back.search)
        .set('cookie', cookieOf(start, 'civic_oidc_state')!.split(';')[0]!);
      const cookie = cookieOf(cb, 'civic_refresh')!.split(';')[0]!;
      const out = await custom.http().post('/api/v1/auth/logout?app=portal').set('cookie', cookie);
      expect(new URL(out.body.endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(
        'https://city.example/signed-out',
      );
    } finally {
      await custom.close();
    }
  }, 90_000); // it starts an app of its own: slow on a loaded machine
});

describe('cancelling at the provider', () => {
  it("lands on the app's login page with sso_cancelled, not a failure, and is logged", async () => {
    const start = await t.http().get('/api/v1/auth/oidc/start?app=portal&returnTo=/offers');
    const stateCookie = cookieOf(start, 'civic_oidc_state')!.split(';')[0]!;
    // The provider's own page, and its Cancel link (error=access_denied with the state, RFC 6749 4.1.2.1).
    const html = await (await fetch(start.headers.location!)).text();
    const cancel = new URL(html.match(/<a href="([^"]+)">Cancel<\/a>/)![1]!.replaceAll('&amp;', '&'));
    expect(cancel.searchParams.get('error')).toBe('access_denied');
    const res = await t
      .http()
      .get(cancel.pathname + cancel.search)
      .set('cookie', stateCookie);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/portal/login?sso_error=sso_cancelled');
    expect(cookieOf(res, 'civic_refresh')).toBeUndefined();
    expect((await audit('auth.sso.refused')).some((e) => e.metadata.reason === 'cancelled')).toBe(true);
    // The state was used up by the cancel.
    const replay = await t
      .http()
      .get(cancel.pathname + cancel.search)
      .set('cookie', stateCookie);
    expect(replay.headers.location).toBe('/login?sso_error=sso_state_invalid');
  });

  it('another error from the provider is a failure', async () => {
    const start = await t.http().get('/api/v1/auth/oidc/start');
    const state = new URL(start.headers.location!).searchParams.get('state')!;
    const res = await t
      .http()
      .get(`/api/v1/auth/oidc/callback?error=server_error&state=${state}`)
      .set('cookie', cookieOf(start, 'civic_oidc_state')!.split(';')[0]!);
    expect(res.headers.location).toBe('/login?sso_error=sso_failed');
  });
});

describe('roles follow OIDC_ROLE_MAP at every sign-on', () => {
  const rolesOf = async (id: string) =>
    (await t.sql<{ roles: string }>('SELECT roles::text FROM users WHERE id = $1', [id]))[0]!.roles;

  it("a linked city account's roles change with the claim, audited, and its other sessions end", async () => {
    const site = await createSite(t);
    const user = await createUser(t, { roles: ['site_manager'], siteIds: [site.id] });
    const who = add(person(user.username, { groups: ['/schools'] }));
    // First sign-on links; the claim gives what the account has: nothing changes.
    await landed((await signOn(who)).res);
    expect(await audit('auth.sso.roles_changed', user.id)).toHaveLength(0);
    const older = await landed((await signOn(who)).res);

    who.groups = ['/key-office', '/viewers', '/unrelated'];
    const { me } = await landed((await signOn(who)).res);
    expect(me.roles).toEqual(['key_coordinator', 'care_viewer']);
    expect(me.sites).toEqual([]);
    const [changed, ...more] = await audit('auth.sso.roles_changed', user.id);
    expect(more).toHaveLength(0);
    expect(changed!.metadata).toMatchObject({
      from: ['site_manager'],
      to: ['key_coordinator', 'care_viewer'],
      issuer: provider.url,
      subject: who.sub,
    });
    // As when an admin changes roles: the other sessions end; the new one works.
    const olderToken = older.refreshed!.body.accessToken as string;
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${olderToken}`)).status).toBe(401);
  });

  it("a claim that maps to nothing, or to provider roles, leaves a city account's roles as they are (audited)", async () => {
    const user = await createUser(t, { roles: ['key_coordinator'] });
    const who = add(person(user.username, { groups: ['/unrelated'] }));
    const first = await landed((await signOn(who)).res);
    expect(first.me.roles).toEqual(['key_coordinator']);
    who.groups = ['/providers'];
    const second = await landed((await signOn(who)).res);
    expect(second.me.roles).toEqual(['key_coordinator']);
    expect(await rolesOf(user.id)).toBe('{key_coordinator}');
    const refused = await audit('auth.sso.roles_refused', user.id);
    expect(refused.map((e) => e.metadata.reason)).toEqual(['unmapped', 'not_city_roles']);
    expect(refused[1]!.metadata).toMatchObject({ roles: ['key_coordinator'], claimed: ['provider_user'] });
    expect(await audit('auth.sso.roles_changed', user.id)).toHaveLength(0);
  });

  it('provider staff keep their roles and organisation whatever the claim says', async () => {
    const org = await createProvider(t);
    const nurse = await createUser(t, { roles: ['provider_user'], providerId: org.id });
    const who = add(person(nurse.username, { groups: ['/jopa-coordinators'] }));
    const { me } = await landed((await signOn(who, 'app=portal')).res);
    expect(me).toMatchObject({ roles: ['provider_user'], provider: { id: org.id } });
    const [row] = await t.sql<{ provider_id: string }>('SELECT provider_id FROM users WHERE id = $1', [
      nurse.id,
    ]);
    expect(row!.provider_id).toBe(org.id);
    expect((await audit('auth.sso.roles_refused', nurse.id)).map((e) => e.metadata.reason)).toEqual([
      'provider_staff',
    ]);
  });

  it('an account created by sign-on follows the claim later too', async () => {
    const who = add(person(`made.${randomUUID().slice(0, 6)}`, { groups: ['/jopa-coordinators'] }));
    const created = await landed((await signOn(who)).res);
    expect(created.me.roles).toEqual(['care_coordinator']);
    expect(await audit('auth.sso.roles_changed', created.me.id)).toHaveLength(0);
    who.groups = ['/viewers'];
    const later = await landed((await signOn(who)).res);
    expect(later.me).toMatchObject({ id: created.me.id, roles: ['care_viewer'] });
    expect(await audit('auth.sso.roles_changed', created.me.id)).toHaveLength(1);
  });
});

describe('single sign-on links in user admin', () => {
  it("an admin sees a user's link and removes it: audited, its sessions end, a password session stays", async () => {
    const admin = await userWithToken(t, { roles: ['admin'] });
    const user = await createUser(t, { roles: ['care_viewer'] });
    const who = add(person(user.username));
    const sso = await landed((await signOn(who)).res);
    const password = await login(t, user.username);

    const list = await t.http().get(`/api/v1/users/${user.id}/sso-links`).set('authorization', admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const [link] = list.body.items;
    expect(link).toMatchObject({ issuer: provider.url, subject: who.sub, origin: 'linked' });
    expect(Date.parse(link.linkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(link.lastLoginAt)).toBeGreaterThanOrEqual(Date.parse(link.linkedAt));

    const removed = await t
      .http()
      .delete(`/api/v1/users/${user.id}/sso-links/${link.id}`)
      .set('authorization', admin.auth);
    expect(removed.status).toBe(204);
    const [entry] = await audit('user.sso_unlinked', user.id);
    expect(entry!.metadata).toMatchObject({
      linkId: link.id,
      issuer: provider.url,
      subject: who.sub,
      sessionsEnded: 1,
    });
    const ssoToken = sso.refreshed!.body.accessToken as string;
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${ssoToken}`)).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${password.token}`)).status).toBe(
      200,
    );
    expect(
      (await t.http().get(`/api/v1/users/${user.id}/sso-links`).set('authorization', admin.auth)).body,
    ).toEqual({ items: [] });
    // Removing it again: gone.
    const again = await t
      .http()
      .delete(`/api/v1/users/${user.id}/sso-links/${link.id}`)
      .set('authorization', admin.auth);
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it("per object: another user's link, another organisation's user and other roles are refused", async () => {
    const admin = await userWithToken(t, { roles: ['admin'] });
    const a = await createUser(t, { roles: ['care_viewer'] });
    const b = await createUser(t, { roles: ['care_viewer'] });
    await signOn(add(person(a.username)));
    await signOn(add(person(b.username)));
    const linkOf = async (id: string) =>
      (await t.http().get(`/api/v1/users/${id}/sso-links`).set('authorization', admin.auth)).body.items[0].id;
    const aLink = await linkOf(a.id);
    // b's path with a's link: not b's, so not found, and a keeps it.
    const crossed = await t
      .http()
      .delete(`/api/v1/users/${b.id}/sso-links/${aLink}`)
      .set('authorization', admin.auth);
    expect(crossed.status).toBe(404);
    expect(crossed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await linkOf(a.id)).toBe(aLink);

    const orgA = await createProvider(t);
    const orgB = await createProvider(t);
    const nurse = await createUser(t, { roles: ['provider_user'], providerId: orgA.id });
    await signOn(add(person(nurse.username)), 'app=portal');
    const nurseLink = await linkOf(nurse.id);
    const foreignAdmin = await userWithToken(t, { roles: ['provider_admin'], providerId: orgB.id });
    for (const req of [
      t.http().get(`/api/v1/users/${nurse.id}/sso-links`),
      t.http().delete(`/api/v1/users/${nurse.id}/sso-links/${nurseLink}`),
      t.http().get(`/api/v1/users/${a.id}/sso-links`),
    ]) {
      const res = await req.set('authorization', foreignAdmin.auth);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const coordinator = await userWithToken(t, { roles: ['key_coordinator'] });
    expect(
      (await t.http().get(`/api/v1/users/${a.id}/sso-links`).set('authorization', coordinator.auth)).status,
    ).toBe(403);
    expect(
      (await t.http().delete(`/api/v1/users/${a.id}/sso-links/not-a-uuid`).set('authorization', admin.auth))
        .status,
    ).toBe(422);
    // The provider admin of the nurse's own organisation may.
    const ownAdmin = await userWithToken(t, { roles: ['provider_admin'], providerId: orgA.id });
    expect(
      (
        await t
          .http()
          .delete(`/api/v1/users/${nurse.id}/sso-links/${nurseLink}`)
          .set('authorization', ownAdmin.auth)
      ).status,
    ).toBe(204);
  });
});
