import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { careFigures as referenceFigures } from '@civic/shared/care-figures-reference';
import { CARE_GROUPINGS, type FigureQuery } from '@civic/shared/care-figures';
import {
  EXPECTED_BY_MONTH,
  EXPECTED_BY_PROVIDER_KIND,
  EXPECTED_PURCHASED_IN_KALLIO,
  EXPECTED_TOTAL,
  FIXTURE,
  FIXTURE_QUERY,
  FX,
} from '@civic/shared/testing/care-figures-fixture';
import { expectFigures } from '@civic/shared/testing/expect-figures';
import { careFigures, waitingTimes } from '../src/modules/reports/service.ts';
import { binaryBody, createProvider, createTestApp, userWithToken, type TestApp } from './helpers.ts';
import { loadFiguresFixture } from './reports-fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadFiguresFixture(t);
});
afterAll(() => t.close());

// The API's query type has mutable arrays; the shared one reads them only.
const sqlFigures = (q: FigureQuery) => careFigures(t.db, q as Parameters<typeof careFigures>[1], q.asOf);

/** The SQL's answer and the reference's over the same rows, group by group. */
async function expectSameAsReference(q: FigureQuery) {
  const [got, want] = [await sqlFigures(q), referenceFigures(FIXTURE, q)];
  expect(got.total.figures, `${JSON.stringify(q)} total`).toEqual(want.total.figures);
  const byKey = (rows: { key: string; figures: unknown }[]) =>
    Object.fromEntries(rows.map((r) => [r.key, r.figures]));
  expect(byKey(got.rows), JSON.stringify(q)).toEqual(byKey(want.rows));
}

describe('care figures in SQL over the hand-computed fixture', () => {
  it('gives the hand-computed totals', async () => {
    expectFigures((await sqlFigures(FIXTURE_QUERY)).total, EXPECTED_TOTAL);
  });

  it('gives the hand-computed splits: own and purchased, months in Helsinki time, a place filter', async () => {
    const byKind = await sqlFigures({ ...FIXTURE_QUERY, groupBy: 'providerKind' });
    expect(byKind.rows.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED_BY_PROVIDER_KIND).sort());
    for (const row of byKind.rows) expectFigures(row, EXPECTED_BY_PROVIDER_KIND[row.key]!);
    const byMonth = await sqlFigures({ ...FIXTURE_QUERY, groupBy: 'month' });
    expect(byMonth.rows.map((r) => r.key)).toEqual(['2026-03', '2026-04']);
    for (const row of byMonth.rows) expectFigures(row, EXPECTED_BY_MONTH[row.key]!);
    const kallio = await sqlFigures({ ...FIXTURE_QUERY, providerKind: 'purchased', district: ['Kallio'] });
    expectFigures(kallio.total, EXPECTED_PURCHASED_IN_KALLIO);
  });

  it('agrees with the shared reference for every grouping', async () => {
    for (const groupBy of CARE_GROUPINGS) await expectSameAsReference({ ...FIXTURE_QUERY, groupBy });
  });

  it('agrees with the reference under filters, another N, other periods and other days', async () => {
    const cases: Partial<FigureQuery>[] = [
      { providerKind: 'purchased', district: ['Kallio'], groupBy: 'unit' },
      { providerKind: 'own', groupBy: 'month' },
      { providerId: [FX.provider(2), FX.provider(3)], groupBy: 'provider' },
      { unitId: [FX.unit(3)], groupBy: 'serviceType' },
      { serviceTypeId: [FX.serviceType(2)], groupBy: 'month' },
      { serviceTypeId: [FX.serviceType(1)], groupBy: 'serviceType' },
      { fillWithinDays: 7, groupBy: 'district' },
      { from: '2025-01-01', to: '2026-05-10', groupBy: 'month' },
      { from: '2026-04-15', to: '2026-05-31', groupBy: 'month' },
      { from: '2026-04-01', to: '2026-04-30', asOf: '2026-04-20', groupBy: 'serviceType' },
      { from: '2026-06-01', to: '2026-06-30', groupBy: 'month' },
      { from: '2026-03-31', to: '2026-03-31' },
    ];
    for (const c of cases) await expectSameAsReference({ ...FIXTURE_QUERY, ...c });
  });

  it('names the groups: providers and units by name, service types with their names', async () => {
    const byProvider = await sqlFigures({ ...FIXTURE_QUERY, groupBy: 'provider' });
    expect(byProvider.rows.map((r) => r.label)).toEqual([
      'Hoivayhtiö Kallio Oy',
      'Kaupungin hoiva',
      'Malmin Koti Oy',
    ]);
    const byType = await sqlFigures({ ...FIXTURE_QUERY, groupBy: 'serviceType' });
    expect(byType.rows[0]!.names).toEqual({ fi: 'fx_housing', sv: 'fx_housing', en: 'fx_housing' });
  });

  it('publishes the half-year by service type', async () => {
    const h1 = await waitingTimes(t.db, { year: 2026, half: 1 }, '2026-07-15');
    expect(h1).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    // Placed January–June through an offer: E1–E7, E16, E18 (E9 moved in without one).
    expect(h1.total.figures.placements).toEqual({ value: 9, status: 'ok', n: 9 });
    expect(Object.keys(h1.total.figures)).toEqual([
      'placements',
      'queueDaysFromDecisionMean',
      'queueDaysFromDecisionMedian',
      'queueDaysFromDecisionP90',
      'placedWithinGuarantee',
      'queueLength',
      'overdue',
    ]);
    const ref = referenceFigures(FIXTURE, {
      from: '2026-01-01',
      to: '2026-06-30',
      asOf: '2026-07-15',
      groupBy: 'serviceType',
      fillWithinDays: 14,
    });
    for (const row of h1.rows) {
      const want = ref.rows.find((r) => r.key === row.key)!;
      for (const [f, v] of Object.entries(row.figures))
        expect(v).toEqual(want.figures[f as keyof typeof want.figures]);
    }
  });
});

