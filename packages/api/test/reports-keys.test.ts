import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, createTestApp, keyFixture, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
let fx: Awaited<ReturnType<typeof keyFixture>>;
let otherSite: { id: string; name: string };
const assoc: Record<'x' | 'y', string> = { x: '', y: '' };

/** Agreements made on given Helsinki days, with their keys in given states. */
async function agreement(
  siteId: string,
  associationId: string,
  createdAt: string,
  state: string,
  expectedReturn: string,
  keys: { keyId: string; state: 'out' | 'returned' | 'lost' | 'released' }[],
) {
  const [renter] = await t.sql<{ id: string }>(
    `INSERT INTO renters (association_id, name) VALUES ($1, 'Vuokraaja') RETURNING id`,
    [associationId],
  );
  const [template] = await t.sql<{ id: string }>(`SELECT id FROM agreement_templates LIMIT 1`);
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO key_agreements (number, site_id, association_id, renter_id, handed_over_by, state, template_id, language, text,
                                 expected_return_date, created_at)
     VALUES ('AS-' || floor(random() * 1e9)::text, $1, $2, $3, $4, $5, $6, 'fi', 'Ehdot', $7, $8) RETURNING id`,
    [siteId, associationId, renter!.id, fx.manager.user.id, state, template!.id, expectedReturn, createdAt],
  );
  for (const k of keys) {
    await t.sql(
      `INSERT INTO key_agreement_keys (agreement_id, key_id, state, holding) VALUES ($1, $2, $3, $4)`,
      [row!.id, k.keyId, k.state, k.state === 'out' || k.state === 'lost'],
    );
  }
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await keyFixture(t);
  otherSite = await createSite(t);
  for (const k of ['x', 'y'] as const) {
    const [row] = await t.sql<{ id: string }>(`INSERT INTO associations (name) VALUES ($1) RETURNING id`, [
      `Seura ${k.toUpperCase()}`,
    ]);
    assoc[k] = row!.id;
  }
  const [k1, k2, k3] = fx.keys;
  // 10 September 2025 00:30 in Helsinki is still 9 September in UTC: the 2025–2026 season either way.
  await agreement(fx.site.id, assoc.x, '2025-09-09T21:30:00Z', 'active', '2026-05-31', [
    { keyId: k1!.id, state: 'out' },
    { keyId: k2!.id, state: 'lost' },
  ]);
  await agreement(fx.site.id, assoc.y, '2026-03-01T10:00:00Z', 'returned', '2026-05-31', [
    { keyId: k3!.id, state: 'returned' },
  ]);
  // 1 June 2026 00:30 in Helsinki (31 May in UTC): the next season.
  await agreement(fx.site.id, assoc.x, '2026-05-31T21:30:00Z', 'cancelled', '2027-05-31', [
    { keyId: k3!.id, state: 'released' },
  ]);
  await agreement(otherSite.id, assoc.x, '2026-06-15T10:00:00Z', 'draft', '2027-05-31', []);
});
afterAll(() => t.close());

const path = '/api/v1/reports/keys/figures?from=2025-06-01&to=2026-12-31';

describe('keys figures', () => {
  it('counts agreements by state, overdue now, keys lent and lost, per season in Helsinki time', async () => {
    const res = await t.http().get(`${path}&groupBy=season`).set('authorization', fx.coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { key: string; agreements: number }) => [r.key, r.agreements])).toEqual([
      ['2025-2026', 2],
      ['2026-2027', 2],
    ]);
    expect(res.body.rows[0]).toMatchObject({
      byState: { active: 1, returned: 1, draft: 0 },
      overdue: 1,
      keysLent: 3,
      lostKeys: 1,
    });
    expect(res.body.total).toMatchObject({
      key: 'total',
      agreements: 4,
      keysLent: 3,
      lostKeys: 1,
      overdue: 1,
    });
    expect(res.body.total.byState).toMatchObject({ active: 1, returned: 1, cancelled: 1, draft: 1 });
  });

  it('lists every month and season of the period up to today, those without agreements at zero', async () => {
    const res = await t
      .http()
      .get('/api/v1/reports/keys/figures?from=2025-08-15&to=2026-04-10&groupBy=month')
      .set('authorization', fx.coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { key: string; agreements: number }) => [r.key, r.agreements])).toEqual([
      ['2025-08', 0],
      ['2025-09', 1],
      ['2025-10', 0],
      ['2025-11', 0],
      ['2025-12', 0],
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 1],
      ['2026-04', 0],
    ]);
    expect(res.body.rows[0]).toMatchObject({ overdue: 0, keysLent: 0, lostKeys: 0, byState: { active: 0 } });
    const seasons = await t
      .http()
      .get('/api/v1/reports/keys/figures?from=2023-06-01&to=2026-05-31&groupBy=season')
      .set('authorization', fx.coordinator.auth);
    expect(seasons.body.rows.map((r: { key: string; agreements: number }) => [r.key, r.agreements])).toEqual([
      ['2023-2024', 0],
      ['2024-2025', 0],
      ['2025-2026', 2],
    ]);
  });

  it('splits by site and association with their names, and filters by them', async () => {
    const bySite = await t.http().get(`${path}&groupBy=site`).set('authorization', fx.coordinator.auth);
    expect(
      bySite.body.rows.map((r: { label: string; agreements: number }) => [r.label, r.agreements]).sort(),
    ).toEqual(
      [
        [fx.site.name, 3],
        [otherSite.name, 1],
      ].sort(),
    );
    const byAssociation = await t
      .http()
      .get(`${path}&groupBy=association&siteId=${fx.site.id}`)
      .set('authorization', fx.coordinator.auth);
    expect(
      byAssociation.body.rows.map((r: { label: string; agreements: number }) => [r.label, r.agreements]),
    ).toEqual([
      ['Seura X', 2],
      ['Seura Y', 1],
    ]);
  });

  it('is for key staff and BI tools only, and exports its table', async () => {
    expect((await t.http().get(path).set('authorization', fx.manager.auth)).status).toBe(403);
    const viewer = await userWithToken(t, { roles: ['care_viewer'] });
    expect((await t.http().get(path).set('authorization', viewer.auth)).status).toBe(403);
    const file = await t
      .http()
      .get(
        `/api/v1/reports/keys/figures/export?from=2025-06-01&to=2026-12-31&groupBy=season&format=csv&lang=en`,
      )
      .set('authorization', fx.coordinator.auth);
    expect(file.status).toBe(200);
    const lines = file.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'Season;Agreements;Draft;Awaiting signature;Active;Partly returned;Returned;Cancelled;Declined;Link expired;Overdue;Keys lent;Lost keys',
    );
    expect(lines[3]).toBe('Total;4;1;0;1;0;1;1;0;0;1;3;1');
  });
});
