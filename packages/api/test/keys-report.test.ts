import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import {
  TEST_SIGNATURE,
  createSite,
  createTestApp,
  keyFixture,
  binaryBody,
  newAgreementBody,
  userWithToken,
  type TestApp,
} from './helpers.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof keyFixture>>;
let otherSite: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  f = await keyFixture(
    t,
    Array.from({ length: 12 }, (_, i) => `R${100 + i}`),
  );
  otherSite = await createSite(t);
  await t.sql(`INSERT INTO keys (site_id, code, opens) VALUES ($1, 'Z1', 'Hall')`, [otherSite.id]);
  const [z1] = await t.sql<{ id: string }>(`SELECT id FROM keys WHERE code = 'Z1'`);
  const coordinator = f.coordinator.auth;
  // 12 agreements at the fixture site: 6 active (2 overdue, 1 due soon), 3 returned (1 with a lost key), 3 drafts.
  for (let i = 0; i < 12; i++) {
    const res = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', coordinator)
      .send(
        newAgreementBody(f.site.id, [f.keys[i]!.id], {
          name: `Renter ${String(i).padStart(2, '0')}`,
          email: `r${i}@example.test`,
          phone: '0401234567',
        }),
      );
    expect(res.status).toBe(201);
    if (i < 9) {
      await t
        .http()
        .post(`/api/v1/key-agreements/${res.body.id}/sign`)
        .set('authorization', coordinator)
        .send({
          confirmedName: `Renter ${String(i).padStart(2, '0')}`,
          accepted: true,
          signature: TEST_SIGNATURE,
        });
    }
    if (i >= 6 && i < 9) {
      await t
        .http()
        .post(`/api/v1/key-agreements/${res.body.id}/return`)
        .set('authorization', coordinator)
        .send(
          i === 8
            ? { returnedKeyIds: [], lostKeys: [{ keyId: f.keys[i]!.id, note: 'lost' }] }
            : { returnedKeyIds: [f.keys[i]!.id], lostKeys: [] },
        );
    }
    if (i < 2)
      await t.sql(`UPDATE key_agreements SET expected_return_date = current_date - 3 WHERE id = $1`, [
        res.body.id,
      ]);
    if (i === 2)
      await t.sql(`UPDATE key_agreements SET expected_return_date = current_date + 2 WHERE id = $1`, [
        res.body.id,
      ]);
  }
  const other = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', coordinator)
    .send(newAgreementBody(otherSite.id, [z1!.id]));
  expect(other.status).toBe(201);
});
afterAll(() => t.close());

const report = (query: Record<string, unknown>) =>
  t.http().get('/api/v1/key-agreements').query(query).set('authorization', f.coordinator.auth);

