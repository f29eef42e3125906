import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { buildApp } from '../src/app.ts';
import { deliverDueWebhooks, retryDelaySeconds } from '../src/modules/webhooks/delivery.ts';
import { isPublicAddress, postWebhook } from '../src/modules/webhooks/target.ts';
import {
  TEST_SIGNATURE,
  createTestApp,
  keyFixture,
  newAgreementBody,
  userWithToken,
  type TestApp,
} from './helpers.ts';
import { daysAgo, hetu, queueFixture, reportVacancy, today } from './queue-fixtures.ts';
import { startReceiver } from './webhook-receiver.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof queueFixture>>;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: true, WEBHOOK_RETRY_BASE_SECONDS: 0 });
  f = await queueFixture(t, {
    maxCapacity: 60,
    occupied: 20,
    reserved: 0,
    vacantAccepting: 0,
    closedToAdmissions: false,
  });
  admin = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

async function integrationClient(target: TestApp, auth: string, scopes: string[]) {
  const res = await target
    .http()
    .post('/api/v1/integration-clients')
    .set('authorization', auth)
    .send({ name: 'Apotti', scopes });
  expect(res.status).toBe(201);
  return res.body as { id: string; clientId: string };
}

async function subscribe(
  url: string,
  eventTypes: string[],
  scopes = ['care.registry:read', 'care.queue:read'],
) {
  // Each test listens on its own receiver: earlier tests' subscriptions stop, so they add no noise.
  await t.sql(`UPDATE webhook_subscriptions SET enabled = false`);
  await t.sql(`UPDATE webhook_deliveries SET status = 'cancelled' WHERE status = 'pending'`);
  const client = await integrationClient(t, admin, scopes);
  const res = await t
    .http()
    .post('/api/v1/admin/webhooks')
    .set('authorization', admin)
    .send({ integrationClientId: client.id, url, eventTypes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...(res.body as { id: string; secret: string }), client };
}

const withdraw = (id: string) =>
  t
    .http()
    .post(`/api/v1/portal/vacancies/${id}/withdraw`)
    .set('authorization', f.providerUser.auth)
    .send({ reason: 'Ei sittenkään vapaa' });

/** Runs the delivery job until nothing is due (each run attempts only what was due when it began). */
async function deliverAll(runs = 20) {
  for (let i = 0; i < runs; i++) {
    const n = await deliverDueWebhooks(t.app);
    if (!n.delivered && !n.retry && !n.failed && !n.cancelled) return;
  }
}

describe('webhook subscriptions', () => {
  it('returns the secret once and stores it so the database alone cannot sign', async () => {
    const receiver = await startReceiver();
    const sub = await subscribe(receiver.url, ['vacancy.reported']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await t.http().get(`/api/v1/admin/webhooks/${sub.id}`).set('authorization', admin);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect(read.body).toMatchObject({ url: receiver.url, enabled: true, eventTypes: ['vacancy.reported'] });
    const [row] = await t.sql<{ secret_encrypted: string }>(
      `SELECT secret_encrypted FROM webhook_subscriptions WHERE id = $1`,
      [sub.id],
    );
    expect(row!.secret_encrypted).toMatch(/^v1\./);
    expect(row!.secret_encrypted).not.toContain(sub.secret.slice(6, 20));
    await receiver.close();
  });

  it('subscribes a client only to events of the scopes it holds', async () => {
    const client = await integrationClient(t, admin, ['keys:read']);
    const res = await t
      .http()
      .post('/api/v1/admin/webhooks')
      .set('authorization', admin)
      .send({
        integrationClientId: client.id,
        url: 'http://127.0.0.1:9/x',
        eventTypes: ['key_agreement.signed', 'offer.made'],
      });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: '/eventTypes/1', message: 'needs_scope:care.queue:read' }]);
  });

  it('is for admins only', async () => {
    const res = await t.http().get('/api/v1/admin/webhooks').set('authorization', f.coordinator.auth);
    expect(res.status).toBe(403);
  });
});

