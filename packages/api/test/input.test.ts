import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE } from '@civic/shared/common';
import { SIGNATURE_MAX_POINTS } from '@civic/shared/keys';
import type { JsonSchema } from './fuzz/schema-sample.ts';
import {
  createCareUnit,
  createProvider,
  keyFixture,
  newAgreementBody,
  userWithToken,
  createTestApp,
  type TestApp,
} from './helpers.ts';

/** Input the API must refuse cleanly, for every route at once: problem+json 4xx, nothing changed. */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

const isProblem = (res: { headers: Record<string, string> }) =>
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
const count = async (table: string) =>
  Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('NUL characters', () => {
  it('are refused with the field in a body, before authentication too', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'a\u0000b', password: 'x\u0000' });
    expect(res.status).toBe(422);
    isProblem(res);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/password', '/username']);
  });

  it('are refused in a query, a path, nested bodies and object keys, and nothing is stored', async () => {
    const before = await count('associations');
    const cases = [
      t.http().get('/api/v1/users').query({ q: 'x\u0000' }).set('authorization', admin),
      t.http().get('/api/v1/signing/abc%00def'),
      t.http().post('/api/v1/associations').set('authorization', admin).send({ name: 'Seura\u0000 ry' }),
      t
        .http()
        .post('/api/v1/care/providers')
        .set('authorization', admin)
        .send({ name: 'P', contact: { '\u0000': 1 } }),
    ];
    const answers = await Promise.all(cases);
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      isProblem(res);
      expect(res.body.errors[0].message).toMatch(/NUL/);
    }
    expect(answers[0]!.body.errors[0].field).toBe('/q');
    expect(answers[2]!.body.errors[0].field).toBe('/name');
    expect(await count('associations')).toBe(before);
  });

  // The check is attached per route (a route that declares no input skips it): every route of
  // the table that takes a query, a path parameter or a body must refuse a NUL in it.
  it('are refused by every route that takes input (route table walk)', async () => {
    const everyRole = (
      await userWithToken(t, {
        roles: ['admin', 'key_coordinator', 'care_coordinator', 'care_viewer'],
      })
    ).auth;
    const missed: string[] = [];
    let refused = 0;
    for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api/v1/') && x.method !== 'HEAD')) {
      const schema = (r.schema ?? {}) as Record<string, unknown>;
      const hasParams = r.url.includes(':');
      const hasBody = !!schema.body && ['POST', 'PUT', 'PATCH'].includes(r.method);
      if (!hasParams && !schema.querystring && !hasBody) continue;
      // The NUL goes in the path if there is one, else in the query, else in the body (a body
      // must still parse, or the parser's 400 comes first).
      const url =
        r.url.replace(/:[A-Za-z]+/g, 'a%00b') + (!hasParams && schema.querystring ? '?x=a%00b' : '');
      const body = hasParams || schema.querystring ? '{}' : '{"x":"a\\u0000b"}';
      const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const req = t.http()[method](url).set('authorization', everyRole);
      const res = await (hasBody ? req.set('content-type', 'application/json').send(body) : req);
      // Routes this caller may not use refuse it before any input is read.
      if (res.status === 401 || res.status === 403) continue;
      const nul = res.status === 422 && /NUL/.test(JSON.stringify(res.body.errors ?? ''));
      if (nul) refused++;
      else missed.push(`${r.method} ${r.url}: ${res.status}`);
    }
    expect(missed).toEqual([]);
    expect(refused).toBeGreaterThan(40);
  });

  it('are refused in a CSV file with the line', async () => {
    const { site, coordinator } = await keyFixture(t, ['N1']);
    const res = await t
      .http()
      .post(`/api/v1/sites/${site.id}/keys/import`)
      .set('authorization', coordinator.auth)
      .type('text/csv')
      .send('code;opens\nA1;Door\nA2;Do\u0000or\n');
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([{ line: 3, field: 'file', message: 'contains_nul' }]);
  });
});