describe('the reporting API', () => {
  const path = '/api/v1/reports/care/figures?from=2026-03-01&to=2026-04-30';

  it('answers care staff and management, refuses providers and key staff', async () => {
    for (const role of ['admin', 'care_coordinator', 'care_viewer'] as const) {
      const { auth } = await userWithToken(t, { roles: [role] });
      const res = await t.http().get(path).set('authorization', auth);
      expect(res.status, role).toBe(200);
      expect(res.body.total.figures.occupancyRate.value).toBe(92.8);
    }
    const provider = await createProvider(t);
    const providerUser = await userWithToken(t, { roles: ['provider_admin'], providerId: provider.id });
    expect((await t.http().get(path).set('authorization', providerUser.auth)).status).toBe(403);
    const keyCoordinator = await userWithToken(t, { roles: ['key_coordinator'] });
    expect((await t.http().get(path).set('authorization', keyCoordinator.auth)).status).toBe(403);
  });

  it('serves BI tools with reports:read, and nobody else among the integration clients', async () => {
    const admin = await userWithToken(t, { roles: ['admin'] });
    const token = async (scopes: string[]) => {
      const created = await t
        .http()
        .post('/api/v1/integration-clients')
        .set('authorization', admin.auth)
        .send({ name: `BI ${scopes.join(' ')}`, scopes });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const res = await t
        .http()
        .post('/api/v1/oauth/token')
        .auth(created.body.clientId, created.body.clientSecret)
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return `Bearer ${res.body.access_token}`;
    };
    const bi = await token(['reports:read']);
    expect((await t.http().get(path).set('authorization', bi)).status).toBe(200);
    const csv = await t
      .http()
      .get(`/api/v1/reports/care/figures/export?from=2026-03-01&to=2026-04-30&format=csv&lang=en`)
      .set('authorization', bi);
    expect(csv.status).toBe(200);
    const registry = await token(['care.registry:read']);
    expect((await t.http().get(path).set('authorization', registry)).status).toBe(403);
  });

  it('keeps the splits and filters of the address, and refuses a backwards period', async () => {
    const { auth } = await userWithToken(t, { roles: ['care_viewer'] });
    const res = await t
      .http()
      .get(`${path}&groupBy=unit&providerKind=purchased&district=Kallio`)
      .set('authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { key: string }) => r.key)).toEqual([FX.unit(2)]);
    expect(res.body.total.figures.queueLength.status).toBe('not_applicable');
    const backwards = await t
      .http()
      .get('/api/v1/reports/care/figures?from=2026-05-01&to=2026-04-30')
      .set('authorization', auth);
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([{ field: '/from', message: 'after_to' }]);
  });

  it('exports the table as CSV in the language asked, suppressed cells said in words', async () => {
    const { auth } = await userWithToken(t, { roles: ['care_viewer'] });
    const res = await t
      .http()
      .get(
        `/api/v1/reports/care/figures/export?from=2026-03-01&to=2026-04-30&groupBy=providerKind&format=csv&lang=fi`,
      )
      .set('authorization', auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/care-figures-20260301-20260430\.csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Tuotantotapa;Käyttöaste %;/);
    expect(lines[0]).toContain('Täytetty 14 päivässä %');
    expect(lines[1]).toMatch(/^Kaupungin oma;88,4;suojattu \(alle 5\);/);
    // Today is long after the fixture's 10 May, so V14's 14 days have passed: 4 / 8 and 7 / 13.
    expect(lines[2]).toMatch(/^Ostopalvelu;95,5;suojattu \(alle 5\);14;40;50;;/);
    expect(lines[3]).toMatch(/^Yhteensä;92,8;133;13,5;19;53,8;6;/);
  });

  it('exports XLSX with number cells, and audits every export', async () => {
    const { auth, user } = await userWithToken(t, { roles: ['care_coordinator'] });
    const res = await t
      .http()
      .get(
        `/api/v1/reports/care/figures/export?from=2026-03-01&to=2026-04-30&groupBy=month&format=xlsx&lang=en`,
      )
      .set('authorization', auth)
      .buffer(true)
      .parse(binaryBody as never);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Care figures');
    expect(sheet.getRow(1).getCell(1).value).toBe('Month');
    expect(sheet.getRow(2).getCell(1).value).toBe('2026-03');
    expect(sheet.getRow(2).getCell(2).value).toBe(94);
    expect(sheet.getRow(4).getCell(1).value).toBe('Total');
    const audit = await t.sql<{ target_id: string; metadata: { format: string } }>(
      `SELECT target_id, metadata FROM audit_log WHERE action = 'reports.exported' AND actor_id = $1`,
      [user.id],
    );
    expect(audit).toMatchObject([{ target_id: 'care_figures', metadata: { format: 'xlsx' } }]);
  });

  it('serves the half-year publication with its export, defaulting to the last half-year ended', async () => {
    const { auth } = await userWithToken(t, { roles: ['care_viewer'] });
    const res = await t
      .http()
      .get('/api/v1/reports/care/waiting-times?year=2026&half=1')
      .set('authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.total.figures.placements.value).toBe(9);
    const current = await t.http().get('/api/v1/reports/care/waiting-times').set('authorization', auth);
    expect(current.status).toBe(200);
    expect(current.body.to < current.body.asOf).toBe(true);
    const file = await t
      .http()
      .get('/api/v1/reports/care/waiting-times/export?year=2026&half=1&format=csv&lang=sv')
      .set('authorization', auth);
    expect(file.status).toBe(200);
    expect(file.text).toContain('Tjänst;Placerade;Väntan från beslut, medeltal (d)');
    const future = await t
      .http()
      .get('/api/v1/reports/care/waiting-times?year=2099&half=1')
      .set('authorization', auth);
    expect(future.status).toBe(422);
  });
});
