import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import { seedWholeDemo } from '../src/seed/all.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ DATABASE_POOL_SIZE: 20 });
  // What `pnpm start` seeds, by the same function.
  await seedWholeDemo(t.db, t.config);
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

describe('keys demo dates', () => {
  it('never lends a key before it was registered, nor lets anything happen before its agreement', async () => {
    const early = await t.sql(`
      SELECT a.number, k.code FROM key_agreements a
        JOIN key_agreement_keys ak ON ak.agreement_id = a.id JOIN keys k ON k.id = ak.key_id
       WHERE a.created_at < k.created_at
          OR a.created_at < (SELECT min(e.at) FROM key_events e WHERE e.key_id = k.id AND e.event = 'created')`);
    expect(early).toEqual([]);
    const outOfOrder = await t.sql(`
      SELECT a.number FROM key_agreements a
       WHERE a.signed_at < a.created_at OR a.returned_at < a.signed_at OR a.ended_at < a.created_at
          OR EXISTS (SELECT 1 FROM key_agreement_events e WHERE e.agreement_id = a.id AND e.at < a.created_at - interval '1 second')
          OR EXISTS (SELECT 1 FROM key_agreement_documents d WHERE d.agreement_id = a.id AND d.created_at < a.created_at)
          OR a.created_at < (SELECT r.created_at FROM renters r WHERE r.id = a.renter_id)
          OR a.created_at < (SELECT s.created_at FROM associations s WHERE s.id = a.association_id)`);
    expect(outOfOrder).toEqual([]);
    const [span] = await t.sql<{ oldest: number }>(
      `SELECT extract(day FROM now() - min(created_at))::int AS oldest FROM key_agreements`,
    );
    expect(span!.oldest).toBeGreaterThanOrEqual(150);
  });

  it('dates each signed PDF at its signing: the printed time, the file and its metadata agree', async () => {
    const docs = await t.sql<{
      pdf: Buffer;
      signed_at: Date;
      created_at: Date;
      language: 'fi' | 'sv' | 'en';
    }>(`
      SELECT d.pdf, a.signed_at, d.created_at, a.language FROM key_agreement_documents d
        JOIN key_agreements a ON a.id = d.agreement_id
       WHERE d.kind = 'signed_agreement'`);
    expect(docs.length).toBeGreaterThan(8);
    const old = docs.filter((d) => Date.now() - d.signed_at.getTime() > 20 * 86_400_000);
    expect(old.length).toBeGreaterThan(4);
    for (const d of docs) {
      expect(Math.abs(d.created_at.getTime() - d.signed_at.getTime())).toBeLessThan(60_000);
      const pdf = await getDocumentProxy(new Uint8Array(d.pdf));
      const { text } = await extractText(pdf, { mergePages: true });
      const printed = new Intl.DateTimeFormat(d.language === 'en' ? 'en-GB' : `${d.language}-FI`, {
        timeZone: 'Europe/Helsinki',
        dateStyle: 'medium',
      }).format(d.signed_at);
      expect(text, `signed ${d.signed_at.toISOString()}`).toContain(printed);
      const { info } = (await pdf.getMetadata()) as { info: { CreationDate?: string } };
      // PDF dates read D:YYYYMMDDHHmmSS…, in UTC here.
      const created = info.CreationDate?.slice(2, 10);
      expect(created).toBe(d.signed_at.toISOString().slice(0, 10).replaceAll('-', ''));
    }
  });
});

describe('care demo data', () => {
  it('names, addresses and districts agree; companies are purchased, the city owns its own', async () => {
    const units = await t.sql<{
      name: string;
      address: string;
      district: string;
      kind: string;
      provider: string;
    }>(`
      SELECT u.name, u.address, u.district, p.kind::text AS kind, p.name AS provider
        FROM care_units u JOIN providers p ON p.id = u.provider_id`);
    for (const u of units) {
      if (u.kind === 'purchased') expect(u.name.endsWith(` ${u.district}`), u.name).toBe(true);
      else expect(u.name, u.name).toMatch(/(seniorikeskus|palvelutalo)$/);
      expect(u.address, u.name).toMatch(/^[A-ZÅÄÖ][\wåäöé. -]+ \d+, 00\d{3} Helsinki$/);
    }
    expect(units.find((u) => u.name === 'Kotikallio Käpylä')).toMatchObject({ district: 'Käpylä' });
    const providers = await t.sql<{ name: string; kind: string }>(
      `SELECT name, kind::text AS kind FROM providers`,
    );
    for (const p of providers) {
      expect(p.kind, p.name).toBe(/\bOy\b/.test(p.name) ? 'purchased' : 'own');
    }
    expect(providers.filter((p) => p.kind === 'own')).toHaveLength(1);
  });

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
