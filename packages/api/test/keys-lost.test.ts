import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { helsinkiToday, addDays } from '@civic/shared/keys';
import { TEST_SIGNATURE, createTestApp, keyFixture, newAgreementBody, type TestApp } from './helpers.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof keyFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await keyFixture(t, ['L1', 'L2', 'L3']);
});
afterAll(() => t.close());

const keyId = (code: string) => f.keys.find((k) => k.code === code)!.id;

async function loseKey() {
  const created = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', f.manager.auth)
    .send(newAgreementBody(f.site.id, [keyId('L1'), keyId('L2')]));
  await t
    .http()
    .post(`/api/v1/key-agreements/${created.body.id}/sign`)
    .set('authorization', f.manager.auth)
    .send({ confirmedName: 'Maija Meikäläinen', accepted: true, signature: TEST_SIGNATURE });
  const returned = await t
    .http()
    .post(`/api/v1/key-agreements/${created.body.id}/return`)
    .set('authorization', f.manager.auth)
    .send({ returnedKeyIds: [keyId('L2')], lostKeys: [{ keyId: keyId('L1'), note: 'Pudonnut bussissa' }] });
  expect(returned.body.state).toBe('returned');
  return created.body as { id: string; number: string };
}

const decide = (id: string, body: object, auth = f.coordinator.auth) =>
  t.http().put(`/api/v1/keys/${id}/rekeying`).set('authorization', auth).send(body);

describe('re-keying a lost key', () => {
  it('records the decision, who made it, the cost and when the locks were changed; list and report show it', async () => {
    const agreement = await loseKey();
    const listed = await t.http().get('/api/v1/keys/lost').set('authorization', f.coordinator.auth);
    expect(listed.body).toEqual([
      expect.objectContaining({ code: 'L1', agreementNumber: agreement.number, rekeying: null }),
    ]);

    // Refused, changing nothing: a lock date without re-keying, a date ahead, a negative cost.
    for (const [body, field] of [
      [{ decision: 'accept_risk', locksChangedOn: helsinkiToday() }, '/locksChangedOn'],
      [{ decision: 'rekey', locksChangedOn: addDays(helsinkiToday(), 1) }, '/locksChangedOn'],
      [{ decision: 'rekey', locksChangedOn: '2020-01-01' }, '/locksChangedOn'],
      [{ decision: 'rekey', cost: -5 }, '/cost'],
      [{ decision: 'maybe' }, '/decision'],
    ] as const) {
      const res = await decide(keyId('L1'), body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const [none] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM key_loss_decisions`);
    expect(none!.n).toBe(0);

    const decided = await decide(keyId('L1'), { decision: 'rekey', cost: 350.5, note: 'Pääoven sylinteri' });
    expect(decided.status).toBe(200);
    expect(decided.body.rekeying).toMatchObject({
      decision: 'rekey',
      decidedBy: f.coordinator.user.displayName,
      cost: 350.5,
      locksChangedOn: null,
      note: 'Pääoven sylinteri',
    });
    // The locks were changed later: the same decision, now with its date.
    const changed = await decide(keyId('L1'), {
      decision: 'rekey',
      cost: 350.5,
      locksChangedOn: helsinkiToday(),
    });
    expect(changed.body.rekeying).toMatchObject({ decision: 'rekey', locksChangedOn: helsinkiToday() });

    const report = await t
      .http()
      .get('/api/v1/key-agreements')
      .query({ q: agreement.number })
      .set('authorization', f.coordinator.auth);
    expect(report.body.items[0].keys).toEqual([
      { code: 'L1', state: 'lost', rekeying: 'rekey' },
      { code: 'L2', state: 'returned' },
    ]);
    const csv = await t
      .http()
      .get('/api/v1/key-agreements/export')
      .query({ format: 'csv', q: agreement.number, lang: 'fi' })
      .set('authorization', f.coordinator.auth);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[1]![11]).toBe('L1: kadonnut (lukot vaihdetaan), L2: palautettu');

    const history = await t
      .http()
      .get(`/api/v1/keys/${keyId('L1')}`)
      .set('authorization', f.coordinator.auth);
    expect(history.body.history.map((h: { event: string }) => h.event).slice(0, 3)).toEqual([
      'rekeyed',
      'rekey_decided',
      'lost',
    ]);
  });

  it('refuses keys that are not lost, unknown keys and site managers', async () => {
    expect((await decide(keyId('L3'), { decision: 'accept_risk' })).status).toBe(409);
    expect((await decide('00000000-0000-4000-8000-000000000000', { decision: 'accept_risk' })).status).toBe(
      404,
    );
    expect((await decide(keyId('L1'), { decision: 'accept_risk' }, f.manager.auth)).status).toBe(403);
  });
});
