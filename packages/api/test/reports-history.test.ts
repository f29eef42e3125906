import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { careFigures as referenceFigures, type FigureData } from '@civic/shared/care-figures-reference';
import { CARE_GROUPINGS, type FigureQuery } from '@civic/shared/care-figures';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import { addMonths } from '@civic/shared/dates';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { generateHistory } from '../src/seed/history.ts';
import { careFigures } from '../src/modules/reports/service.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let data: FigureData;

/** The history as plain records, for the reference implementation. */
async function records(): Promise<FigureData> {
  const rows = <T extends pg.QueryResultRow>(text: string) => t.sql<T>(text);
  return {
    units: await rows(`SELECT u.id, u.provider_id AS "providerId", p.kind AS "providerKind", u.district
                         FROM care_units u JOIN providers p ON p.id = u.provider_id`),
    capacityChanges: (
      await rows<{
        seq: string;
        at: Date;
      }>(`SELECT unit_id AS "unitId", service_type_id AS "serviceTypeId", at, seq,
                         max_capacity AS "maxCapacity", occupied FROM capacity_history`)
    ).map((r) => ({ ...r, at: r.at.toISOString(), seq: Number(r.seq) })) as FigureData['capacityChanges'],
    vacancies: (
      await rows<{
        reportedAt: Date;
        statusChangedAt: Date;
      }>(`SELECT id, unit_id AS "unitId", service_type_id AS "serviceTypeId",
                         available_from::text AS "availableFrom", reported_at AS "reportedAt", status,
                         status_changed_at AS "statusChangedAt" FROM vacancies`)
    ).map((r) => ({
      ...r,
      reportedAt: r.reportedAt.toISOString(),
      statusChangedAt: r.statusChangedAt.toISOString(),
    })) as FigureData['vacancies'],
    offers: (
      await rows<{
        offeredAt: Date;
      }>(`SELECT id, vacancy_id AS "vacancyId", entry_id AS "entryId", client_id AS "clientId",
                         status, interim, offered_at AS "offeredAt", moved_in_on::text AS "movedInOn" FROM placement_offers`)
    ).map((r) => ({ ...r, offeredAt: r.offeredAt.toISOString() })) as FigureData['offers'],
    entries: (
      await rows<{ createdAt: Date }>(`SELECT id, client_id AS "clientId", service_type_id AS "serviceTypeId",
                         decision_date::text AS "decisionDate", ready_date::text AS "readyDate", urgency,
                         only_preferred_units AS "onlyPreferredUnits", clock_restarted_on::text AS "clockRestartedOn",
                         status, ended_on::text AS "endedOn", created_at AS "createdAt" FROM queue_entries`)
    ).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) as FigureData['entries'],
    waitingPeriods: await rows(
      `SELECT client_id AS "clientId", setting, since::text, until::text FROM client_waiting_periods`,
    ),
    prices: (
      await rows<{
        dailyPrice: string;
      }>(`SELECT setting, valid_from::text AS "validFrom", daily_price AS "dailyPrice"
                                            FROM waiting_setting_prices`)
    ).map((r) => ({ ...r, dailyPrice: Number(r.dailyPrice) })) as FigureData['prices'],
  };
}

beforeAll(async () => {
  t = await createTestApp();
  await seedCareDemo(t.db);
  const client = new pg.Client({ connectionString: t.config.DATABASE_URL });
  await client.connect();
  await client.query(`INSERT INTO users (username, password_hash, display_name, email, roles)
                      VALUES ('history', 'x', 'History', 'h@example.test', '{admin}')`);
  await generateHistory(client, {
    years: 1,
    placements: 400,
    offers: 1_200,
    capacityChanges: 4_000,
    waiting: 60,
    closed: 60,
    keyAgreements: 300,
  });
  await client.end();
  data = await records();
}, 120_000);
afterAll(() => t.close());

describe('generated history', () => {
  it('has what was asked for', () => {
    expect(data.offers).toHaveLength(1_200);
    expect(data.offers.filter((o) => o.status === 'moved_in')).toHaveLength(400);
    expect(data.capacityChanges.length).toBeGreaterThanOrEqual(4_000);
  });

  it(
    'gives the same figures in SQL as the reference, for every grouping and by month',
    { timeout: 120_000 },
    async () => {
      const today = helsinkiToday();
      const base: FigureQuery = {
        from: addDays(today, -300),
        to: today,
        asOf: today,
        groupBy: 'total',
        fillWithinDays: 14,
      };
      for (const q of [
        ...CARE_GROUPINGS.map((groupBy) => ({ ...base, groupBy })),
        { ...base, groupBy: 'unit' as const, providerKind: 'purchased' as const },
        { ...base, from: addDays(today, -90), to: addDays(today, -30), groupBy: 'month' as const },
        // Whole months only (occupancy from capacity_months alone), and none whole (ranges alone).
        ...(['month', 'total', 'unit'] as const).map((groupBy) => ({
          ...base,
          from: `${addMonths(today, -7).slice(0, 8)}01`,
          to: addDays(`${addMonths(today, -1).slice(0, 8)}01`, -1),
          groupBy,
        })),
        { ...base, from: addDays(today, -40), to: addDays(today, -33), groupBy: 'month' as const },
        { ...base, from: addDays(today, -400), to: addDays(today, -2), groupBy: 'district' as const },
      ]) {
        const got = await careFigures(t.db, q as Parameters<typeof careFigures>[1], q.asOf);
        const want = referenceFigures(data, q);
        expect(got.total.figures, `${q.groupBy} total`).toEqual(want.total.figures);
        expect(Object.fromEntries(got.rows.map((r) => [r.key, r.figures])), q.groupBy).toEqual(
          Object.fromEntries(want.rows.map((r) => [r.key, r.figures])),
        );
      }
    },
  );
});
