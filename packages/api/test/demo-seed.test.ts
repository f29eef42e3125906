import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import { seedDemoData } from '../src/seed/demo.ts';
import { seedKeyDemo } from '../src/seed/keys-demo.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { seedQueueDemo } from '../src/seed/queue-demo.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ DATABASE_POOL_SIZE: 20 });
  await seedDemoData(t.db);
  await seedCareDemo(t.db);
  await seedKeyDemo(t.app);
  await seedQueueDemo(t.app);
}, 300_000);
afterAll(() => t.close());

describe('demo data', () => {
  it('shows every key agreement status, overdue and due-soon ones, and a lost key', async () => {
    const states = await t.sql<{ state: string }>(`SELECT DISTINCT state FROM key_agreements ORDER BY state`);
    expect(states.map((s) => s.state).sort()).toEqual([...KEY_AGREEMENT_STATES].sort());
    const [counts] = await t.sql<{ overdue: number; due_soon: number; lost: number; docs: number }>(`
      SELECT count(*) FILTER (WHERE state IN ('active','partially_returned') AND expected_return_date < current_date)::int AS overdue,
             count(*) FILTER (WHERE state IN ('active','partially_returned') AND expected_return_date BETWEEN current_date AND current_date + 7)::int AS due_soon,
             (SELECT count(*)::int FROM keys WHERE status = 'lost') AS lost,
             (SELECT count(*)::int FROM key_agreement_documents) AS docs
        FROM key_agreements`);
    expect(counts!.overdue).toBeGreaterThanOrEqual(2);
    expect(counts!.due_soon).toBeGreaterThanOrEqual(2);
    expect(counts!.lost).toBe(1);
    expect(counts!.docs).toBeGreaterThan(10);
    // Every agreement's keys agree with the ledger: a key is lent exactly when an agreement holds it.
    const mismatched = await t.sql(`
      SELECT k.code FROM keys k
       WHERE (k.status = 'lent') <> EXISTS (SELECT 1 FROM key_agreement_keys ak WHERE ak.key_id = k.id AND ak.holding)`);
    expect(mismatched).toEqual([]);
  });
});

describe('care demo data', () => {
  it('holds a realistic registry whose figures add up and match the open vacancies', async () => {
    const [c] = await t.sql<{
      providers: number;
      units: number;
      places: number;
      open: number;
      ages: number;
    }>(`
      SELECT (SELECT count(*)::int FROM providers) AS providers,
             (SELECT count(*)::int FROM care_units) AS units,
             (SELECT sum(max_capacity)::int FROM care_capacity) AS places,
             (SELECT count(*)::int FROM vacancies WHERE status = 'open') AS open,
             (SELECT count(DISTINCT available_from)::int FROM vacancies WHERE status = 'open') AS ages`);
    expect(c!.providers).toBe(40);
    expect(c!.units).toBe(150);
    expect(c!.places).toBeGreaterThan(4500);
    expect(c!.places).toBeLessThan(5500);
    expect(c!.open).toBeGreaterThanOrEqual(24);
    expect(c!.ages).toBeGreaterThan(10);
    const mismatched = await t.sql(`
      SELECT c.unit_id FROM care_capacity c
       WHERE c.vacant_accepting <> (SELECT count(*) FROM vacancies v WHERE v.unit_id = c.unit_id AND v.service_type_id = c.service_type_id AND v.status = 'open')`);
    expect(mismatched).toEqual([]);
  });
});