describe('paging, URLs and bounds', () => {
  it('bounds the page in the shared paging schema', async () => {
    for (const page of ['1e308', '1e20', String(MAX_PAGE + 1)]) {
      const res = await t.http().get('/api/v1/users').query({ page }).set('authorization', admin);
      expect(res.status, page).toBe(422);
      isProblem(res);
      expect(res.body.errors[0].field).toBe('/page');
    }
    const last = await t.http().get('/api/v1/users').query({ page: MAX_PAGE }).set('authorization', admin);
    expect(last.status).toBe(200);
    expect(last.body.items).toEqual([]);
  });

  it('answers a malformed URL with problem+json', async () => {
    const res = await t.http().get('/api/v1/users/%E0%A4%A').set('authorization', admin);
    expect(res.status).toBe(400);
    isProblem(res);
    expect(res.body.code).toBe('bad_request');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('declares a maximum for every number a request can carry (route table walk)', () => {
    const unbounded: string[] = [];
    const walk = (s: JsonSchema | undefined, where: string) => {
      if (!s || typeof s !== 'object') return;
      if ((s.type === 'integer' || s.type === 'number') && s.maximum === undefined && s.enum === undefined)
        unbounded.push(where);
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}/${k}`);
      for (const v of [s.items, ...(s.anyOf ?? []), ...(s.oneOf ?? [])].flat()) walk(v as JsonSchema, where);
    };
    for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api/'))) {
      const schema = (r.schema ?? {}) as Record<string, JsonSchema>;
      for (const part of ['params', 'querystring', 'body'])
        walk(schema[part], `${r.method} ${r.url} ${part}`);
    }
    expect(unbounded).toEqual([]);
  });
});

describe('empty changes', () => {
  it('are refused by every update schema (an empty PATCH was a 500 from the query builder)', async () => {
    const { site, coordinator } = await keyFixture(t, ['P1']);
    const res = await t
      .http()
      .patch(`/api/v1/sites/${site.id}`)
      .set('authorization', coordinator.auth)
      .send({});
    expect(res.status).toBe(422);
    isProblem(res);
  });
});

describe('unknown ids in a body', () => {
  it('answer 404 for an unknown unit or service type, and nothing is written', async () => {
    const provider = await createProvider(t);
    const unit = await createCareUnit(t, provider.id, {
      maxCapacity: 10,
      occupied: 5,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    const user = await userWithToken(t, { roles: ['provider_user'], providerId: provider.id });
    const before = await count('vacancies');
    const post = (unitId: string, serviceTypeId: string) =>
      t
        .http()
        .post(`/api/v1/portal/units/${unitId}/vacancies`)
        .set('authorization', user.auth)
        .send({ serviceTypeId, availableFrom: '2026-08-01' });
    for (const res of [await post(randomUUID(), unit.serviceTypeId), await post(unit.unitId, randomUUID())]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      isProblem(res);
    }
    expect(await count('vacancies')).toBe(before);
  });
});

describe('whitespace-only text', () => {
  it('is refused where text is required, and text is stored trimmed', async () => {
    const { manager } = await keyFixture(t, ['W1']);
    const blank = await t
      .http()
      .post('/api/v1/associations')
      .set('authorization', manager.auth)
      .send({ name: ' \t\n ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].field).toBe('/name');
    const padded = await t
      .http()
      .post('/api/v1/associations')
      .set('authorization', manager.auth)
      .send({ name: '  Trimmattu Seura ry  ' });
    expect(padded.status).toBe(201);
    expect(padded.body.name).toBe('Trimmattu Seura ry');
  });

  it('is refused as a decline or withdrawal reason', async () => {
    const provider = await createProvider(t);
    const unit = await createCareUnit(t, provider.id, {
      maxCapacity: 10,
      occupied: 5,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    const user = await userWithToken(t, { roles: ['provider_user'], providerId: provider.id });
    const vacancy = await t
      .http()
      .post(`/api/v1/portal/units/${unit.unitId}/vacancies`)
      .set('authorization', user.auth)
      .send({ serviceTypeId: unit.serviceTypeId, availableFrom: '2026-08-01' });
    const withdraw = await t
      .http()
      .post(`/api/v1/portal/vacancies/${vacancy.body.id}/withdraw`)
      .set('authorization', user.auth)
      .send({ reason: '    ' });
    expect(withdraw.status).toBe(422);
    const decline = await t
      .http()
      .post(`/api/v1/signing/${'x'.repeat(30)}/decline`)
      .send({ reason: '   ' });
    expect(decline.status).toBe(422);
    expect(decline.body.errors[0].field).toBe('/reason');
  });
});

describe('signatures', () => {
  it('lists a capped number of errors for a huge bad signature', async () => {
    const strokes = Array.from({ length: 5 }, () => Array.from({ length: 4000 }, () => [-1, -1]));
    const res = await t
      .http()
      .post(`/api/v1/key-agreements/${randomUUID()}/sign`)
      .set('authorization', admin)
      .send({ confirmedName: 'X', accepted: true, signature: { strokes } });
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeLessThanOrEqual(50);
    expect(res.body.errorCount).toBeGreaterThan(20_000);
    expect(JSON.stringify(res.body).length).toBeLessThan(20_000);
  });

  it('bounds the points of a signature', async () => {
    const { site, keys, manager } = await keyFixture(t, ['S1']);
    const lent = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', manager.auth)
      .send(newAgreementBody(site.id, [keys[0]!.id]));
    const per = Math.ceil((SIGNATURE_MAX_POINTS + 1) / 4);
    const strokes = Array.from({ length: 4 }, (_, s) =>
      Array.from({ length: per }, (_, i) => [(i * 7) % 1000, (i * 13 + s) % 400]),
    );
    const res = await t
      .http()
      .post(`/api/v1/key-agreements/${lent.body.id}/sign`)
      .set('authorization', manager.auth)
      .send({ confirmedName: 'Maija Meikäläinen', accepted: true, signature: { strokes } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toBe('signature_too_complex');
  });
});

describe('invalid UTF-8', () => {
  it('in a JSON body is refused with the line, and nothing is stored', async () => {
    const before = await count('associations');
    const body = Buffer.concat([
      Buffer.from('{\n"name":\n"Seura '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' ry"\n}'),
    ]);
    // inject: supertest would send a Buffer as JSON of its bytes.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/associations',
      headers: { authorization: admin, 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().line).toBe(3);
    expect(await count('associations')).toBe(before);
  });

  it('in a key CSV is refused with the line', async () => {
    const { site, coordinator } = await keyFixture(t, ['Q1']);
    const file = Buffer.concat([
      Buffer.from('code;opens\nB1;Ovi\nB2;Ov'),
      Buffer.from([0xe4]),
      Buffer.from('\n'),
    ]);
    const res = await t
      .http()
      .post(`/api/v1/sites/${site.id}/keys/import`)
      .set('authorization', coordinator.auth)
      .set('content-type', 'text/csv')
      .send(file);
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([{ line: 3, field: 'file', message: 'not_utf8' }]);
  });
});
