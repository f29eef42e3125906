import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import { seedDemoData } from '../src/seed/demo.ts';
import { seedKeyDemo } from '../src/seed/keys-demo.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.db);
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
