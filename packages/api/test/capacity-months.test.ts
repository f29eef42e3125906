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
 * capacity_months (migration 0015) is a roll-up of capacity_days kept by a trigger: whatever
 * writes the history (one change at a time, backdated, the same day again, many writers at once,
 * rolled back, or a bulk rebuild) it must equal the months summed straight from the ranges.
 */
let t: TestApp;

/** The months as capacity_days gives them, and as capacity_months holds them (days > 0). */
const DIRECT = `
  SELECT unit_id::text, service_type_id::text, m::date::text AS month, sum(d)::int AS days,
         sum(d * occupied)::bigint::text AS occupied_days, sum(d * max_capacity)::bigint::text AS place_days
    FROM (SELECT x.*, m, least(x.until, (m + interval '1 month')::date) - greatest(x.day, m::date) AS d
            FROM capacity_days x,
                 generate_series(date_trunc('month', x.day::timestamp), date_trunc('month', (x.until - 1)::timestamp), interval '1 month') m
           WHERE x.until IS NOT NULL) y
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const ROLLED = `
  SELECT unit_id::text, service_type_id::text, month::text, days, occupied_days::text, place_days::text
    FROM capacity_months WHERE days <> 0 ORDER BY 1, 2, 3`;

async function expectRollUpEqualsDirect() {
  const [direct, rolled] = [await t.sql(DIRECT), await t.sql(ROLLED)];
  expect(direct.length).toBeGreaterThan(0);
  expect(rolled).toEqual(direct);
  // No month row was ever driven below zero by a change applied twice or in the wrong order.
  expect(
    await t.sql(`SELECT * FROM capacity_months WHERE days < 0 OR occupied_days < 0 OR place_days < 0`),
  ).toEqual([]);
}

const units = () =>
  t.sql<{ unit_id: string; service_type_id: string; max_capacity: number }>(
    `SELECT unit_id, service_type_id, max_capacity FROM care_capacity WHERE max_capacity > 0 ORDER BY 1, 2 LIMIT 6`,
  );

/** One capacity change through the history's own trigger, on the test's pool or a client of its own. */
async function change(
  c: pg.ClientBase | TestApp,
  u: { unit_id: string; service_type_id: string },
  at: string,
  occupied: number,
) {
  const text = `INSERT INTO capacity_history (unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions, actor_label)
     VALUES ($1, $2, $3, 'update', 10 + $4 % 3, $4, 0, 0, false, 'roll-up test')`;
  const params = [u.unit_id, u.service_type_id, at, occupied];
  if ('sql' in c) await c.sql(text, params);
  else await c.query(text, params);
}

beforeAll(async () => {
  t = await createTestApp();
  await seedCareDemo(t.db);
  await t.sql(`INSERT INTO users (username, password_hash, display_name, email, roles)
               VALUES ('history', 'x', 'History', 'h@example.test', '{admin}')`);
}, 120_000);
afterAll(() => t.close());

describe('capacity_months', () => {
  it(
    'equals the ranges summed by month after a bulk load of history (rebuilt in one go)',
    { timeout: 120_000 },
    async () => {
      await withConnection(t, (client) =>
        generateHistory(client, {
          years: 1,
          placements: 200,
          offers: 600,
          capacityChanges: 3_000,
          waiting: 30,
          closed: 30,
          keyAgreements: 0,
        }),
      );
      await expectRollUpEqualsDirect();
    },
  );

  it('stays equal under single changes: same day again, backdated, across month ends, years later', async () => {
    const [a, b] = await units();
    const base = new Date(Date.now() + 40 * 86_400_000);
    const day = (n: number, h = 10) =>
      new Date(base.getTime() + n * 86_400_000 + h * 3_600_000).toISOString();
    await change(t, a!, day(0), 1);
    await change(t, a!, day(0, 12), 2); // the same day: the open range changes in place
    await change(t, a!, day(3), 3);
    await change(t, a!, day(2), 4); // stamped before the last: counts on its day
    await change(t, b!, day(1), 5);
    await change(t, b!, day(75), 6); // a range over two or three month ends
    await change(t, b!, day(800), 7); // and over years
    await change(t, a!, day(31), 8);
    await expectRollUpEqualsDirect();
  });

  it('stays equal with many writers at once, some of them rolled back', { timeout: 60_000 }, async () => {
    const us = await units();
    const base = Date.now() + 900 * 86_400_000;
    await concurrentWriters(t, { writers: 6, rounds: 25, rollBack: (i) => i % 5 === 4 }, async (c, w, i) => {
      // Two units a transaction, several writers on each unit, each unit's figures locked
      // first as the API does (lockCapacity), in one order.
      const [j, k] = [(w + i) % us.length, (w + i + 1) % us.length].sort((x, y) => x - y) as [number, number];
      for (const u of [us[j]!, us[k]!])
        await c.query(`SELECT 1 FROM care_capacity WHERE unit_id = $1 AND service_type_id = $2 FOR UPDATE`, [
          u.unit_id,
          u.service_type_id,
        ]);
      const at = new Date(base + (i * 6 + w) * 86_400_000 * (1 + (i % 4) * 3)).toISOString();
      await change(c, us[j]!, at, (w * 7 + i) % 10);
      await change(c, us[k]!, at, (w + i) % 9);
    });
    await expectRollUpEqualsDirect();
  });

  it('is rebuilt whole by rebuild_capacity_days and emptied with capacity_days', async () => {
    await t.sql(`UPDATE capacity_months SET days = days + 1`); // spoilt, then rebuilt
    await t.sql(`SELECT rebuild_capacity_days()`);
    await expectRollUpEqualsDirect();
    // The rebuild's switch is its own: later writes in the same session are summed again.
    const [u] = await units();
    await change(t, u!, new Date(Date.now() + 3000 * 86_400_000).toISOString(), 3);
    await change(t, u!, new Date(Date.now() + 3040 * 86_400_000).toISOString(), 4);
    await expectRollUpEqualsDirect();
    await inRolledBackTransaction(t, async (client) => {
      await client.query('TRUNCATE capacity_days');
      expect((await client.query(`SELECT count(*)::int AS n FROM capacity_months`)).rows[0].n).toBe(0);
    });
  });
});
