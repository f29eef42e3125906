import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
let admin: string;
let otherAdmin: string;
/** A creating POST of the test app that waits until released, to hold a key "running". */
const gate: { release: () => void; wait: Promise<void> } = { release: () => {}, wait: Promise.resolve() };
let slowRuns = 0;
let failRuns = 0;

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      beforeReady(app) {
        app.post(
          '/api/v1/test/slow-things',
          {
            config: { access: { roles: ['admin'] } },
            schema: {
              body: Type.Object({ name: Type.String() }),
              response: { 201: Type.Object({ run: Type.Integer(), name: Type.String() }) },
            },
          },
          async (request, reply) => {
            const run = ++slowRuns;
            await gate.wait;
            return reply.code(201).send({ run, name: (request.body as { name: string }).name });
          },
        );
        app.post(
          '/api/v1/test/failing-things',
          {
            config: { access: { roles: ['admin'] } },
            schema: { response: { 201: Type.Object({ run: Type.Integer() }) } },
          },
          async (_request, reply) => {
            if (++failRuns === 1) throw new Error('boom');
            return reply.code(201).send({ run: failRuns });
          },
        );
      },
    },
  );
  admin = (await userWithToken(t, { roles: ['admin'] })).auth;
  otherAdmin = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

const createClient = (key: string | null, name = 'Apotti', auth = admin) => {
  const req = t.http().post('/api/v1/integration-clients').set('authorization', auth);
  if (key) req.set('idempotency-key', key);
  return req.send({ name, scopes: ['care.registry:read'] });
};
const clientsNamed = async (name: string) =>
  (
    await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM integration_clients WHERE name = $1`, [name])
  )[0]!.n;

describe('Idempotency-Key', () => {
  it('replays the stored answer for the same key and payload, and creates once', async () => {
    const first = await createClient('"key-1"', 'Replay');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await createClient('"key-1"', 'Replay');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toContain('application/json');
    // The same answer, the secret shown at creation included: the client lost it and asks again.
    expect(again.body).toEqual(first.body);
    expect(await clientsNamed('Replay')).toBe(1);
    // Without a key, every POST creates.
    await createClient(null, 'Replay');
    expect(await clientsNamed('Replay')).toBe(2);
  });

  it('answers 422 for the same key with another payload or on another operation', async () => {
    expect((await createClient('key-2', 'First')).status).toBe(201);
    const other = await createClient('key-2', 'Second');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(other.headers['content-type']).toContain('application/problem+json');
    const elsewhere = await t
      .http()
      .post('/api/v1/test/slow-things')
      .set('authorization', admin)
      .set('idempotency-key', 'key-2')
      .send({ name: 'x' });
    expect(elsewhere.status).toBe(422);
    expect(await clientsNamed('Second')).toBe(0);
  });

  it('keeps keys per caller', async () => {
    expect((await createClient('shared-key', 'Mine')).status).toBe(201);
    const theirs = await createClient('shared-key', 'Theirs', otherAdmin);
    expect(theirs.status).toBe(201);
    expect(await clientsNamed('Theirs')).toBe(1);
  });

  it('answers 409 while the first request with the key is still running, then replays it', async () => {
    gate.wait = new Promise((resolve) => (gate.release = resolve));
    const send = () =>
      t
        .http()
        .post('/api/v1/test/slow-things')
        .set('authorization', admin)
        .set('idempotency-key', 'slow-1')
        .send({ name: 'thing' });
    const first = send().then((r) => r);
    while (slowRuns === 0) await new Promise((r) => setTimeout(r, 10));
    const second = await send();
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'idempotency_request_in_progress' });
    expect(second.headers['retry-after']).toBe('1');
    gate.release();
    expect((await first).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(201);
    expect(third.body).toEqual({ run: 1, name: 'thing' });
    expect(slowRuns).toBe(1);
  });

  it('two concurrent requests with one key on a real operation create one client', async () => {
    const results = await Promise.all([createClient('race-1', 'Race'), createClient('race-1', 'Race')]);
    const statuses = results.map((r) => r.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await clientsNamed('Race')).toBe(1);
  });

  it('does not keep a 5xx: the retry runs again', async () => {
    const send = () =>
      t
        .http()
        .post('/api/v1/test/failing-things')
        .set('authorization', admin)
        .set('idempotency-key', 'fail-1');
    expect((await send()).status).toBe(500);
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ run: 2 });
  });

  it('refuses a malformed key; expired keys are removed by the cleanup job and free again', async () => {
    const bad = await createClient('x'.repeat(256), 'Bad');
    expect(bad.status).toBe(422);
    expect((await createClient('old-key', 'Old')).status).toBe(201);
    await t.sql(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'old-key'`);
    expect(await t.app.jobs.runNow('idempotency.cleanup')).toEqual({ removed: 1 });
    expect((await createClient('old-key', 'Old')).headers['idempotent-replayed']).toBeUndefined();
    expect(await clientsNamed('Old')).toBe(2);
  });

  it('is documented on every creating POST and only there', async () => {
    const spec = (await t.http().get('/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; responses: object }>
      >;
    };
    let creating = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const has = (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
        const creates = method === 'post' && '201' in op.responses;
        expect(has, `${method} ${path}`).toBe(creates);
        if (creates) {
          creating++;
          expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
        }
      }
    }
    expect(creating).toBeGreaterThan(10);
  });
});
