import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';
import {
  daysAgo,
  entryStatus,
  figures,
  newClient,
  newEntry,
  queueFixture,
  reportVacancy,
  today,
  vacancyStatus,
} from './queue-fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof queueFixture>>;

beforeAll(async () => {
  t = await createTestApp({ DATABASE_POOL_SIZE: 20 });
  f = await queueFixture(t);
});
afterAll(() => t.close());

const api = () => t.http();
/** The portal badge's counts for a provider user. */
const awaiting = async (auth: string) => {
  const res = await api().get('/api/v1/portal/offers/awaiting').set('authorization', auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { toAnswer: number; toRecordMoveIn: number };
};

describe('offer journey', () => {
  it('offers the top candidate, the provider confirms, the client accepts, the move-in places the client and moves the figures', async () => {
    const c = f.coordinator.auth;
    const first = await newClient(t, c);
    const second = await newClient(t, c);
    const e1 = await newEntry(t, c, {
      clientId: first.id,
      serviceTypeId: f.unit.serviceTypeId,
      decisionDate: daysAgo(70),
    });
    const e2 = await newEntry(t, c, {
      clientId: second.id,
      serviceTypeId: f.unit.serviceTypeId,
      decisionDate: daysAgo(20),
    });
    const vacancy = await reportVacancy(t, f.providerUser.auth, f.unit);
    const before = await figures(t, f.unit.unitId);
    expect(await awaiting(f.providerUser.auth)).toEqual({ toAnswer: 0, toRecordMoveIn: 0 });

    const candidates = await api()
      .get(`/api/v1/care/vacancies/${vacancy.id}/candidates`)
      .set('authorization', c);
    expect(candidates.status, JSON.stringify(candidates.body)).toBe(200);
    expect(candidates.body.candidates.map((x: { entry: { id: string } }) => x.entry.id).slice(0, 2)).toEqual([
      e1.id,
      e2.id,
    ]);
    const top = candidates.body.candidates[0];
    expect(top.reasons.map((r: { code: string }) => r.code)).toContain('days_waiting');
    expect(top.entry.clock.state).toBe('warning');

    // The second candidate needs a reason.
    const noReason = await api()
      .post('/api/v1/care/offers')
      .set('authorization', c)
      .send({ vacancyId: vacancy.id, entryId: e2.id, intendedMoveIn: today() });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ field: '/pickReason', message: 'required_when_not_first' }]);

    const offer = await api()
      .post('/api/v1/care/offers')
      .set('authorization', c)
      .send({ vacancyId: vacancy.id, entryId: e1.id, intendedMoveIn: today() });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    expect(offer.body).toMatchObject({ status: 'proposed', rankAtOffer: 1, entryId: e1.id });
    expect(await vacancyStatus(t, vacancy.id)).toBe('offered');
    expect(await entryStatus(t, e1.id)).toBe('offered');
    const reserved = await figures(t, f.unit.unitId);
    expect(reserved.reserved).toBe(before.reserved + 1);
    expect(reserved.vacant_accepting).toBe(before.vacant_accepting - 1);

    // The badge counts it for the provider only, with no client named, so no access-log row.
    const auditRows = async () => (await t.sql(`SELECT 1 FROM audit_log WHERE action LIKE 'care.%'`)).length;
    const rowsBefore = await auditRows();
    expect(await awaiting(f.providerUser.auth)).toEqual({ toAnswer: 1, toRecordMoveIn: 0 });
    expect(await awaiting(f.otherProviderUser.auth)).toEqual({ toAnswer: 0, toRecordMoveIn: 0 });
    expect(await auditRows()).toBe(rowsBefore);
    expect((await api().get('/api/v1/portal/offers/awaiting').set('authorization', c)).status).toBe(403);

    // The provider sees only what it needs.
    const inbox = await api().get('/api/v1/portal/offers').set('authorization', f.providerUser.auth);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toHaveLength(1);
    const seen = inbox.body.items[0];
    expect(Object.keys(seen.client).sort()).toEqual(['age', 'firstName', 'language', 'lastName', 'needs']);
    expect(JSON.stringify(seen)).not.toContain(first.personalIdentityCode);
    // Another organisation does not see it at all.
    expect(
      (
        await api()
          .get(`/api/v1/portal/offers/${offer.body.id}`)
          .set('authorization', f.otherProviderUser.auth)
      ).status,
    ).toBe(404);
    expect(
      (await api().get('/api/v1/portal/offers').set('authorization', f.otherProviderUser.auth)).body.items,
    ).toEqual([]);

    const confirmed = await api()
      .post(`/api/v1/portal/offers/${offer.body.id}/confirm`)
      .set('authorization', f.providerUser.auth)
      .send({});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('provider_confirmed');
    expect(await awaiting(f.providerUser.auth)).toEqual({ toAnswer: 0, toRecordMoveIn: 0 });

    const accepted = await api()
      .post(`/api/v1/care/offers/${offer.body.id}/answer`)
      .set('authorization', c)
      .send({ answer: 'accept' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.moveInDueOn).toBeTruthy();
    expect(await awaiting(f.providerUser.auth)).toEqual({ toAnswer: 0, toRecordMoveIn: 1 });

    const moved = await api()
      .post(`/api/v1/portal/offers/${offer.body.id}/move-in`)
      .set('authorization', f.providerUser.auth)
      .send({ movedInOn: today() });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.status).toBe('moved_in');
    expect(await awaiting(f.providerUser.auth)).toEqual({ toAnswer: 0, toRecordMoveIn: 0 });
    expect(await vacancyStatus(t, vacancy.id)).toBe('filled');
    expect(await entryStatus(t, e1.id)).toBe('placed');
    const after = await figures(t, f.unit.unitId);
    expect(after.occupied).toBe(before.occupied + 1);
    expect(after.reserved).toBe(before.reserved);

    // The client has left the queue; the other one moved up.
    const queue = await api()
      .get(`/api/v1/care/queue?serviceTypeId=${f.unit.serviceTypeId}`)
      .set('authorization', c);
    expect(queue.body.items.map((e: { id: string }) => e.id)).not.toContain(e1.id);
    expect(queue.body.items.find((e: { id: string }) => e.id === e2.id).position).toBe(1);

    const detail = await api().get(`/api/v1/care/clients/${first.id}`).set('authorization', c);
    expect(detail.status).toBe(200);
    expect(detail.body.offers[0].timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'offered',
      'provider_confirmed',
      'client_accepted',
      'moved_in',
    ]);
    const log = await api().get(`/api/v1/care/clients/${first.id}/access-log`).set('authorization', c);
    expect(log.status).toBe(200);
    const actions = log.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'care.matching.candidates',
        'care.offer.listed',
        'care.offer.created',
        'care.offer.moved_in',
      ]),
    );
    expect(log.body.items.some((i: { recipient: string | null }) => i.recipient === f.provider.name)).toBe(
      true,
    );
  });
});
