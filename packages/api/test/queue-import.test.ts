import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';
import { daysAgo, hetu } from './queue-fixtures.ts';

let t: TestApp;
let coordinator: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = (await userWithToken(t, { roles: ['care_coordinator'] })).auth;
  admin = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

async function clientToken(scopes: string[], name = 'Apotti') {
  const reg = await t
    .http()
    .post('/api/v1/integration-clients')
    .set('authorization', admin)
    .send({ name, scopes });
  expect(reg.status).toBe(201);
  const token = await t.http().post('/api/v1/oauth/token').type('form').send({
    grant_type: 'client_credentials',
    client_id: reg.body.clientId,
    client_secret: reg.body.clientSecret,
  });
  expect(token.status).toBe(200);
  return { auth: `Bearer ${token.body.access_token}`, label: `${name} (${reg.body.clientId})` };
}

const row = (sourceId: string, code: string, over: Record<string, unknown> = {}) => ({
  sourceId,
  personalIdentityCode: code,
  firstName: 'Aune',
  lastName: `Import${sourceId}`,
  language: 'fi',
  waitingSetting: 'hospital',
  waitingPlace: 'Malmin sairaala, osasto 3',
  needs: ['dementia_secure'],
  serviceType: 'service_housing_24h',
  decisionDate: daysAgo(40),
  readyDate: daysAgo(35),
  urgency: 'normal',
  preferredDistricts: ['Malmi'],
  ...over,
});

const counts = async () =>
  (
    await t.sql<{ clients: number; entries: number; periods: number }>(`
      SELECT (SELECT count(*)::int FROM care_clients) AS clients, (SELECT count(*)::int FROM queue_entries) AS entries,
             (SELECT count(*)::int FROM client_waiting_periods) AS periods`)
  )[0]!;

