import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalClock } from '@civic/shared/care-queue';
import { addDays } from '@civic/shared/keys';
import { createCareUnit, createTestApp, userWithToken, type TestApp } from './helpers.ts';
import {
  daysAgo,
  entryStatus,
  figures,
  hetu,
  newClient,
  newEntry,
  queueFixture,
  reportVacancy,
  today,
  vacancyStatus,
} from './queue-fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof queueFixture>>;
let c: string;

beforeAll(async () => {
  t = await createTestApp({ DATABASE_POOL_SIZE: 20 });
  f = await queueFixture(t, {
    maxCapacity: 200,
    occupied: 24,
    reserved: 0,
    vacantAccepting: 0,
    closedToAdmissions: false,
  });
  c = f.coordinator.auth;
});
afterAll(() => t.close());

const api = () => t.http();
const offer = (body: Record<string, unknown>) =>
  api()
    .post('/api/v1/care/offers')
    .set('authorization', c)
    // Earlier tests leave other clients waiting: a reason covers choosing someone below the first.
    .send({ intendedMoveIn: today(), pickReason: 'Testissä valittu asiakas', ...body });
const portal = (id: string, action: string, body: Record<string, unknown> = {}) =>
  api().post(`/api/v1/portal/offers/${id}/${action}`).set('authorization', f.providerUser.auth).send(body);
const answer = (id: string, body: Record<string, unknown>) =>
  api().post(`/api/v1/care/offers/${id}/answer`).set('authorization', c).send(body);

/** A client waiting alone in front of everyone else (decided long ago, urgent), and an open place. */
async function waitingClientAndPlace(over: { urgency?: string; decisionDate?: string } = {}) {
  const client = await newClient(t, c);
  const entry = await newEntry(t, c, {
    clientId: client.id,
    serviceTypeId: f.unit.serviceTypeId,
    urgency: (over.urgency ?? 'urgent') as 'urgent',
    decisionDate: over.decisionDate ?? daysAgo(10),
  });
  const vacancy = await reportVacancy(t, f.providerUser.auth, f.unit);
  return { client, entry, vacancy };
}

describe('clients', () => {
  it('checks the identity code (every century sign in use since 2023) and derives the birth date', async () => {
    const bad = await api()
      .post('/api/v1/care/clients')
      .set('authorization', c)
      .send({
        personalIdentityCode: '010338-123X',
        firstName: 'A',
        lastName: 'B',
        language: 'fi',
        waiting: { setting: 'home' },
      });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: '/personalIdentityCode', message: 'invalid_checksum' }]);
    for (const [birth, code] of [
      ['1938-03-01', hetu('1938-03-01').replace('-', 'Y')],
      ['2001-02-03', hetu('2001-02-03').replace('A', 'B')],
    ] as const) {
      const fixed = fixCheck(code);
      const ok = await newClient(t, c, { personalIdentityCode: fixed, waiting: { setting: 'home' } });
      const [row] = await t.sql<{ birth_date: string }>(
        `SELECT birth_date::text FROM care_clients WHERE id = $1`,
        [ok.id],
      );
      expect(row!.birth_date).toBe(birth);
    }
    const dup = await api()
      .post('/api/v1/care/clients')
      .set('authorization', c)
      .send({
        personalIdentityCode: (await newClient(t, c)).personalIdentityCode,
        firstName: 'A',
        lastName: 'B',
        language: 'fi',
        waiting: { setting: 'home' },
      });
    expect(dup.status).toBe(409);
  });

  it('needs the ward of a hospital stay and links spouses both ways', async () => {
    const noWard = await api()
      .post('/api/v1/care/clients')
      .set('authorization', c)
      .send({
        personalIdentityCode: hetu(),
        firstName: 'A',
        lastName: 'B',
        language: 'fi',
        waiting: { setting: 'hospital' },
      });
    expect(noWard.status).toBe(422);
    expect(noWard.body.errors).toEqual([{ field: '/waiting/place', message: 'ward_required' }]);
    const husband = await newClient(t, c);
    const wife = await newClient(t, c, { spouseClientId: husband.id });
    const rows = await t.sql<{ id: string; spouse_client_id: string; place_together: boolean }>(
      `SELECT id, spouse_client_id, place_together FROM care_clients WHERE id IN ($1, $2)`,
      [husband.id, wife.id],
    );
    expect(rows.find((r) => r.id === husband.id)).toMatchObject({
      spouse_client_id: wife.id,
      place_together: true,
    });
    expect(rows.find((r) => r.id === wife.id)).toMatchObject({
      spouse_client_id: husband.id,
      place_together: true,
    });
  });

  it('shows no personal data to a care viewer or a provider, and 404 for an unknown client', async () => {
    const viewer = await userWithToken(t, { roles: ['care_viewer'] });
    const client = await newClient(t, c);
    for (const url of [
      '/api/v1/care/queue',
      `/api/v1/care/clients/${client.id}`,
      '/api/v1/care/today',
      `/api/v1/care/clients/${client.id}/access-log`,
    ]) {
      expect((await api().get(url).set('authorization', viewer.auth)).status, url).toBe(403);
      expect((await api().get(url).set('authorization', f.providerUser.auth)).status, url).toBe(403);
    }
    expect(
      (await api().get('/api/v1/care/clients/00000000-0000-4000-8000-000000000000').set('authorization', c))
        .status,
    ).toBe(404);
  });
});

