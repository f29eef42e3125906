import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, SCOPES, type Role } from '@civic/shared/roles';
import type { AccessRule } from '../src/lib/access.ts';
import { hashClientSecret } from '../src/lib/tokens.ts';
import { keyFixture, newAgreementBody, userWithToken, type TestApp, createTestApp } from './helpers.ts';
import { newClient, newEntry, queueFixture, reportVacancy } from './queue-fixtures.ts';
import { sample, uuidPaths, type JsonSchema } from './fuzz/schema-sample.ts';

/**
 * Generated from the route table: every id a route takes (path parameter, query or body field) is
 * sent once as an id that does not exist, while the route's other ids are real where the fixture
 * has one (so the unknown id reaches the statement that would write it). Nothing may answer 5xx:
 * an unknown id is the caller's mistake (404 or 422), never a foreign-key error.
 */
let t: TestApp;
const auth = new Map<Role | 'client', string>();
/** Real ids by field name (`siteId`, `unitId` …), what the walk puts in the fields it keeps. */
const real: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const keys = await keyFixture(t);
  const q = await queueFixture(t);
  const { id: vacancyId } = await reportVacancy(t, q.providerUser.auth, q.unit);
  const client = await newClient(t, q.coordinator.auth);
  const entry = await newEntry(t, q.coordinator.auth, {
    clientId: client.id,
    serviceTypeId: q.unit.serviceTypeId,
  });
  const lent = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', keys.manager.auth)
    .send(newAgreementBody(keys.site.id, [keys.keys[0]!.id]));
  const [association] = await t.sql<{ id: string }>('SELECT id FROM associations LIMIT 1');
  const [renter] = await t.sql<{ id: string }>('SELECT id FROM renters LIMIT 1');
  const [tag] = await t.sql<{ id: string }>('SELECT id FROM care_tags LIMIT 1');
  Object.assign(real, {
    siteId: keys.site.id,
    keyId: keys.keys[1]!.id,
    keyIds: keys.keys[1]!.id,
    returnedKeyIds: keys.keys[0]!.id,
    agreementId: lent.body.id,
    associationId: association!.id,
    renterId: renter!.id,
    unitId: q.unit.unitId,
    serviceTypeId: q.unit.serviceTypeId,
    providerId: q.provider.id,
    vacancyId,
    clientId: client.id,
    entryId: entry.id,
    tagId: tag!.id,
    tagIds: tag!.id,
    needTagIds: tag!.id,
  });
  for (const role of ROLES) {
    const providerId = role.startsWith('provider') ? q.provider.id : null;
    const siteIds = role === 'site_manager' ? [keys.site.id] : [];
    auth.set(role, (await userWithToken(t, { roles: [role], providerId, siteIds })).auth);
  }
  const secret = 'walk-secret-walk-secret-walk-secret';
  await t.sql(
    `INSERT INTO integration_clients (client_id, name, scopes, secret_hash) VALUES ('walk', 'Walk', $1, $2)`,
    [SCOPES, hashClientSecret(secret)],
  );
  const token = await t
    .http()
    .post('/api/v1/oauth/token')
    .send({ grant_type: 'client_credentials', client_id: 'walk', client_secret: secret });
  auth.set('client', `Bearer ${token.body.access_token}`);
});
afterAll(() => t.close());

/** The path segment before `:id` names what the id is: `/portal/units/:id` → `unitId`. */
const PATH_NAMES: Record<string, string> = {
  sites: 'siteId',
  keys: 'keyId',
  'key-agreements': 'agreementId',
  units: 'unitId',
  vacancies: 'vacancyId',
  providers: 'providerId',
  clients: 'clientId',
  entries: 'entryId',
  'service-types': 'serviceTypeId',
  tags: 'tagId',
};
const nameOf = (url: string, param: string) => {
  if (param !== 'id') return param;
  const segments = url.split('/');
  return PATH_NAMES[segments[segments.indexOf(':id') - 1] ?? ''] ?? 'id';
};
const fieldName = (pointer: string) =>
  pointer
    .split('/')
    .filter((p) => p && !/^\d+$/.test(p))
    .pop() ?? '';