describe('queue import', () => {
  it('imports from another system idempotently by its row ids: twice changes nothing, a changed row updates', async () => {
    const apotti = await clientToken(['care.queue:write']);
    const rows = [
      row('A-1', hetu('1941-02-11')),
      row('A-2', hetu('1939-08-30')),
      row('A-3', hetu('1944-12-01'), { waitingSetting: 'home', waitingPlace: null }),
    ];
    const first = await t
      .http()
      .post('/api/v1/care/queue/import')
      .set('authorization', apotti.auth)
      .send({ sourceSystem: 'apotti', rows });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const after = await counts();
    const again = await t
      .http()
      .post('/api/v1/care/queue/import')
      .set('authorization', apotti.auth)
      .send({ sourceSystem: 'apotti', rows });
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual(after);
    const changed = rows.map((r, i) =>
      i === 1 ? { ...r, urgency: 'high', waitingSetting: 'home', waitingPlace: null } : r,
    );
    const third = await t
      .http()
      .post('/api/v1/care/queue/import')
      .set('authorization', apotti.auth)
      .send({ sourceSystem: 'apotti', rows: changed });
    expect(third.body).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const [entry] = await t.sql<{ urgency: string }>(
      `SELECT urgency FROM queue_entries WHERE source_system = 'apotti' AND source_id = 'A-2'`,
    );
    expect(entry!.urgency).toBe('high');
    // The audit log names the sending system and every client it concerned.
    const [audit] = await t.sql<{ actor_label: string; subject_client_ids: string[]; purpose: string }>(
      `SELECT actor_label, subject_client_ids, purpose FROM audit_log WHERE action = 'care.queue.imported' ORDER BY seq LIMIT 1`,
    );
    expect(audit!.actor_label).toBe(apotti.label);
    expect(audit!.subject_client_ids).toHaveLength(3);
    expect(audit!.purpose).toBe('care_queue_import');
  });

  it('refuses the whole import when one row is wrong, listing every problem by line, and changes nothing', async () => {
    const before = await counts();
    const res = await t
      .http()
      .post('/api/v1/care/queue/import')
      .set('authorization', coordinator)
      .send({
        sourceSystem: 'apotti',
        rows: [
          row('B-1', hetu('1942-01-01')),
          row('B-2', '010101-010Q', { urgency: 'asap' }),
          row('B-1', hetu('1943-01-01'), {
            serviceType: 'spa',
            decisionDate: '2026-02-30',
            needs: ['flying'],
          }),
          row('B-4', hetu('1944-01-01'), { waitingPlace: null }),
        ],
      });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.rows).toEqual(
      expect.arrayContaining([
        { line: 2, field: 'personal_identity_code', message: 'invalid_checksum' },
        { line: 2, field: 'urgency', message: 'unknown_urgency' },
        { line: 3, field: 'source_id', message: 'duplicate_of_line_1' },
        { line: 3, field: 'service_type', message: 'unknown_service_type' },
        { line: 3, field: 'decision_date', message: 'not_a_date' },
        { line: 3, field: 'needs', message: 'unknown_tag_flying' },
        { line: 4, field: 'waiting_place', message: 'ward_required' },
      ]),
    );
    expect(res.body.rows.some((p: { line: number }) => p.line === 1)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('imports a CSV file from the staff app, and refuses a file that is not UTF-8 with its line', async () => {
    const csv = [
      'source_id;personal_identity_code;first_name;last_name;language;waiting_setting;waiting_place;needs;service_type;decision_date;ready_date;urgency;preferred_districts;contact_name;contact_phone',
      `C-1;${hetu('1938-06-06')};Åke;Lindholm;sv;hospital;Laakson sairaala, osasto 7;dementia_secure|pets_allowed;service_housing_24h;${daysAgo(20)};${daysAgo(18)};high;Lauttasaari|Munkkiniemi;Eva Lindholm;040 123 4567`,
      `C-2;${hetu('1940-09-09')};Tyyne;Koskinen;fi;home;;;service_housing_24h;${daysAgo(80)};;normal;;;`,
    ].join('\n');
    const ok = await t
      .http()
      .post('/api/v1/care/queue/import.csv?sourceSystem=csv-upload')
      .set('authorization', coordinator)
      .type('text/csv')
      .send(csv);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const [imported] = await t.sql<{ language: string; needs: number; districts: string[] }>(`
      SELECT c.language, cardinality(c.need_tag_ids) AS needs, e.preferred_districts AS districts
        FROM care_clients c JOIN queue_entries e ON e.client_id = c.id WHERE e.source_id = 'C-1'`);
    expect(imported).toEqual({ language: 'sv', needs: 2, districts: ['Lauttasaari', 'Munkkiniemi'] });
    const latin1 = Buffer.concat([
      Buffer.from(csv.split('\n').slice(0, 2).join('\n').replace('C-1', 'C-9') + '\n'),
      Buffer.from('C-10;x;\xc5ke', 'latin1'),
    ]);
    const bad = await t
      .http()
      .post('/api/v1/care/queue/import.csv?sourceSystem=csv-upload')
      .set('authorization', coordinator)
      .type('text/csv')
      .send(latin1);
    expect(bad.status).toBe(422);
    expect(bad.body.rows).toEqual([{ line: 3, field: 'file', message: 'not_utf8' }]);
  });

  it('needs care.queue:write to import; care.queue:read reads the queue, and the read is in the client’s access log', async () => {
    const reader = await clientToken(['care.queue:read'], 'Raportointi');
    const refused = await t
      .http()
      .post('/api/v1/care/queue/import')
      .set('authorization', reader.auth)
      .send({ sourceSystem: 'x', rows: [row('D-1', hetu('1945-01-01'))] });
    expect(refused.status).toBe(403);
    const queue = await t.http().get('/api/v1/care/queue').set('authorization', reader.auth);
    expect(queue.status).toBe(200);
    const someone = queue.body.items[0].client.id as string;
    const log = await t
      .http()
      .get(`/api/v1/care/clients/${someone}/access-log`)
      .set('authorization', coordinator);
    const read = log.body.items.find(
      (i: { action: string; actor: string }) => i.action === 'care.queue.listed' && i.actor === reader.label,
    );
    expect(read).toMatchObject({ actorType: 'client', recipient: reader.label, purpose: 'care_integration' });
    const csv = await t
      .http()
      .get(`/api/v1/care/clients/${someone}/access-log?format=csv`)
      .set('authorization', coordinator);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toContain('time (Helsinki)');
    expect(csv.text).toContain(reader.label);
  });
  it('a client read by another system is in that client’s access log with the receiving system’s name', async () => {
    const reader = await clientToken(['care.queue:read'], 'Potilastietojärjestelmä');
    const queue = await t.http().get('/api/v1/care/queue').set('authorization', coordinator);
    const someone = queue.body.items[0].client.id as string;
    const detail = await t.http().get(`/api/v1/care/clients/${someone}`).set('authorization', reader.auth);
    expect(detail.status).toBe(200);
    const log = await t
      .http()
      .get(`/api/v1/care/clients/${someone}/access-log`)
      .set('authorization', coordinator);
    const disclosed = log.body.items.filter((i: { actor: string }) => i.actor === reader.label);
    expect(disclosed).toHaveLength(1);
    expect(disclosed[0]).toMatchObject({
      actorType: 'client',
      recipient: reader.label,
      purpose: 'care_integration',
    });
  });
});