describe('SSRF guard', () => {
  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fc00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '224.0.0.1',
    ])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['93.184.216.34', '2606:4700:4700::1111', '8.8.8.8'])
      expect(isPublicAddress(a), a).toBe(true);
  });

  it('refuses private, loopback and plain-http targets without the setting, when saved and when sent', async () => {
    const strict = await createTestApp();
    try {
      const auth = (await userWithToken(strict, { roles: ['admin'] })).auth;
      const client = await integrationClient(strict, auth, ['care.registry:read']);
      for (const [url, reason] of [
        ['https://127.0.0.1/hook', 'private_address'],
        ['https://10.0.0.5/hook', 'private_address'],
        ['https://[::1]/hook', 'private_address'],
        ['https://169.254.169.254/latest/meta-data', 'private_address'],
        ['https://localhost/hook', 'private_address'],
        ['http://93.184.216.34/hook', 'scheme'],
      ] as const) {
        const res = await strict
          .http()
          .post('/api/v1/admin/webhooks')
          .set('authorization', auth)
          .send({ integrationClientId: client.id, url, eventTypes: ['vacancy.reported'] });
        expect(res.status, url).toBe(422);
        expect(res.body.errors, url).toEqual([{ field: '/url', message: reason }]);
      }
      // A name that resolves to loopback is refused by the socket's own lookup at delivery.
      const sent = await postWebhook('https://localhost:1/hook', {}, '{}', {
        timeoutMs: 2000,
        allowPrivate: false,
      });
      expect(sent).toMatchObject({ statusCode: null });
      expect(sent.error).toMatch(/refused/);
    } finally {
      await strict.close();
    }
  });
});