/** Who calls the route: the most capable role it admits (or an integration client). */
function callerFor(access: AccessRule | undefined): string | null | undefined {
  if (access === 'public') return null;
  if (!access) return undefined;
  const roles = access.roles === 'any' ? ROLES : (access.roles ?? []);
  const order: Role[] = [
    'admin',
    'key_coordinator',
    'care_coordinator',
    'site_manager',
    'provider_admin',
    'provider_user',
    'care_viewer',
  ];
  const role = order.find((r) => roles.includes(r));
  if (role) return auth.get(role);
  return access.scopes ? auth.get('client') : undefined;
}

function setPointer(target: unknown, pointer: string, value: unknown) {
  const parts = pointer.split('/').slice(1);
  let node = target as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

interface Case {
  label: string;
  method: string;
  url: string;
  query: Record<string, unknown>;
  body: unknown;
  auth: string | null;
}

function casesFor(route: (typeof t.app.routeTable)[number]): Case[] {
  const schema = (route.schema ?? {}) as { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema };
  const caller = callerFor(route.access);
  if (caller === undefined) return [];
  const params = Object.keys(schema.params?.properties ?? {});
  const realFor = (name: string) => real[name] ?? randomUUID();
  const build = (unknown: { where: 'path' | 'query' | 'body'; at: string } | null): Case => {
    let url = route.url;
    for (const p of params) {
      const s = schema.params!.properties![p]!;
      const value =
        s.format === 'uuid'
          ? unknown?.where === 'path' && unknown.at === p
            ? randomUUID()
            : realFor(nameOf(route.url, p))
          : String(sample(s));
      url = url.replace(`:${p}`, encodeURIComponent(value));
    }
    const fill = (s: JsonSchema | undefined, where: 'query' | 'body') => {
      if (!s) return undefined;
      const value = sample(s, { optional: where === 'body' }) as Record<string, unknown>;
      for (const pointer of uuidPaths(s)) {
        const random = unknown?.where === where && unknown.at === pointer;
        if (where === 'query' && !random) continue;
        try {
          setPointer(value, pointer, random ? randomUUID() : realFor(fieldName(pointer)));
        } catch {
          // The pointer runs through an alternative this sample did not take.
        }
      }
      return value;
    };
    return {
      label: `${route.method} ${route.url} ${unknown ? `${unknown.where} ${unknown.at}` : 'real ids'}`,
      method: route.method,
      url,
      query: fill(schema.querystring, 'query') ?? {},
      body: fill(schema.body, 'body'),
      auth: caller,
    };
  };
  const cases: Case[] = [];
  for (const p of params) {
    if (schema.params!.properties![p]!.format === 'uuid') cases.push(build({ where: 'path', at: p }));
  }
  for (const pointer of uuidPaths(schema.querystring)) cases.push(build({ where: 'query', at: pointer }));
  for (const pointer of uuidPaths(schema.body)) cases.push(build({ where: 'body', at: pointer }));
  return cases;
}

describe('unknown ids over the whole route table', () => {
  it('never answers 5xx to an id that does not exist, in any path, query or body field', async () => {
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/v1/') &&
        !['HEAD', 'OPTIONS'].includes(r.method) &&
        // Ending the caller's own session would log the walk out.
        r.url !== '/api/v1/auth/logout',
    );
    const cases = routes.flatMap(casesFor);
    expect(cases.length).toBeGreaterThan(60);
    const failures: string[] = [];
    for (const c of cases) {
      const agent = t.http();
      let req = agent[c.method.toLowerCase() as 'post'](c.url).query(c.query as Record<string, string>);
      if (c.auth) req = req.set('authorization', c.auth);
      const res = c.body === undefined ? await req : await req.send(c.body as object);
      if (res.status >= 500) failures.push(`${c.label} → ${res.status} ${JSON.stringify(res.body)}`);
      else expect(res.headers['content-type'] ?? '', c.label).not.toMatch(/text\/html/);
    }
    expect(failures).toEqual([]);
  });
});
