// An OpenID Connect provider for trying single sign-on locally and for the tests: oauth2-mock-server
// (discovery, JWKS, authorization code with PKCE, signed ID tokens) with a page to pick a demo person.
//
//   pnpm oidc:mock [port]          (or OIDC_MOCK_PORT; default 4480; see README "Single sign-on")
//
// The product then runs with OIDC_ISSUER=http://127.0.0.1:4480 OIDC_CLIENT_ID=civic-demo
// OIDC_ALLOW_HTTP=true and the mapping settings the README lists.
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

/** A person at the provider: the claims their ID token carries besides iss, aud, exp and nonce. */
export interface MockPerson {
  sub: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  groups?: string[];
  [claim: string]: unknown;
}

/** Demo people, matched to the demo accounts by `preferred_username` (OIDC_LINK_BY=preferred_username). */
export const DEMO_PEOPLE: MockPerson[] = [
  {
    sub: 'c0ffee00-0000-4000-8000-000000000001',
    preferred_username: 'carecoord',
    name: 'Helena Hoivakoordinaattori',
    email: 'carecoord@demo.example',
    email_verified: true,
    groups: ['/jopa-coordinators'],
  },
  {
    sub: 'c0ffee00-0000-4000-8000-000000000002',
    preferred_username: 'keycoord',
    name: 'Kalle Koordinaattori',
    email: 'keycoord@demo.example',
    email_verified: true,
    groups: ['/key-office'],
  },
  {
    sub: 'c0ffee00-0000-4000-8000-000000000003',
    preferred_username: 'provideruser',
    name: 'Tiina Hoitaja',
    email: 'provideruser@demo.example',
    email_verified: true,
    groups: [],
  },
  {
    sub: 'c0ffee00-0000-4000-8000-000000000004',
    preferred_username: 'uusi.koordinaattori',
    name: 'Uuna Uusi',
    email: 'uusi.koordinaattori@demo.example',
    email_verified: true,
    groups: ['/jopa-coordinators'],
  },
  {
    sub: 'c0ffee00-0000-4000-8000-000000000005',
    preferred_username: 'ulkopuolinen',
    name: 'Olli Ulkopuolinen',
    email: 'olli@demo.example',
    email_verified: true,
    groups: [],
  },
];

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Starts the provider. `/authorize` without `demo_user` shows the people to pick from; with it, the
 * code is issued for that person and the ID token carries their claims. `service` is exposed so a
 * test can change one answer (`service.once('beforeTokenSigning', …)`).
 */
