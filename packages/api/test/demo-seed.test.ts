import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import { seedDemoData } from '../src/seed/demo.ts';
import { seedKeyDemo } from '../src/seed/keys-demo.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.db);
  await seedCareDemo(t.db);
  await seedKeyDemo(t.app);
});
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
