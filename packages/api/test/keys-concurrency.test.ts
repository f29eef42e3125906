import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, keyFixture, newAgreementBody, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  // A pool big enough that the 20 requests really run at the same time in the database.
  t = await createTestApp({ DATABASE_POOL_SIZE: 25 });
});
afterAll(() => t.close());

describe('lending the same key concurrently', () => {
  it('20 simultaneous lends of one key: exactly one agreement holds it, 19 conflicts', async () => {
    const f = await keyFixture(t, ['C1', 'C2']);
    const managers = await Promise.all(
      Array.from({ length: 4 }, () => userWithToken(t, { roles: ['site_manager'], siteIds: [f.site.id] })),
    );
    const server = t.http();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server
          .post('/api/v1/key-agreements')
          .set('authorization', managers[i % managers.length]!.auth)
          .send(newAgreementBody(f.site.id, [f.keys[0]!.id])),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.code).toBe('key_unavailable');
    }
    const holders = await t.sql(`SELECT agreement_id FROM key_agreement_keys WHERE key_id = $1 AND holding`, [
      f.keys[0]!.id,
    ]);
    expect(holders).toHaveLength(1);
    // The losers left nothing behind: no half-made agreements, renters or associations.
    expect(await t.sql(`SELECT id FROM key_agreements`)).toHaveLength(1);
    expect(await t.sql(`SELECT id FROM renters`)).toHaveLength(1);
  });

  it('two lends of overlapping key sets in opposite order never deadlock and never share a key', async () => {
    const f = await keyFixture(t, ['D1', 'D2', 'D3']);
    const [a, b, c] = f.keys.map((k) => k.id) as [string, string, string];
    const server = t.http();
    const responses = await Promise.all(
      [
        [a, b],
        [b, a],
        [c, b],
        [a, c],
      ].map((ids) =>
        server
          .post('/api/v1/key-agreements')
          .set('authorization', f.manager.auth)
          .send(newAgreementBody(f.site.id, ids)),
      ),
    );
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const held = await t.sql<{ key_id: string; n: number }>(
      `SELECT key_id, count(*)::int AS n FROM key_agreement_keys WHERE holding AND key_id = ANY($1) GROUP BY key_id`,
      [[a, b, c]],
    );
    expect(held.every((h) => h.n === 1)).toBe(true);
  });
});