describe('queue entries', () => {
  it('keeps one open entry per client and service type', async () => {
    const client = await newClient(t, c);
    await newEntry(t, c, { clientId: client.id, serviceTypeId: f.unit.serviceTypeId });
    const again = await api()
      .post('/api/v1/care/queue/entries')
      .set('authorization', c)
      .send({
        clientId: client.id,
        serviceTypeId: f.unit.serviceTypeId,
        decisionDate: daysAgo(1),
        urgency: 'normal',
      });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('open_entry_exists');
  });

  it('changes the queue position by hand only with a reason, in the history and the audit log', async () => {
    const client = await newClient(t, c);
    const entry = await newEntry(t, c, {
      clientId: client.id,
      serviceTypeId: f.unit.serviceTypeId,
      decisionDate: daysAgo(5),
    });
    const url = `/api/v1/care/queue/entries/${entry.id}/priority`;
    const none = await api().post(url).set('authorization', c).send({ urgency: 'high' });
    expect(none.status).toBe(422);
    const blank = await api().post(url).set('authorization', c).send({ urgency: 'high', reason: '   ' });
    expect(blank.status).toBe(422);
    const ok = await api()
      .post(url)
      .set('authorization', c)
      .send({ urgency: 'high', priorityDate: daysAgo(40), reason: 'Omaishoitaja sairastui' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      urgency: 'high',
      priorityDate: daysAgo(40),
      priorityReason: 'Omaishoitaja sairastui',
    });
    const [event] = await t.sql(
      `SELECT kind, reason FROM queue_entry_events WHERE entry_id = $1 AND kind = 'priority_changed'`,
      [entry.id],
    );
    expect(event).toEqual({ kind: 'priority_changed', reason: 'Omaishoitaja sairastui' });
    const [audit] = await t.sql<{ subject_client_id: string; metadata: { reason: string } }>(
      `SELECT subject_client_id, metadata FROM audit_log WHERE action = 'care.queue_entry.priority_changed' AND target_id = $1`,
      [entry.id],
    );
    expect(audit!.subject_client_id).toBe(client.id);
    expect(audit!.metadata.reason).toBe('Omaishoitaja sairastui');
  });

  it('closing releases every live offer and its place in the same step; a death closes all entries', async () => {
    const { client, entry, vacancy } = await waitingClientAndPlace();
    const second = await newEntry(t, c, {
      clientId: client.id,
      serviceTypeId: await otherServiceType(),
      decisionDate: daysAgo(3),
    });
    const before = await figures(t, f.unit.unitId);
    const made = await offer({ vacancyId: vacancy.id, entryId: entry.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const closed = await api()
      .post(`/api/v1/care/queue/entries/${entry.id}/close`)
      .set('authorization', c)
      .send({ reason: 'deceased', on: today(), note: 'Omainen ilmoitti' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('deceased');
    expect(await vacancyStatus(t, vacancy.id)).toBe('open');
    expect(await figures(t, f.unit.unitId)).toEqual(before);
    expect(await entryStatus(t, second.id)).toBe('deceased');
    const [o] = await t.sql<{ status: string }>(`SELECT status FROM placement_offers WHERE id = $1`, [
      made.body.id,
    ]);
    expect(o!.status).toBe('cancelled');
    // A closed entry changes no more.
    const again = await api()
      .post(`/api/v1/care/queue/entries/${entry.id}/close`)
      .set('authorization', c)
      .send({ reason: 'withdrawn', on: today(), note: 'x' });
    expect(again.status).toBe(409);
  });
});

async function otherServiceType() {
  const [row] = await t.sql<{ id: string }>(`SELECT id FROM service_types WHERE code = 'communal_housing'`);
  return row!.id;
}

/** The check character of an identity code recomputed after its century sign was changed. */
function fixCheck(code: string) {
  const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
  const digits = `${code.slice(0, 6)}${code.slice(7, 10)}`;
  return `${code.slice(0, 10)}${CHECK[Number(digits) % 31]}`;
}

describe('offer transitions', () => {
  it('refuses every step out of order, and each side the other side’s steps', async () => {
    const { entry, vacancy } = await waitingClientAndPlace();
    const o = (await offer({ vacancyId: vacancy.id, entryId: entry.id })).body;
    expect((await answer(o.id, { answer: 'accept' })).status).toBe(409); // the provider has not confirmed
    expect((await portal(o.id, 'move-in', { movedInOn: today() })).status).toBe(409);
    // The city cannot use the portal's routes, nor a provider the city's.
    expect(
      (await api().post(`/api/v1/portal/offers/${o.id}/confirm`).set('authorization', c).send({})).status,
    ).toBe(403);
    expect(
      (
        await api()
          .post(`/api/v1/care/offers/${o.id}/answer`)
          .set('authorization', f.providerUser.auth)
          .send({ answer: 'accept' })
      ).status,
    ).toBe(403);
    // Another organisation's user gets nothing, and changes nothing.
    expect(
      (
        await api()
          .post(`/api/v1/portal/offers/${o.id}/confirm`)
          .set('authorization', f.otherProviderUser.auth)
          .send({})
      ).status,
    ).toBe(404);
    expect((await portal(o.id, 'confirm')).status).toBe(200);
    expect((await portal(o.id, 'confirm')).status).toBe(409);
    expect((await portal(o.id, 'move-in', { movedInOn: addDays(today(), 1) })).status).toBe(422);
    // A place offered to a client cannot be withdrawn under it.
    const withdraw = await api()
      .post(`/api/v1/portal/vacancies/${vacancy.id}/withdraw`)
      .set('authorization', f.providerUser.auth)
      .send({ reason: 'Remontti' });
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.reason).toBe('offered_to_client');
    expect(withdraw.headers['content-type']).toContain('application/problem+json');
  });

  it('a provider decline opens the place again and keeps the client in the queue without a refusal', async () => {
    const { entry, vacancy } = await waitingClientAndPlace();
    const before = await figures(t, f.unit.unitId);
    const o = (await offer({ vacancyId: vacancy.id, entryId: entry.id })).body;
    expect((await portal(o.id, 'decline', {})).status).toBe(422); // a reason is required
    const declined = await portal(o.id, 'decline', { reason: 'Hoitotarve liian raskas yksikölle' });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('provider_declined');
    expect(await vacancyStatus(t, vacancy.id)).toBe('open');
    expect(await entryStatus(t, entry.id)).toBe('queued');
    expect(await figures(t, f.unit.unitId)).toEqual(before);
    const [e] = await t.sql<{ refusal_count: number }>(
      `SELECT refusal_count FROM queue_entries WHERE id = $1`,
      [entry.id],
    );
    expect(e!.refusal_count).toBe(0);
  });

  it('counts a refusal of a suitable offer, not of an unsuitable one, and flags the entry at the second', async () => {
    const { entry, vacancy } = await waitingClientAndPlace();
    const refuse = async (suitable: boolean) => {
      const o = (await offer({ vacancyId: vacancy.id, entryId: entry.id })).body;
      const res = await answer(o.id, { answer: 'decline', reason: 'Haluaa lähemmäs tytärtään', suitable });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (
        await t.sql<{
          refusal_count: number;
          needs_reassessment: boolean;
          clock_restarted_on: string | null;
        }>(`SELECT refusal_count, needs_reassessment, clock_restarted_on FROM queue_entries WHERE id = $1`, [
          entry.id,
        ])
      )[0]!;
    };
    expect(await refuse(false)).toEqual({
      refusal_count: 0,
      needs_reassessment: false,
      clock_restarted_on: null,
    });
    expect(await refuse(true)).toEqual({
      refusal_count: 1,
      needs_reassessment: false,
      clock_restarted_on: null,
    });
    expect(await refuse(true)).toEqual({
      refusal_count: 2,
      needs_reassessment: true,
      clock_restarted_on: null,
    });
    const kinds = (
      await t.sql<{ kind: string }>(
        `SELECT kind FROM queue_entry_events WHERE entry_id = $1 ORDER BY at, id`,
        [entry.id],
      )
    ).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['refusal_not_counted', 'refusal', 'flagged_for_reassessment']),
    );
    expect(await vacancyStatus(t, vacancy.id)).toBe('open');
  });

  it('restarts the legal clock at the first refusal when the setting says so', async () => {
    const other = await createTestApp({ QUEUE_REFUSAL_RESTARTS_CLOCK: true });
    try {
      const g = await queueFixture(other);
      const client = await newClient(other, g.coordinator.auth);
      const entry = await newEntry(other, g.coordinator.auth, {
        clientId: client.id,
        serviceTypeId: g.unit.serviceTypeId,
        decisionDate: daysAgo(50),
      });
      const vacancy = await reportVacancy(other, g.providerUser.auth, g.unit);
      const o = await other
        .http()
        .post('/api/v1/care/offers')
        .set('authorization', g.coordinator.auth)
        .send({ vacancyId: vacancy.id, entryId: entry.id, intendedMoveIn: today() });
      await other
        .http()
        .post(`/api/v1/care/offers/${o.body.id}/answer`)
        .set('authorization', g.coordinator.auth)
        .send({ answer: 'decline', reason: 'Ei halua muuttaa nyt' });
      const got = await other
        .http()
        .get(`/api/v1/care/queue/entries/${entry.id}`)
        .set('authorization', g.coordinator.auth);
      expect(got.body.clockRestartedOn).toBe(today());
      expect(got.body.clock).toMatchObject({ startDate: today(), daysWaiting: 0, state: 'within' });
    } finally {
      await other.close();
    }
  });

  it('lapses an unanswered offer by the job: the place is open again, the client keeps their place', async () => {
    const { entry, vacancy } = await waitingClientAndPlace();
    const o = (await offer({ vacancyId: vacancy.id, entryId: entry.id })).body;
    await t.sql(`UPDATE placement_offers SET response_due_at = now() - interval '1 minute' WHERE id = $1`, [
      o.id,
    ]);
    expect(await t.app.jobs.runNow('queue.expire-offers')).toEqual({ expired: 1 });
    expect(await t.app.jobs.runNow('queue.expire-offers')).toEqual({ expired: 0 });
    expect(await vacancyStatus(t, vacancy.id)).toBe('open');
    expect(await entryStatus(t, entry.id)).toBe('queued');
    const [row] = await t.sql<{ status: string }>(`SELECT status FROM placement_offers WHERE id = $1`, [
      o.id,
    ]);
    expect(row!.status).toBe('expired');
  });
});

describe('at the same time', () => {
  it('two coordinators offering one place at once end with one offer', async () => {
    const { entry, vacancy } = await waitingClientAndPlace();
    const other = await newClient(t, c);
    const otherEntry = await newEntry(t, c, {
      clientId: other.id,
      serviceTypeId: f.unit.serviceTypeId,
      urgency: 'urgent',
      decisionDate: daysAgo(9),
    });
    const second = await userWithToken(t, { roles: ['care_coordinator'] });
    const results = await Promise.all([
      offer({ vacancyId: vacancy.id, entryId: entry.id }),
      api().post('/api/v1/care/offers').set('authorization', second.auth).send({
        vacancyId: vacancy.id,
        entryId: otherEntry.id,
        intendedMoveIn: today(),
        pickReason: 'Lähempänä omaisia',
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const [n] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM placement_offers WHERE vacancy_id = $1`,
      [vacancy.id],
    );
    expect(n!.n).toBe(1);
    const [fig] = await t.sql<{ reserved: number }>(`SELECT reserved FROM care_capacity WHERE unit_id = $1`, [
      f.unit.unitId,
    ]);
    const [offered] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM vacancies WHERE unit_id = $1 AND status = 'offered'`,
      [f.unit.unitId],
    );
    expect(fig!.reserved).toBeGreaterThanOrEqual(offered!.n);
  });

  it('a client accepted twice at once is placed once', async () => {
    const { entry, vacancy } = await waitingClientAndPlace();
    const o = (await offer({ vacancyId: vacancy.id, entryId: entry.id })).body;
    await portal(o.id, 'confirm');
    const accepts = await Promise.all([
      answer(o.id, { answer: 'accept' }),
      answer(o.id, { answer: 'accept' }),
    ]);
    expect(accepts.map((r) => r.status).sort()).toEqual([200, 409]);
    const before = await figures(t, f.unit.unitId);
    const moves = await Promise.all([
      portal(o.id, 'move-in', { movedInOn: today() }),
      portal(o.id, 'move-in', { movedInOn: today() }),
    ]);
    expect(moves.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await figures(t, f.unit.unitId);
    expect(after.occupied).toBe(before.occupied + 1);
    expect(await entryStatus(t, entry.id)).toBe('placed');
  });
});

describe('where a client waits', () => {
  it('a placed client waits nowhere: their page, the search and their entry say null, not an empty setting', async () => {
    const { client, entry, vacancy } = await waitingClientAndPlace();
    const o = (await offer({ vacancyId: vacancy.id, entryId: entry.id })).body;
    await portal(o.id, 'confirm');
    await answer(o.id, { answer: 'accept' });
    expect((await portal(o.id, 'move-in', { movedInOn: today() })).status).toBe(200);
    const page = await api().get(`/api/v1/care/clients/${client.id}`).set('authorization', c);
    expect(page.status).toBe(200);
    expect(page.body.client.waiting).toBeNull();
    expect(
      page.body.entries.map((e: { status: string; client: { waiting: unknown } }) => [
        e.status,
        e.client.waiting,
      ]),
    ).toEqual([['placed', null]]);
    const found = await api()
      .get('/api/v1/care/clients')
      .query({ q: client.personalIdentityCode })
      .set('authorization', c);
    expect(found.body.items.map((i: { waiting: unknown }) => i.waiting)).toEqual([null]);
    const placed = await api()
      .get('/api/v1/care/queue')
      .query({ status: 'placed', q: client.personalIdentityCode })
      .set('authorization', c);
    expect(placed.body.items.map((e: { client: { waiting: unknown } }) => e.client.waiting)).toEqual([null]);
  });
});

describe('couples', () => {
  it('offers a couple two places of one unit, answered together, released together', async () => {
    // A unit of its own, so places left open by other tests do not count.
    const unit = await createCareUnit(t, f.provider.id, {
      maxCapacity: 20,
      occupied: 10,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    const husband = await newClient(t, c);
    const wife = await newClient(t, c, { spouseClientId: husband.id });
    const e1 = await newEntry(t, c, {
      clientId: husband.id,
      serviceTypeId: f.unit.serviceTypeId,
      urgency: 'urgent',
      decisionDate: daysAgo(200),
    });
    const e2 = await newEntry(t, c, {
      clientId: wife.id,
      serviceTypeId: f.unit.serviceTypeId,
      urgency: 'urgent',
      decisionDate: daysAgo(200),
    });
    const v1 = await reportVacancy(t, f.providerUser.auth, unit);
    const alone = await api().get(`/api/v1/care/vacancies/${v1.id}/candidates`).set('authorization', c);
    // With one place in the unit the couple does not fit.
    expect(
      alone.body.candidates.some((x: { entry: { id: string } }) => [e1.id, e2.id].includes(x.entry.id)),
    ).toBe(false);
    expect(alone.body.excluded.couple_needs_two_places).toBeGreaterThanOrEqual(1);
    const v2 = await reportVacancy(t, f.providerUser.auth, unit);
    const list = await api().get(`/api/v1/care/vacancies/${v1.id}/candidates`).set('authorization', c);
    const pair = list.body.candidates.find((x: { entry: { id: string } }) =>
      [e1.id, e2.id].includes(x.entry.id),
    );
    expect(pair.spouse.vacancyId).toBe(v2.id);
    const o = await offer({
      vacancyId: v1.id,
      entryId: pair.entry.id,
      pickReason: list.body.candidates[0] === pair ? undefined : 'Pariskunta',
    });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    expect(await vacancyStatus(t, v2.id)).toBe('offered');
    // Each offer of the pair names the other, so the coordinator sees both are answered together.
    const partner = await api().get(`/api/v1/care/offers/${o.body.coupleOfferId}`).set('authorization', c);
    expect(partner.status).toBe(200);
    expect(partner.body).toMatchObject({ groupId: o.body.groupId, coupleOfferId: o.body.id });
    expect(partner.body.vacancy.id).toBe(o.body.vacancy.id === v1.id ? v2.id : v1.id);
    expect([await entryStatus(t, e1.id), await entryStatus(t, e2.id)]).toEqual(['offered', 'offered']);
    const declined = await answer(o.body.id, { answer: 'decline', reason: 'Eivät halua muuttaa yhtä aikaa' });
    expect(declined.status).toBe(200);
    expect([await vacancyStatus(t, v1.id), await vacancyStatus(t, v2.id)]).toEqual(['open', 'open']);
    expect([await entryStatus(t, e1.id), await entryStatus(t, e2.id)]).toEqual(['queued', 'queued']);
  });
});

describe('the legal clock in the database', () => {
  it('filters by the same states the shared rule computes', async () => {
    const cases = [0, 30, 59, 60, 79, 80, 91, 120].map((days) => daysAgo(days));
    const made: { id: string; decisionDate: string; urgency: 'normal' | 'urgent'; only: boolean }[] = [];
    for (const [i, decisionDate] of cases.entries()) {
      for (const urgency of ['normal', 'urgent'] as const) {
        const client = await newClient(t, c);
        const only = i === 3 && urgency === 'normal';
        const entry = await newEntry(t, c, {
          clientId: client.id,
          serviceTypeId: await otherServiceType(),
          decisionDate,
          urgency,
          ...(only ? { preferredUnitIds: [f.unit.unitId], onlyPreferredUnits: true } : {}),
        });
        made.push({ id: entry.id, decisionDate, urgency, only });
      }
    }
    for (const state of ['within', 'warning', 'critical', 'overdue', 'outside_guarantee'] as const) {
      const res = await api()
        .get(`/api/v1/care/queue?serviceTypeId=${await otherServiceType()}&clockState=${state}&pageSize=200`)
        .set('authorization', c);
      const fromSql = new Set(res.body.items.map((e: { id: string }) => e.id));
      const fromRule = made.filter(
        (m) =>
          legalClock({
            decisionDate: m.decisionDate,
            urgency: m.urgency,
            onlyPreferredUnits: m.only,
            today: today(),
          }).state === state,
      );
      expect(
        made
          .filter((m) => fromSql.has(m.id))
          .map((m) => m.id)
          .sort(),
        state,
      ).toEqual(fromRule.map((m) => m.id).sort());
      for (const e of res.body.items) expect(e.clock.state).toBe(state);
    }
  });
});

describe('what matching keeps in memory', () => {
  it('follows every committed change, also one made through another connection (another instance)', async () => {
    const { entry, vacancy } = await waitingClientAndPlace({ decisionDate: daysAgo(400) });
    const other = await newClient(t, c);
    await newEntry(t, c, {
      clientId: other.id,
      serviceTypeId: f.unit.serviceTypeId,
      urgency: 'normal',
      decisionDate: daysAgo(30),
    });
    const candidates = async () =>
      (await api().get(`/api/v1/care/vacancies/${vacancy.id}/candidates?limit=100`).set('authorization', c))
        .body as { candidates: { entry: { id: string; position: number | null } }[] };
    const first = await candidates();
    expect(first.candidates[0]!.entry.id).toBe(entry.id);
    expect(first.candidates[0]!.entry.position).toBe(1);

    // Another instance (here: a plain SQL connection) moves the client behind everyone else.
    await t.sql(`UPDATE queue_entries SET urgency = 'normal', decision_date = current_date WHERE id = $1`, [
      entry.id,
    ]);
    const second = await candidates();
    const moved = second.candidates.find((x) => x.entry.id === entry.id)!;
    expect(second.candidates[0]!.entry.id).not.toBe(entry.id);
    // The queue's own order (SQL) and the position shown agree.
    const [{ n }] = (await t.sql(
      `SELECT count(*)::int + 1 AS n FROM queue_entries o, queue_entries e
        WHERE e.id = $1 AND o.service_type_id = e.service_type_id AND o.status IN ('queued', 'offered', 'interim')
          AND (o.urgency, coalesce(o.priority_date, o.decision_date), o.created_at, o.id)
            < (e.urgency, coalesce(e.priority_date, e.decision_date), e.created_at, e.id)`,
      [entry.id],
    )) as [{ n: number }];
    expect(moved.entry.position).toBe(n);

    // A death recorded in another connection takes the client out of the candidates at once.
    await t.sql(`UPDATE queue_entries SET status = 'deceased', closed_on = current_date WHERE id = $1`, [
      entry.id,
    ]);
    expect((await candidates()).candidates.some((x) => x.entry.id === entry.id)).toBe(false);
  });
});