export async function startMockProvider(
  opts: {
    port?: number;
    host?: string;
    people?: MockPerson[];
    /** `false`: the discovery names no end_session_endpoint, like a provider without RP-initiated logout. */
    endSession?: boolean;
  } = {},
) {
  const people = opts.people ?? DEMO_PEOPLE;
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate('RS256');
  const service = new OAuth2Service(issuer);
  const byCode = new Map<string, MockPerson>();

  service.on('beforeAuthorizeRedirect', (redirect: { url: URL }, req: { query: Record<string, unknown> }) => {
    const person = people.find(
      (p) => p.preferred_username === req.query.demo_user || p.sub === req.query.demo_user,
    );
    const code = redirect.url.searchParams.get('code');
    if (person && code) byCode.set(code, person);
  });
  service.on(
    'beforeTokenSigning',
    (token: { payload: Record<string, unknown> }, req: { body?: Record<string, unknown> }) => {
      const person = byCode.get(String(req.body?.code ?? ''));
      if (person) Object.assign(token.payload, person);
    },
  );
  service.on('beforeResponse', (_res: unknown, req: { body?: Record<string, unknown> }) => {
    // A code is good once: the ID token of this exchange was built already.
    byCode.delete(String(req.body?.code ?? ''));
  });

  /** The ID token a logout names as its hint, if this provider signed it for the client asking. */
  const hintedPerson = (hint: string | null, clientId: string | null) => {
    const [header, payload, signature] = (hint ?? '').split('.');
    if (!header || !payload || !signature) return null;
    try {
      const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid?: string };
      const jwk = issuer.keys.toJSON().find((k: { kid?: string }) => k.kid === kid) as JsonWebKey | undefined;
      if (!jwk) return null;
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      if (
        !verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))
      )
        return null;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const audiences = ([] as unknown[]).concat(claims.aud);
      if (claims.iss !== issuer.url || (clientId && !audiences.includes(clientId))) return null;
      return claims;
    } catch {
      return null;
    }
  };
  /** Logouts that came with a valid `id_token_hint`, newest last (tests look at them). */
  const logouts: { sub: string; clientId: string | null; postLogoutRedirectUri: string }[] = [];

  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    // Like Keycloak: a logout with a valid id_token_hint returns at once to post_logout_redirect_uri;
    // without one the provider cannot tell whose sign-on to end, and asks first.
    if (req.method === 'GET' && url.pathname === '/endsession') {
      const back = url.searchParams.get('post_logout_redirect_uri');
      if (!back || !/^https?:\/\//.test(back)) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('post_logout_redirect_uri is required');
        return;
      }
      const clientId = url.searchParams.get('client_id');
      const claims = hintedPerson(url.searchParams.get('id_token_hint'), clientId);
      if (claims) {
        logouts.push({ sub: String(claims.sub), clientId, postLogoutRedirectUri: back });
        res.writeHead(302, { location: back }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Log out?',
          `<p>No valid id_token_hint: the provider does not know whose sign-on to end.</p><p><a href="${escapeHtml(back)}">Log out</a></p>`,
        ),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname === '/authorize' && !url.searchParams.get('demo_user')) {
      const items = people
        .map((p) => {
          const next = new URL(url);
          next.searchParams.set('demo_user', p.preferred_username ?? p.sub);
          const groups = p.groups?.length ? p.groups.join(', ') : '–';
          return `<li><a href="${escapeHtml(next.pathname + next.search)}">${escapeHtml(p.name ?? p.sub)}</a> <small>(${escapeHtml(p.preferred_username ?? '')}; groups: ${escapeHtml(groups)})</small></li>`;
        })
        .join('');
      // Cancelling answers the client the way providers do when the person says no (RFC 6749 4.1.2.1).
      const cancel = new URL(url.searchParams.get('redirect_uri') ?? '', 'http://invalid');
      cancel.searchParams.set('error', 'access_denied');
      const state = url.searchParams.get('state');
      if (state) cancel.searchParams.set('state', state);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Demo identity provider',
          `<p>Not a real sign-in: choose who you are.</p><ul style="line-height:2">${items}</ul>` +
            `<p><a href="${escapeHtml(cancel.href)}">Cancel</a></p>`,
        ),
      );
      return;
    }
    if (opts.endSession === false && url.pathname === '/.well-known/openid-configuration') {
      const end = res.end.bind(res) as (chunk?: unknown) => typeof res;
      // The one answer changed on its way out: the service's own discovery without the endpoint.
      res.end = ((chunk?: unknown) => {
        const metadata = JSON.parse(String(chunk)) as Record<string, unknown>;
        delete metadata.end_session_endpoint;
        const body = JSON.stringify(metadata);
        res.setHeader('content-length', Buffer.byteLength(body));
        return end(body);
      }) as typeof res.end;
    }
    service.requestHandler(req, res);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const address = server.address() as { port: number };
  issuer.url = `http://${host}:${address.port}`;
  return {
    url: issuer.url,
    issuer,
    service,
    logouts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? process.env.OIDC_MOCK_PORT ?? 4480);
  const provider = await startMockProvider({ port });
  console.log(`Demo OpenID Connect provider at ${provider.url}`);
  console.log(
    'Start the product with:\n' +
      `  OIDC_ISSUER=${provider.url} OIDC_CLIENT_ID=civic-demo OIDC_ALLOW_HTTP=true \\\n` +
      '  OIDC_LINK_BY=preferred_username OIDC_CREATE_USERS=true \\\n' +
      "  OIDC_ROLE_MAP='/jopa-coordinators=care_coordinator,/key-office=key_coordinator' npx -y pnpm@10 start",
  );
  console.log('People:', DEMO_PEOPLE.map((p) => p.preferred_username).join(', '));
}