describe('delivery', () => {
  it('signs per Standard Webhooks (the library verifies it) and sends ids only', async () => {
    const receiver = await startReceiver();
    const sub = await subscribe(receiver.url, ['vacancy.reported']);
    const vacancy = await reportVacancy(t, f.providerUser.auth, f.unit);
    await deliverAll();
    const got = receiver.received.find((r) => JSON.parse(r.body).data.id === vacancy.id)!;
    expect(got).toBeDefined();
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(sub.secret).verify(got.body, got.headers) as Record<string, unknown>;
    expect(payload).toMatchObject({
      type: 'vacancy.reported',
      data: {
        id: vacancy.id,
        unitId: f.unit.unitId,
        providerId: f.provider.id,
        serviceTypeId: f.unit.serviceTypeId,
      },
    });
    expect(Object.keys(payload).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(got.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    // A forged body does not verify.
    expect(() =>
      new Webhook(sub.secret).verify(got.body.replace(vacancy.id, f.unit.unitId), got.headers),
    ).toThrow();
    await receiver.close();
  });

  it('retries after a 500 with the same webhook-id, and the log shows every attempt', async () => {
    const receiver = await startReceiver((_r, i) => (i === 0 ? 500 : 200));
    const sub = await subscribe(receiver.url, ['vacancy.reported']);
    await reportVacancy(t, f.providerUser.auth, f.unit);
    await deliverDueWebhooks(t.app);
    expect(receiver.received.map((r) => r.status)).toEqual([500]);
    const pending = await t
      .http()
      .get(`/api/v1/admin/webhooks/${sub.id}/deliveries`)
      .set('authorization', admin);
    expect(pending.body.items[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    await deliverAll();
    expect(receiver.received.map((r) => r.status)).toEqual([500, 200]);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    const log = await t
      .http()
      .get(`/api/v1/admin/webhooks/${sub.id}/deliveries/${pending.body.items[0].id}`)
      .set('authorization', admin);
    expect(log.body).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    expect(log.body.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([200, 500]);
    await receiver.close();
  });

  it('gives up after the last attempt; a redelivery sends it again with the same id', async () => {
    const down = { on: true };
    const receiver = await startReceiver(() => (down.on ? 503 : 200));
    const sub = await subscribe(receiver.url, ['vacancy.reported']);
    const limited = await buildApp({ ...t.config, WEBHOOK_MAX_ATTEMPTS: 2 }, { logger: false });
    try {
      await reportVacancy(t, f.providerUser.auth, f.unit);
      for (let i = 0; i < 4; i++) await deliverDueWebhooks(limited);
      expect(receiver.received).toHaveLength(2);
      const list = await t
        .http()
        .get(`/api/v1/admin/webhooks/${sub.id}/deliveries`)
        .set('authorization', admin);
      expect(list.body.items[0]).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 503 });
      down.on = false;
      const again = await t
        .http()
        .post(`/api/v1/admin/webhooks/${sub.id}/deliveries/${list.body.items[0].id}/redeliver`)
        .set('authorization', admin);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'pending', attempts: 0 });
      await deliverDueWebhooks(limited);
      expect(receiver.received.map((r) => r.status)).toEqual([503, 503, 200]);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    } finally {
      await limited.close();
      await receiver.close();
    }
  });

  it('keeps the order of one subject while its first event is retried; other subjects go on', async () => {
    let failuresLeft = 3;
    const firstOfA = { id: '' };
    const receiver = await startReceiver((r) => {
      const body = JSON.parse(r.body) as { type: string; data: { id: string } };
      if (body.data.id === firstOfA.id && body.type === 'vacancy.reported' && failuresLeft > 0) {
        failuresLeft--;
        return 500;
      }
      return 200;
    });
    await subscribe(receiver.url, ['vacancy.reported', 'vacancy.withdrawn']);
    const a = await reportVacancy(t, f.providerUser.auth, f.unit);
    firstOfA.id = a.id;
    expect((await withdraw(a.id)).status).toBe(200);
    const b = await reportVacancy(t, f.providerUser.auth, f.unit);
    await deliverDueWebhooks(t.app);
    // B is not held back by A's failing first event; A's second waits.
    expect(receiver.delivered().map((d) => `${d.type}:${d.data.id}`)).toEqual([`vacancy.reported:${b.id}`]);
    await deliverAll();
    const ofA = receiver.received
      .map((r) => ({ status: r.status, ...(JSON.parse(r.body) as { type: string; data: { id: string } }) }))
      .filter((r) => r.data.id === a.id);
    expect(ofA.map((r) => `${r.type}:${r.status}`)).toEqual([
      'vacancy.reported:500',
      'vacancy.reported:500',
      'vacancy.reported:500',
      'vacancy.reported:200',
      'vacancy.withdrawn:200',
    ]);
    await receiver.close();
  });

  it('loses nothing when the API is closed between the change and the delivery: a new instance delivers it', async () => {
    const receiver = await startReceiver();
    await subscribe(receiver.url, ['vacancy.reported']);
    // The change is committed by an instance without jobs, which then stops.
    const first = await buildApp({ ...t.config, JOBS_ENABLED: false }, { logger: false });
    await first.ready();
    const res = await first.inject({
      method: 'POST',
      url: `/api/v1/portal/units/${f.unit.unitId}/vacancies`,
      headers: { authorization: f.providerUser.auth },
      payload: { serviceTypeId: f.unit.serviceTypeId, availableFrom: today() },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    await first.close();
    expect(receiver.received).toHaveLength(0);
    // A new instance with jobs on picks it up by itself (no manual run).
    const second = await buildApp({ ...t.config, JOBS_ENABLED: true }, { logger: false });
    await second.ready();
    try {
      const deadline = Date.now() + 25_000;
      while (!receiver.delivered().some((d) => d.data.id === id) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(receiver.delivered().filter((d) => d.data.id === id)).toHaveLength(1);
    } finally {
      await second.close();
      await receiver.close();
    }
  });

  it('signs with both secrets for a day after a rotation; disabling cancels what is pending', async () => {
    const receiver = await startReceiver();
    const sub = await subscribe(receiver.url, ['vacancy.reported']);
    const rotated = await t
      .http()
      .post(`/api/v1/admin/webhooks/${sub.id}/rotate-secret`)
      .set('authorization', admin);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(sub.secret);
    expect(rotated.body.previousSecretValidUntil).toBeTruthy();
    await reportVacancy(t, f.providerUser.auth, f.unit);
    await deliverAll();
    const got = receiver.received.at(-1)!;
    expect(got.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [sub.secret, rotated.body.secret as string])
      expect(() => new Webhook(secret).verify(got.body, got.headers)).not.toThrow();

    await reportVacancy(t, f.providerUser.auth, f.unit);
    const off = await t
      .http()
      .patch(`/api/v1/admin/webhooks/${sub.id}`)
      .set('authorization', admin)
      .send({ enabled: false });
    expect(off.body).toMatchObject({ enabled: false, counts: { pending: 0 } });
    const before = receiver.received.length;
    await deliverAll();
    expect(receiver.received).toHaveLength(before);
    await receiver.close();
  });

  it('offer events carry the place, unit and provider, never the client', async () => {
    const receiver = await startReceiver();
    const sub = await subscribe(receiver.url, ['offer.made', 'offer.confirmed', 'vacancy.reported']);
    const c = f.coordinator.auth;
    const client = await t
      .http()
      .post('/api/v1/care/clients')
      .set('authorization', c)
      .send({
        personalIdentityCode: hetu('1940-05-17'),
        firstName: 'Aili',
        lastName: 'Webhook',
        language: 'fi',
        waiting: { setting: 'home' },
      });
    expect(client.status, JSON.stringify(client.body)).toBe(201);
    const entry = await t
      .http()
      .post('/api/v1/care/queue/entries')
      .set('authorization', c)
      .send({
        clientId: client.body.id,
        serviceTypeId: f.unit.serviceTypeId,
        decisionDate: daysAgo(10),
        urgency: 'urgent',
      });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const vacancy = await reportVacancy(t, f.providerUser.auth, f.unit);
    const offer = await t
      .http()
      .post('/api/v1/care/offers')
      .set('authorization', c)
      .send({ vacancyId: vacancy.id, entryId: entry.body.id, intendedMoveIn: today() });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const confirm = await t
      .http()
      .post(`/api/v1/portal/offers/${offer.body.id}/confirm`)
      .set('authorization', f.providerUser.auth)
      .send({});
    expect(confirm.status).toBe(200);
    await deliverAll();
    const offerEvents = receiver.delivered().filter((d) => d.data.id === offer.body.id);
    expect(offerEvents.map((d) => d.type)).toEqual(['offer.made', 'offer.confirmed']);
    for (const d of offerEvents) {
      expect(d.data).toEqual({
        id: offer.body.id,
        vacancyId: vacancy.id,
        unitId: f.unit.unitId,
        providerId: f.provider.id,
      });
      expect(JSON.stringify(d)).not.toContain(client.body.id);
      expect(JSON.stringify(d)).not.toContain('Webhook');
    }
    expect(sub.id).toBeTruthy();
    await receiver.close();
  });
});

describe('key agreement events', () => {
  it('tells of a signing and of the last return (not a partial one), with the agreement and site ids', async () => {
    const keys = await keyFixture(t, ['W1', 'W2']);
    const receiver = await startReceiver();
    await subscribe(receiver.url, ['key_agreement.signed', 'key_agreement.returned'], ['keys:read']);
    const lent = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', keys.manager.auth)
      .send(
        newAgreementBody(
          keys.site.id,
          keys.keys.map((k) => k.id),
        ),
      );
    expect(lent.status).toBe(201);
    const id = lent.body.id as string;
    const signed = await t
      .http()
      .post(`/api/v1/key-agreements/${id}/sign`)
      .set('authorization', keys.manager.auth)
      .send({ confirmedName: 'Maija Meikäläinen', accepted: true, signature: TEST_SIGNATURE });
    expect(signed.status).toBe(200);
    for (const key of keys.keys) {
      const back = await t
        .http()
        .post(`/api/v1/key-agreements/${id}/return`)
        .set('authorization', keys.manager.auth)
        .send({ returnedKeyIds: [key.id], lostKeys: [] });
      expect(back.status).toBe(200);
    }
    await deliverAll();
    const events = receiver.delivered();
    expect(events.map((e) => e.type)).toEqual(['key_agreement.signed', 'key_agreement.returned']);
    for (const e of events) expect(e.data).toEqual({ id, number: lent.body.number, siteId: keys.site.id });
    expect(receiver.received.map((r) => r.body).join()).not.toContain('Maija');
    await receiver.close();
  });
});

describe('retry schedule', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 12].map((n) => retryDelaySeconds(n, 15, 21_600, 0))).toEqual([
      15, 30, 60, 120, 21_600,
    ]);
    expect(retryDelaySeconds(1, 15, 21_600, 1)).toBeCloseTo(16.5);
  });
});