describe('queue demo data', () => {
  it('has about 800 waiting clients in every state, consistent with the registry', async () => {
    const [q] = await t.sql<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM queue_entries WHERE status IN ('queued', 'offered', 'interim')) AS waiting,
             (SELECT count(*)::int FROM queue_entries WHERE status = 'interim') AS interim,
             (SELECT count(*)::int FROM queue_entries WHERE status = 'placed') AS placed,
             (SELECT count(*)::int FROM queue_entries WHERE status IN ('withdrawn', 'deceased', 'placed_elsewhere')) AS closed,
             (SELECT count(*)::int FROM care_clients WHERE spouse_client_id IS NOT NULL AND place_together) AS in_couples,
             (SELECT count(*)::int FROM queue_entries WHERE status IN ('queued', 'offered', 'interim') AND decision_date < current_date - interval '3 months') AS overdue,
             (SELECT count(*)::int FROM queue_entries WHERE status IN ('queued', 'offered', 'interim') AND decision_date BETWEEN current_date - 89 AND current_date - 60) AS near,
             (SELECT count(*)::int FROM queue_entries e JOIN client_waiting_periods w ON w.client_id = e.client_id AND w.until IS NULL
               WHERE e.status IN ('queued', 'offered', 'interim') AND w.setting = 'hospital' AND e.ready_date < current_date) AS hospital_after_ready,
             (SELECT count(*)::int FROM placement_offers WHERE status IN ('proposed', 'provider_confirmed', 'accepted')) AS live_offers,
             (SELECT count(*)::int FROM placement_offers WHERE status = 'expired') AS lapsed`);
    expect(q!.waiting).toBeGreaterThanOrEqual(750);
    expect(q!.waiting).toBeLessThanOrEqual(820);
    expect(q!.interim).toBe(15);
    expect(q!.placed).toBeGreaterThan(50);
    expect(q!.closed).toBeGreaterThan(10);
    expect(q!.in_couples).toBe(20);
    expect(q!.overdue).toBeGreaterThan(50);
    expect(q!.near).toBeGreaterThan(50);
    expect(q!.hospital_after_ready).toBeGreaterThan(100);
    expect(q!.live_offers).toBeGreaterThanOrEqual(8);
    expect(q!.lapsed).toBeGreaterThanOrEqual(1);
    // Every live offer holds its vacancy, and the figures still match the vacancies.
    expect(
      await t.sql(`SELECT o.id FROM placement_offers o JOIN vacancies v ON v.id = o.vacancy_id
                    WHERE o.status IN ('proposed', 'provider_confirmed', 'accepted') AND v.status <> 'offered'`),
    ).toEqual([]);
    expect(
      await t.sql(`SELECT c.unit_id FROM care_capacity c
        WHERE c.vacant_accepting <> (SELECT count(*) FROM vacancies v WHERE v.unit_id = c.unit_id AND v.service_type_id = c.service_type_id AND v.status = 'open')
           OR c.reserved < (SELECT count(*) FROM vacancies v WHERE v.unit_id = c.unit_id AND v.service_type_id = c.service_type_id AND v.status = 'offered')`),
    ).toEqual([]);
    // Each client waits in exactly one place now; entries' states agree with their offers.
    expect(
      await t.sql(
        `SELECT id FROM care_clients c WHERE (SELECT count(*) FROM client_waiting_periods w WHERE w.client_id = c.id AND w.until IS NULL) > 1`,
      ),
    ).toEqual([]);
    expect(
      await t.sql(`SELECT e.id FROM queue_entries e WHERE (e.status = 'offered') <> EXISTS (
        SELECT 1 FROM placement_offers o WHERE o.entry_id = e.id AND o.status IN ('proposed', 'provider_confirmed', 'accepted'))`),
    ).toEqual([]);
    // The demo provider has offers to answer.
    const [own] = await t.sql<{
      n: number;
    }>(`SELECT count(*)::int AS n FROM placement_offers o JOIN vacancies v ON v.id = o.vacancy_id
      JOIN care_units u ON u.id = v.unit_id JOIN providers p ON p.id = u.provider_id
      WHERE p.name = 'Hoivakoti Kotikallio Oy' AND o.status IN ('proposed', 'provider_confirmed', 'accepted')`);
    expect(own!.n).toBeGreaterThanOrEqual(3);
  });
});