describe('coordinator report', () => {
  it('filters by site and counts by status', async () => {
    const res = await report({ siteId: [f.site.id] });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(12);
    expect(res.body.summary).toEqual({
      byState: { active: 6, returned: 3, draft: 3 },
      keysOut: 9, // drafts hold their keys too
      overdue: 2,
      dueSoon: 1,
      withLostKeys: 1,
    });
    const both = await report({ siteId: [f.site.id, otherSite.id] });
    expect(both.body.total).toBe(13);
  });

  it('pages on the server with a stable order and no row twice', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await report({ siteId: [f.site.id], page, pageSize: 5, sort: 'renter', order: 'asc' });
      expect(res.body.page).toBe(page);
      seen.push(...res.body.items.map((r: { renter: string }) => r.renter));
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `Renter ${String(i).padStart(2, '0')}`));
  });

  it('filters overdue, due soon, lost, status, search and date range', async () => {
    expect(
      (await report({ due: 'overdue' })).body.items.map((r: { renter: string }) => r.renter).sort(),
    ).toEqual(['Renter 00', 'Renter 01']);
    const dueSoon = await report({ due: 'due_soon' });
    expect(
      dueSoon.body.items.map((r: { renter: string; dueStatus: string }) => [r.renter, r.dueStatus]),
    ).toEqual([['Renter 02', 'due_soon']]);
    expect((await report({ lost: true })).body.items.map((r: { renter: string }) => r.renter)).toEqual([
      'Renter 08',
    ]);
    expect((await report({ state: ['draft'], siteId: [f.site.id] })).body.total).toBe(3);
    expect((await report({ q: 'renter 05' })).body.items[0].keys).toEqual([{ code: 'R105', state: 'out' }]);
    expect((await report({ q: 'r105' })).body.total).toBe(1);
    expect((await report({ from: '2000-01-01', to: '2000-12-31' })).body.total).toBe(0);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    expect((await report({ from: today, to: today })).body.total).toBe(13);
  });

  it('refuses bad filters with the field named', async () => {
    const res = await report({ state: ['lent'], pageSize: 1000 });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/pageSize', '/state/0']);
  });

  it('exports exactly the filtered rows as CSV and XLSX, and audits each export', async () => {
    const csv = await t
      .http()
      .get('/api/v1/key-agreements/export')
      .query({ format: 'csv', due: 'overdue', lang: 'fi', sort: 'renter', order: 'asc' })
      .set('authorization', f.coordinator.auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="key-agreements-\d{8}\.csv"/);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual([
      'Sopimus',
      'Tila',
      'Sopimuspäivä',
      'Allekirjoitettu',
      'Palautettava',
      'Palautus',
      'Kohde',
      'Kohdevastaava',
      'Vuokralainen',
      'Seura/yhteisö',
      'Avaintunnukset',
      'Avainten tila',
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[5], r[8], r[10]])).toEqual([
      ['Voimassa', 'Myöhässä', 'Renter 00', 'R100'],
      ['Voimassa', 'Myöhässä', 'Renter 01', 'R101'],
    ]);

    const xlsx = await t
      .http()
      .get('/api/v1/key-agreements/export')
      .query({ format: 'xlsx', siteId: [f.site.id], lang: 'en' })
      .set('authorization', f.coordinator.auth)
      .buffer(true)
      .parse(binaryBody as never);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Key agreements')!;
    expect(sheet.rowCount).toBe(13);
    expect(sheet.getRow(1).getCell(9).value).toBe('Renter');

    const audits = await t.sql<{ metadata: { format: string; rows: number } }>(
      `SELECT metadata FROM audit_log WHERE action = 'key_agreement.exported' ORDER BY seq`,
    );
    expect(audits.map((a) => [a.metadata.format, a.metadata.rows])).toEqual([
      ['csv', 2],
      ['xlsx', 12],
    ]);
  });

  it('writes Helsinki dates and times, and real date cells in XLSX', async () => {
    // An evening in October: 18:18 UTC is 21:18 in Helsinki (summer time), the next day's date late at night.
    const [row] = await t.sql<{ id: string; number: string }>(
      `UPDATE key_agreements SET created_at = '2026-10-22T18:18:41.874Z', signed_at = '2026-10-22T21:30:00Z'
       WHERE id = (SELECT id FROM key_agreements WHERE site_id = $1 ORDER BY number LIMIT 1) RETURNING id, number`,
      [f.site.id],
    );
    const csv = await t
      .http()
      .get('/api/v1/key-agreements/export')
      .query({ format: 'csv', q: row!.number, lang: 'fi' })
      .set('authorization', f.coordinator.auth);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[1]!.slice(2, 5)).toEqual([
      '2026-10-22 21:18',
      '2026-10-23 00:30',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    expect(csv.text).not.toMatch(/T\d{2}:\d{2}:\d{2}/);

    const xlsx = await t
      .http()
      .get('/api/v1/key-agreements/export')
      .query({ format: 'xlsx', q: row!.number, lang: 'fi' })
      .set('authorization', f.coordinator.auth)
      .buffer(true)
      .parse(binaryBody as never);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Avainsopimukset')!;
    const created = sheet.getRow(2).getCell(3);
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    expect((created.value as Date).toISOString()).toBe('2026-10-22T21:18:00.000Z');
    expect(created.numFmt).toBe('d.m.yyyy h:mm');
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date('2026-10-23T00:30:00Z'));
    expect(sheet.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Date);
  });
});

