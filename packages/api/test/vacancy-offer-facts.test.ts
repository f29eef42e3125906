import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { generateHistory } from '../src/seed/history.ts';
import {
  concurrentWriters,
  createTestApp,
  inRolledBackTransaction,
  withConnection,
  type TestApp,
} from './helpers.ts';

/**
 * vacancy_offer_facts (migration 0017) keeps each vacancy's first offer time and move-in day for
 * the vacancy figures. However the offers are written (in bulk, one at a time, changed, deleted,
 * by several writers at once, rolled back), it must equal what the offers themselves give.
 */
let t: TestApp;

const DIRECT = `
  SELECT vacancy_id::text, min(offered_at)::text AS first_offered_at,
         (min(moved_in_on) FILTER (WHERE status = 'moved_in'))::text AS moved_in_on
    FROM placement_offers GROUP BY 1 ORDER BY 1`;
const KEPT = `
  SELECT vacancy_id::text, first_offered_at::text, moved_in_on::text
    FROM vacancy_offer_facts WHERE first_offered_at IS NOT NULL OR moved_in_on IS NOT NULL ORDER BY 1`;

async function expectFactsEqualOffers() {
  const [direct, kept] = [await t.sql(DIRECT), await t.sql(KEPT)];
  expect(direct.length).toBeGreaterThan(0);
  expect(kept).toEqual(direct);
}

/** A vacancy and a waiting entry with nothing live, to offer one to the other. */
async function pair(i: number) {
  const [v] = await t.sql<{ id: string; unit_id: string; service_type_id: string }>(
    `INSERT INTO vacancies (unit_id, service_type_id, available_from, status)
     SELECT unit_id, service_type_id, current_date + $1::int, 'open' FROM care_capacity WHERE max_capacity > 0
      ORDER BY 1, 2 LIMIT 1 RETURNING id, unit_id, service_type_id`,
    [i],
  );
  const [e] = await t.sql<{ id: string; client_id: string }>(
    `SELECT e.id, e.client_id FROM queue_entries e
      WHERE NOT EXISTS (SELECT 1 FROM placement_offers o WHERE o.entry_id = e.id)
      ORDER BY e.id OFFSET $1 LIMIT 1`,
    [i],
  );
  return { vacancy: v!.id, entry: e!.id, client: e!.client_id };
}

const offer = (
  c: pg.ClientBase | TestApp,
  p: { vacancy: string; entry: string; client: string },
  at: string,
  status = 'provider_declined',
) => {
  const text = `INSERT INTO placement_offers (group_id, vacancy_id, entry_id, client_id, status, intended_move_in, offered_at, response_due_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, current_date, $5, $5::timestamptz + interval '2 days') RETURNING id`;
  const params = [p.vacancy, p.entry, p.client, status, at];
  return 'sql' in c ? c.sql<{ id: string }>(text, params) : c.query(text, params).then((r) => r.rows);
};

beforeAll(async () => {
  t = await createTestApp();
  await seedCareDemo(t.db);
  await t.sql(`INSERT INTO users (username, password_hash, display_name, email, roles)
               VALUES ('history', 'x', 'History', 'h@example.test', '{admin}')`);
  await withConnection(t, (client) =>
    generateHistory(client, {
      years: 1,
      placements: 200,
      offers: 600,
      capacityChanges: 300,
      waiting: 60,
      closed: 30,
      keyAgreements: 0,
    }),
  );
}, 120_000);
afterAll(() => t.close());

describe('vacancy_offer_facts', () => {
  it('equals the offers after a bulk load of history', async () => {
    await expectFactsEqualOffers();
  });

  it('follows single offers: an earlier one, a move-in, a change back, a removal', async () => {
    const p = await pair(0);
    const [late] = await offer(t, p, '2030-01-10T10:00:00Z');
    await expectFactsEqualOffers();
    const [early] = await offer(t, p, '2030-01-05T10:00:00Z', 'client_declined');
    await expectFactsEqualOffers();
    await t.sql(`UPDATE placement_offers SET status = 'moved_in', moved_in_on = '2030-01-20' WHERE id = $1`, [
      late!.id,
    ]);
    await expectFactsEqualOffers();
    expect(
      await t.sql(`SELECT moved_in_on::text FROM vacancy_offer_facts WHERE vacancy_id = $1`, [p.vacancy]),
    ).toEqual([{ moved_in_on: '2030-01-20' }]);
    await t.sql(`UPDATE placement_offers SET status = 'cancelled', moved_in_on = NULL WHERE id = $1`, [
      late!.id,
    ]);
    await expectFactsEqualOffers();
    await t.sql(`DELETE FROM placement_offer_events WHERE offer_id = $1`, [early!.id]);
    await t.sql(`DELETE FROM placement_offers WHERE id = $1`, [early!.id]);
    await expectFactsEqualOffers();
    expect(
      await t.sql(`SELECT first_offered_at::text FROM vacancy_offer_facts WHERE vacancy_id = $1`, [
        p.vacancy,
      ]),
    ).toEqual(
      await t.sql(
        `SELECT min(offered_at)::text AS first_offered_at FROM placement_offers WHERE vacancy_id = $1`,
        [p.vacancy],
      ),
    );
  });

  it(
    'stays equal with several writers on one vacancy at once, some rolled back',
    { timeout: 60_000 },
    async () => {
      const p = await pair(1);
      await concurrentWriters(
        t,
        { writers: 6, rounds: 10, rollBack: (i) => i % 4 === 3 },
        async (c, w, i) => {
          // Each round earlier than the last, the writers of a round in a shuffled order: the
          // minimum changes in every round, among offers written at the same time.
          const hours = -i * 100 + ((w + i * 5) % 6) * 3;
          await offer(c, p, new Date(Date.UTC(2031, 0, 1) + hours * 3_600_000).toISOString());
          // Held open a moment, so a writer's minimum depends on rows others commit meanwhile.
          await c.query('SELECT pg_sleep(0.02)');
        },
      );
      await expectFactsEqualOffers();
    },
  );

  it('is emptied with the offers', async () => {
    await inRolledBackTransaction(t, async (client) => {
      await client.query('TRUNCATE placement_offers, placement_offer_events');
      expect((await client.query(`SELECT count(*)::int AS n FROM vacancy_offer_facts`)).rows[0].n).toBe(0);
    });
  });
});