describe('key inventory', () => {
  it('imports keys from CSV all or nothing, with a per-row error report', async () => {
    const site = await createSite(t);
    const url = `/api/v1/sites/${site.id}/keys/import`;
    const bad = 'code;opens;key_set\nA100;Main door;Set 1\nbad code!;Gym;\nA100;Gym;\nA101;;\n';
    const res = await t
      .http()
      .post(url)
      .set('authorization', f.coordinator.auth)
      .set('content-type', 'text/csv')
      .send(bad);
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([
      { line: 3, field: 'code', message: 'invalid_format' },
      { line: 4, field: 'code', message: 'duplicate_of_line_2' },
      { line: 5, field: 'opens', message: 'required' },
    ]);
    expect(await t.sql(`SELECT 1 FROM keys WHERE site_id = $1`, [site.id])).toHaveLength(0);

    const good = '\uFEFFcode,opens,key_set\na100,Main door,Set 1\nA101,Gym,Set 1\nA102,Storage,\n';
    const ok = await t
      .http()
      .post(url)
      .set('authorization', f.coordinator.auth)
      .set('content-type', 'text/csv')
      .send(good);
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ created: 3 });
    const keys = await t.http().get(`/api/v1/sites/${site.id}/keys`).set('authorization', f.coordinator.auth);
    expect(keys.body.map((k: { code: string; keySet: string | null }) => [k.code, k.keySet])).toEqual([
      ['A100', 'Set 1'],
      ['A101', 'Set 1'],
      ['A102', null],
    ]);
    // Importing the same codes again is refused as a whole.
    const again = await t
      .http()
      .post(url)
      .set('authorization', f.coordinator.auth)
      .set('content-type', 'text/csv')
      .send(good);
    expect(again.status).toBe(422);
    expect(again.body.rows.every((r: { message: string }) => r.message === 'already_exists')).toBe(true);
  });

  it('refuses a file that is not CSV at all', async () => {
    const site = await createSite(t);
    const res = await t
      .http()
      .post(`/api/v1/sites/${site.id}/keys/import`)
      .set('authorization', f.coordinator.auth)
      .set('content-type', 'text/csv')
      .send('code;opens\n"A1;unterminated quote\n');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: '/file', message: 'invalid_csv' }]);
    expect(await t.sql(`SELECT 1 FROM keys WHERE site_id = $1`, [site.id])).toHaveLength(0);
  });

  it('retires a key, refuses lending it, and finds a lost key back', async () => {
    const [key] = await t.sql<{ id: string }>(`SELECT id FROM keys WHERE code = 'R111'`);
    // R111 is held by a draft; a lent key cannot be retired by editing.
    const refused = await t
      .http()
      .patch(`/api/v1/keys/${key!.id}`)
      .set('authorization', f.coordinator.auth)
      .send({ status: 'retired' });
    expect(refused.status).toBe(409);
    const [lost] = await t.sql<{ id: string }>(`SELECT id FROM keys WHERE code = 'R108'`);
    const found = await t
      .http()
      .patch(`/api/v1/keys/${lost!.id}`)
      .set('authorization', f.coordinator.auth)
      .send({ status: 'available', note: 'Found in the hall' });
    expect(found.status).toBe(200);
    expect(found.body.history[0]).toMatchObject({ event: 'found', note: 'Found in the hall' });
    const retired = await t
      .http()
      .patch(`/api/v1/keys/${lost!.id}`)
      .set('authorization', f.coordinator.auth)
      .send({ status: 'retired' });
    expect(retired.body.status).toBe('retired');
    const lend = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', f.coordinator.auth)
      .send(newAgreementBody(f.site.id, [lost!.id]));
    expect(lend.status).toBe(409);
    expect(lend.body).toMatchObject({ code: 'key_unavailable', detail: 'R108 is retired' });
  });

  it('validates a new association business ID by its check digit', async () => {
    const bad = await t
      .http()
      .post('/api/v1/associations')
      .set('authorization', f.manager.auth)
      .send({ name: 'Seura X', businessId: '1234567-8' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: '/businessId', message: 'invalid_business_id' }]);
    const good = await t
      .http()
      .post('/api/v1/associations')
      .set('authorization', f.manager.auth)
      .send({ name: 'Seura X', businessId: '0201256-6' });
    expect(good.status).toBe(201);
    const found = await t
      .http()
      .get('/api/v1/associations')
      .query({ q: 'seura x' })
      .set('authorization', f.manager.auth);
    expect(found.body).toEqual([{ id: good.body.id, name: 'Seura X', businessId: '0201256-6' }]);
  });

  it('versions templates; an agreement keeps the text it was made with', async () => {
    const [before] = await t.sql<{ id: string; text: string }>(
      `SELECT id, text FROM key_agreements ORDER BY created_at LIMIT 1`,
    );
    const created = await t
      .http()
      .post('/api/v1/agreement-templates')
      .set('authorization', f.coordinator.auth)
      .send({ department: '*', texts: { fi: 'Uusi teksti', sv: 'Ny text', en: 'New text' } });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(2);
    const [after] = await t.sql<{ text: string }>(`SELECT text FROM key_agreements WHERE id = $1`, [
      before!.id,
    ]);
    expect(after!.text).toBe(before!.text);
    const [r] = await t.sql<{ id: string }>(`SELECT id FROM keys WHERE code = 'R106'`);
    const lend = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', f.coordinator.auth)
      .send(newAgreementBody(f.site.id, [r!.id]));
    expect(lend.body).toMatchObject({ text: 'Uusi teksti', templateVersion: 2 });
    const manager = await userWithToken(t, { roles: ['site_manager'], siteIds: [f.site.id] });
    expect(
      (
        await t
          .http()
          .post('/api/v1/agreement-templates')
          .set('authorization', manager.auth)
          .send({ department: '*', texts: { fi: 'x', sv: 'x', en: 'x' } })
      ).status,
    ).toBe(403);
  });
});

describe('retention', () => {
  it('anonymises renter data after the retention period and keeps the key ledger', async () => {
    const [ended] = await t.sql<{ id: string; renter_id: string }>(
      `SELECT id, renter_id FROM key_agreements WHERE state = 'returned' LIMIT 1`,
    );
    await t.sql(`UPDATE key_agreements SET ended_at = now() - interval '37 months' WHERE id = $1`, [
      ended!.id,
    ]);
    const result = await t.app.jobs.runNow('keys.anonymise');
    expect(result).toEqual({ agreements: 1, renters: 1 });
    const [a] = await t.sql<Record<string, unknown>>(
      `SELECT a.signed_name, a.signature, a.anonymised_at IS NOT NULL AS done, r.name, r.email, r.phone,
              (SELECT count(*)::int FROM key_agreement_documents d WHERE d.agreement_id = a.id) AS docs,
              (SELECT count(*)::int FROM key_agreement_keys k WHERE k.agreement_id = a.id) AS keys,
              (SELECT string_agg(to_address, ',') FROM outbound_emails o WHERE o.agreement_id = a.id) AS mail
         FROM key_agreements a JOIN renters r ON r.id = a.renter_id WHERE a.id = $1`,
      [ended!.id],
    );
    expect(a).toEqual({
      signed_name: null,
      signature: null,
      done: true,
      name: 'Anonymised',
      email: null,
      phone: null,
      docs: 0,
      keys: 1,
      mail: 'anonymised,anonymised',
    });
    expect(await t.app.jobs.runNow('keys.anonymise')).toEqual({ agreements: 0, renters: 0 });
    const detail = await t
      .http()
      .get(`/api/v1/key-agreements/${ended!.id}`)
      .set('authorization', f.coordinator.auth);
    expect(detail.body).toMatchObject({
      anonymised: true,
      renter: { name: 'Anonymised', email: null },
      documents: [],
    });
  });
});

describe('export safety', () => {
  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const [key] = await t.sql<{ id: string }>(`SELECT id FROM keys WHERE code = 'R110'`);
    // R110 is held by a draft; release it first.
    await t.sql(`UPDATE key_agreement_keys SET holding = false, state = 'released' WHERE key_id = $1`, [
      key!.id,
    ]);
    await t.sql(`UPDATE keys SET status = 'available' WHERE id = $1`, [key!.id]);
    const lend = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', f.coordinator.auth)
      .send({
        ...newAgreementBody(f.site.id, [key!.id], {
          name: '=HYPERLINK("http://evil.example")',
          email: 'x@example.test',
          phone: '0401234567',
        }),
        association: { name: '@SUM(1+1)' },
      });
    expect(lend.status).toBe(201);
    const csv = await t
      .http()
      .get('/api/v1/key-agreements/export')
      .query({ format: 'csv', q: 'SUM' })
      .set('authorization', f.coordinator.auth);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[1]![8]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(rows[1]![9]).toBe(`'@SUM(1+1)`);
  });
});
