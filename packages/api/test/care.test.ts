import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCareUnit,
  createProvider,
  createTestApp,
  createUser,
  userWithToken,
  type TestApp,
} from './helpers.ts';
import { newClient, newEntry, today } from './queue-fixtures.ts';

let t: TestApp;
let providerA: { id: string };
let providerB: { id: string };
let unitA: Awaited<ReturnType<typeof createCareUnit>>;
let unitB: Awaited<ReturnType<typeof createCareUnit>>;
let userA: Awaited<ReturnType<typeof userWithToken>>;
let userB: Awaited<ReturnType<typeof userWithToken>>;
let coordinator: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  t = await createTestApp({ DATABASE_POOL_SIZE: 20 });
  providerA = await createProvider(t);
  providerB = await createProvider(t);
  unitA = await createCareUnit(t, providerA.id);
  unitB = await createCareUnit(t, providerB.id);
  userA = await userWithToken(t, { roles: ['provider_user'], providerId: providerA.id });
  userB = await userWithToken(t, { roles: ['provider_user'], providerId: providerB.id });
  coordinator = await userWithToken(t, { roles: ['care_coordinator'] });
});
afterAll(() => t.close());

const version = async (unitId: string) =>
  (await t.sql<{ version: number }>(`SELECT version FROM care_capacity WHERE unit_id = $1`, [unitId]))[0]!
    .version;
const figures = async (unitId: string) =>
  (
    await t.sql<Record<string, number | boolean>>(
      `SELECT max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions FROM care_capacity WHERE unit_id = $1`,
      [unitId],
    )
  )[0]!;

describe('provider portal: capacity and vacancies', () => {
  it('shows a provider user only their own units on the dashboard', async () => {
    const res = await t.http().get('/api/v1/portal/dashboard').set('authorization', userA.auth);
    expect(res.status).toBe(200);
    expect(res.body.provider.id).toBe(providerA.id);
    expect(res.body.units.map((u: { id: string }) => u.id)).toEqual([unitA.unitId]);
    expect(res.body.units[0].capacity[0]).toMatchObject({
      maxCapacity: 30,
      occupied: 26,
      outOfUse: 2,
      occupancyRate: 86.7,
      stale: false,
    });
  });

  it('updates figures, refuses ones that do not add up and a stale version, changing nothing', async () => {
    const url = `/api/v1/portal/units/${unitA.unitId}/capacity/${unitA.serviceTypeId}`;
    const v = await version(unitA.unitId);
    const bad = await t.http().put(url).set('authorization', userA.auth).send({
      maxCapacity: 30,
      occupied: 29,
      reserved: 1,
      vacantAccepting: 1,
      closedToAdmissions: false,
      version: v,
    });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([{ field: '/maxCapacity', message: 'sum_exceeds_capacity' }]);
    const closed = await t.http().put(url).set('authorization', userA.auth).send({
      maxCapacity: 30,
      occupied: 26,
      reserved: 1,
      vacantAccepting: 1,
      closedToAdmissions: true,
      version: v,
    });
    expect(closed.body.errors).toEqual([{ field: '/vacantAccepting', message: 'closed_unit_cannot_accept' }]);
    expect(await version(unitA.unitId)).toBe(v);

    const ok = await t.http().put(url).set('authorization', userA.auth).send({
      maxCapacity: 32,
      occupied: 27,
      reserved: 1,
      vacantAccepting: 1,
      closedToAdmissions: false,
      version: v,
    });
    expect(ok.status).toBe(204);
    const stale = await t.http().put(url).set('authorization', userA.auth).send({
      maxCapacity: 31,
      occupied: 27,
      reserved: 1,
      vacantAccepting: 1,
      closedToAdmissions: false,
      version: v,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ maxCapacity: 32, version: v + 1 });
  });

  it('"nothing has changed" refreshes only the confirmation time', async () => {
    await t.sql(`UPDATE care_capacity SET confirmed_at = now() - interval '20 days' WHERE unit_id = $1`, [
      unitA.unitId,
    ]);
    const before = await figures(unitA.unitId);
    const dash = await t.http().get('/api/v1/portal/dashboard').set('authorization', userA.auth);
    expect(dash.body.units[0].stale).toBe(true);
    const res = await t
      .http()
      .post(`/api/v1/portal/units/${unitA.unitId}/capacity/${unitA.serviceTypeId}/confirm`)
      .set('authorization', userA.auth)
      .send({ version: await version(unitA.unitId) });
    expect(res.status).toBe(204);
    expect(await figures(unitA.unitId)).toEqual(before);
    const after = await t.http().get('/api/v1/portal/dashboard').set('authorization', userA.auth);
    expect(after.body.units[0].stale).toBe(false);
    const history = await t.http().get('/api/v1/portal/history').set('authorization', userA.auth);
    expect(history.body.items[0]).toMatchObject({ kind: 'confirm', unit: { id: unitA.unitId } });
  });

  it('reports a vacancy, which moves the figures; withdraws it with a reason, which moves them back', async () => {
    const start = await figures(unitA.unitId);
    const created = await t
      .http()
      .post(`/api/v1/portal/units/${unitA.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: unitA.serviceTypeId, availableFrom: '2026-11-01', notes: 'Huone 12' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', notes: 'Huone 12', unit: { id: unitA.unitId } });
    expect(await figures(unitA.unitId)).toMatchObject({
      vacant_accepting: (start.vacant_accepting as number) + 1,
    });

    // The figures cannot drop below what open vacancies commit.
    const v = await version(unitA.unitId);
    const below = await t
      .http()
      .put(`/api/v1/portal/units/${unitA.unitId}/capacity/${unitA.serviceTypeId}`)
      .set('authorization', userA.auth)
      .send({
        maxCapacity: 32,
        occupied: 27,
        reserved: 1,
        vacantAccepting: 0,
        closedToAdmissions: false,
        version: v,
      });
    expect(below.body.errors).toEqual([{ field: '/vacantAccepting', message: 'below_open_vacancies' }]);

    const board = await t.http().get('/api/v1/care/vacancies').set('authorization', coordinator.auth);
    expect(board.body.items.map((x: { id: string }) => x.id)).toContain(created.body.id);

    const edited = await t
      .http()
      .patch(`/api/v1/portal/vacancies/${created.body.id}`)
      .set('authorization', userA.auth)
      .send({ notes: 'Huone 14' });
    expect(edited.body.notes).toBe('Huone 14');
    const withdrawn = await t
      .http()
      .post(`/api/v1/portal/vacancies/${created.body.id}/withdraw`)
      .set('authorization', userA.auth)
      .send({ reason: 'Asukas palasi sairaalasta' });
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'Asukas palasi sairaalasta',
    });
    expect(await figures(unitA.unitId)).toEqual(start);
    const again = await t
      .http()
      .post(`/api/v1/portal/vacancies/${created.body.id}/withdraw`)
      .set('authorization', userA.auth)
      .send({ reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('refuses a vacancy when no place is free, and in a unit closed to admissions', async () => {
    const full = await createCareUnit(t, providerA.id, {
      maxCapacity: 10,
      occupied: 9,
      reserved: 0,
      vacantAccepting: 1,
      closedToAdmissions: false,
    });
    const res = await t
      .http()
      .post(`/api/v1/portal/units/${full.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: full.serviceTypeId, availableFrom: '2026-11-20' });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('no_free_place');
    expect(await t.sql(`SELECT 1 FROM vacancies WHERE unit_id = $1`, [full.unitId])).toHaveLength(0);

    const closed = await createCareUnit(t, providerA.id, {
      maxCapacity: 10,
      occupied: 5,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: true,
    });
    const refused = await t
      .http()
      .post(`/api/v1/portal/units/${closed.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: closed.serviceTypeId, availableFrom: '2026-11-20' });
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('closed_to_admissions');
    expect(await t.sql(`SELECT 1 FROM vacancies WHERE unit_id = $1`, [closed.unitId])).toHaveLength(0);
  });

  it('reports a vacancy in a full unit in one step: the place is taken from the occupied ones', async () => {
    const full = await createCareUnit(t, providerA.id, {
      maxCapacity: 12,
      occupied: 11,
      reserved: 1,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    const url = `/api/v1/portal/units/${full.unitId}/vacancies`;
    const res = await t
      .http()
      .post(url)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: full.serviceTypeId, availableFrom: '2026-11-20', placeFrom: 'occupied' });
    expect(res.status).toBe(201);
    expect(await figures(full.unitId)).toMatchObject({ max_capacity: 12, occupied: 10, vacant_accepting: 1 });
    const history = await t.sql<{ kind: string; occupied: number; vacancy_id: string }>(
      `SELECT kind, occupied, vacancy_id FROM capacity_history WHERE unit_id = $1 ORDER BY at DESC LIMIT 1`,
      [full.unitId],
    );
    expect(history[0]).toEqual({ kind: 'vacancy', occupied: 10, vacancy_id: res.body.id });

    // Nobody lives in a unit with nothing occupied: such a vacancy is refused and nothing changes.
    const empty = await createCareUnit(t, providerA.id, {
      maxCapacity: 2,
      occupied: 0,
      reserved: 1,
      vacantAccepting: 1,
      closedToAdmissions: false,
    });
    const refused = await t
      .http()
      .post(`/api/v1/portal/units/${empty.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: empty.serviceTypeId, availableFrom: '2026-11-20', placeFrom: 'occupied' });
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('no_occupied_place');
    expect(await t.sql(`SELECT 1 FROM vacancies WHERE unit_id = $1`, [empty.unitId])).toHaveLength(0);

    const bad = await t
      .http()
      .post(url)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: full.serviceTypeId, availableFrom: '2026-11-20', placeFrom: 'somewhere' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('bulk-updates many units all or nothing', async () => {
    const second = await createCareUnit(t, providerA.id);
    const items = [
      { unitId: unitA.unitId, serviceTypeId: unitA.serviceTypeId, version: await version(unitA.unitId) },
      {
        unitId: second.unitId,
        serviceTypeId: second.serviceTypeId,
        version: await version(second.unitId),
        figures: {
          maxCapacity: 30,
          occupied: 40,
          reserved: 0,
          vacantAccepting: 0,
          closedToAdmissions: false,
        },
      },
    ];
    const bad = await t
      .http()
      .post('/api/v1/portal/capacity/bulk')
      .set('authorization', userA.auth)
      .send({ items });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('/items/1/figures/maxCapacity');
    expect(await version(unitA.unitId)).toBe(items[0]!.version);
    items[1]!.figures!.occupied = 28;
    const ok = await t
      .http()
      .post('/api/v1/portal/capacity/bulk')
      .set('authorization', userA.auth)
      .send({ items });
    expect(ok.body).toEqual({ saved: 2 });
    expect(await figures(second.unitId)).toMatchObject({ occupied: 28 });
  });
});

describe('tenant isolation over the portal route table', () => {
  it("gives provider B 404 for provider A's objects on every portal route that takes an id or a unit filter", async () => {
    const vacancy = await t
      .http()
      .post(`/api/v1/portal/units/${unitA.unitId}/vacancies`)
      .set('authorization', coordinator.auth)
      .send({ serviceTypeId: unitA.serviceTypeId, availableFrom: '2026-11-15' });
    // A coordinator is not a portal user; make the vacancy as provider A.
    expect(vacancy.status).toBe(403);
    const own = await t
      .http()
      .post(`/api/v1/portal/units/${unitA.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: unitA.serviceTypeId, availableFrom: '2026-11-15' });
    // And an offer of another of A's places to a waiting client, made by the city.
    const offerVacancy = await t
      .http()
      .post(`/api/v1/portal/units/${unitA.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: unitA.serviceTypeId, availableFrom: '2026-11-15' });
    const client = await newClient(t, coordinator.auth);
    const entry = await newEntry(t, coordinator.auth, {
      clientId: client.id,
      serviceTypeId: unitA.serviceTypeId,
    });
    const offer = await t
      .http()
      .post('/api/v1/care/offers')
      .set('authorization', coordinator.auth)
      .send({ vacancyId: offerVacancy.body.id, entryId: entry.id, intendedMoveIn: today() });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const ids: Record<string, string> = {
      units: unitA.unitId,
      vacancies: own.body.id,
      offers: offer.body.id,
    };
    const bodies: Record<string, unknown> = {
      PUT: {
        maxCapacity: 30,
        occupied: 20,
        reserved: 0,
        vacantAccepting: 1,
        closedToAdmissions: false,
        version: 1,
      },
      POST: {
        version: 1,
        serviceTypeId: unitA.serviceTypeId,
        availableFrom: '2026-11-20',
        reason: 'x',
        movedInOn: today(),
      },
      PATCH: { notes: 'x' },
    };
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/portal/') && r.method !== 'HEAD');
    let checked = 0;
    for (const route of routes) {
      const schema = route.schema as { querystring?: { properties?: Record<string, unknown> } };
      const collection = /\/portal\/(\w+)\/:id/.exec(route.url)?.[1];
      const takesUnitFilter = !!schema.querystring?.properties?.unitId;
      if (!collection && !takesUnitFilter) continue;
      const url = route.url
        .replace(':id', ids[collection ?? ''] ?? '')
        .replace(':serviceTypeId', unitA.serviceTypeId);
      let req = t.http()[route.method.toLowerCase() as 'get'](url).set('authorization', userB.auth);
      if (takesUnitFilter) req = req.query({ unitId: unitA.unitId });
      // A valid body for the route, so only the organisation check can refuse it.
      const bodySchema = (route.schema as { body?: { properties?: Record<string, unknown> } }).body;
      const body = Object.fromEntries(
        Object.entries((bodies[route.method] ?? {}) as Record<string, unknown>).filter(
          ([k]) => k in (bodySchema?.properties ?? {}),
        ),
      );
      const res = await (route.method === 'GET' ? req : req.send(body));
      expect(res.status, `${route.method} ${route.url}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(13);
    // Nothing of A's changed through any of those calls.
    expect(await t.sql(`SELECT status, notes FROM vacancies WHERE id = $1`, [own.body.id])).toEqual([
      { status: 'open', notes: null },
    ]);
    expect(await t.sql(`SELECT status FROM placement_offers WHERE id = $1`, [offer.body.id])).toEqual([
      { status: 'proposed' },
    ]);
    // The same user gets their own objects.
    expect(
      (await t.http().get(`/api/v1/portal/units/${unitB.unitId}`).set('authorization', userB.auth)).status,
    ).toBe(200);
  });
});

describe('concurrent updates of one unit', () => {
  it('two provider users and a coordinator at once never leave figures that do not add up', async () => {
    const unit = await createCareUnit(t, providerA.id, {
      maxCapacity: 40,
      occupied: 30,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    const other = await userWithToken(t, { roles: ['provider_admin'], providerId: providerA.id });
    const base = `/${unit.unitId}/capacity/${unit.serviceTypeId}`;
    const server = t.http();
    const attempts = [];
    for (let round = 0; round < 5; round++) {
      const v = await version(unit.unitId);
      attempts.push(
        ...(await Promise.all([
          server.put(`/api/v1/portal/units${base}`).set('authorization', userA.auth).send({
            maxCapacity: 40,
            occupied: 35,
            reserved: 2,
            vacantAccepting: 3,
            closedToAdmissions: false,
            version: v,
          }),
          server.put(`/api/v1/portal/units${base}`).set('authorization', other.auth).send({
            maxCapacity: 38,
            occupied: 30,
            reserved: 0,
            vacantAccepting: 8,
            closedToAdmissions: false,
            version: v,
          }),
          server.put(`/api/v1/care/units${base}`).set('authorization', coordinator.auth).send({
            maxCapacity: 36,
            occupied: 36,
            reserved: 0,
            vacantAccepting: 0,
            closedToAdmissions: true,
            version: v,
          }),
          server
            .post(`/api/v1/portal/units/${unit.unitId}/vacancies`)
            .set('authorization', userA.auth)
            .send({ serviceTypeId: unit.serviceTypeId, availableFrom: '2026-11-20' }),
        ])),
      );
      const f = await figures(unit.unitId);
      expect(
        (f.occupied as number) + (f.reserved as number) + (f.vacant_accepting as number),
      ).toBeLessThanOrEqual(f.max_capacity as number);
      if (f.closed_to_admissions) expect(f.vacant_accepting).toBe(0);
      const [open] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM vacancies WHERE unit_id = $1 AND status = 'open'`,
        [unit.unitId],
      );
      expect(f.vacant_accepting as number).toBeGreaterThanOrEqual(open!.n);
    }
    // Each round exactly one versioned update won; the rest were told why.
    expect(attempts.every((r) => [201, 204, 409, 422].includes(r.status))).toBe(true);
    expect(attempts.filter((r) => r.status === 204).length).toBe(5);
  });
});

describe('registry for staff and integration clients', () => {
  it('filters units and lists providers; a care viewer reads but cannot change', async () => {
    const viewer = await userWithToken(t, { roles: ['care_viewer'] });
    const units = await t
      .http()
      .get('/api/v1/care/units')
      .query({ providerId: providerA.id })
      .set('authorization', viewer.auth);
    expect(units.status).toBe(200);
    expect(units.body.items.every((u: { provider: { id: string } }) => u.provider.id === providerA.id)).toBe(
      true,
    );
    const change = await t
      .http()
      .patch(`/api/v1/care/units/${unitA.unitId}`)
      .set('authorization', viewer.auth)
      .send({ name: 'x' });
    expect(change.status).toBe(403);
    const badProvider = await t
      .http()
      .post('/api/v1/care/providers')
      .set('authorization', coordinator.auth)
      .send({ name: 'X Oy', kind: 'purchased', businessId: '1234567-8' });
    expect(badProvider.status).toBe(422);
    const provider = await t
      .http()
      .post('/api/v1/care/providers')
      .set('authorization', coordinator.auth)
      .send({
        name: 'Hoiva X Oy',
        kind: 'purchased',
        businessId: '0201256-6',
        contractStart: '2026-01-01',
        contractEnd: '2027-12-31',
      });
    expect(provider.status).toBe(201);
  });

  it('keeps a price history and shows the price valid today on the board', async () => {
    const add = (validFrom: string, dailyPrice: number) =>
      t
        .http()
        .post(`/api/v1/care/units/${unitB.unitId}/prices`)
        .set('authorization', coordinator.auth)
        .send({ serviceTypeId: unitB.serviceTypeId, validFrom, dailyPrice });
    await add('2025-01-01', 150);
    await add('2026-01-01', 162.5);
    const unit = await add('2099-01-01', 999);
    expect(unit.body.prices.map((p: { dailyPrice: number }) => p.dailyPrice)).toEqual([150, 162.5, 999]);
    expect(unit.body.currentPrices).toEqual([
      { serviceTypeId: unitB.serviceTypeId, validFrom: '2026-01-01', dailyPrice: 162.5 },
    ]);
    await t
      .http()
      .post(`/api/v1/portal/units/${unitB.unitId}/vacancies`)
      .set('authorization', userB.auth)
      .send({ serviceTypeId: unitB.serviceTypeId, availableFrom: '2026-10-01' });
    const board = await t
      .http()
      .get('/api/v1/care/vacancies')
      .query({ providerKind: 'purchased', minAgeDays: 10 })
      .set('authorization', coordinator.auth);
    const mine = board.body.items.find((v: { unit: { id: string } }) => v.unit.id === unitB.unitId);
    expect(mine).toMatchObject({ dailyPrice: 162.5 });
    expect(mine.ageDays).toBeGreaterThanOrEqual(10);
    // Longest empty first.
    const ages = board.body.items.map((v: { ageDays: number }) => v.ageDays);
    expect([...ages].sort((a: number, b: number) => b - a)).toEqual(ages);
  });

  it('builds the board and dashboard statements once and runs them prepared, reading the rows every time', async () => {
    // A unit of its own, so the place taken here does not leave other tests' units without one.
    const unit = await createCareUnit(t, providerA.id);
    const sent: { name?: string; text: string }[] = [];
    const original = pg.Client.prototype.query;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
      const config = args[0] as string | { name?: string; text: string };
      sent.push(typeof config === 'string' ? { text: config } : { name: config.name, text: config.text });
      return original.apply(this, args as never);
    } as typeof original;
    const dashboard = async () => {
      sent.length = 0;
      const res = await t.http().get('/api/v1/portal/dashboard').set('authorization', userA.auth);
      expect(res.status).toBe(200);
      return { body: res.body, sent: [...sent] };
    };
    try {
      const first = await dashboard();
      const reported = await t
        .http()
        .post(`/api/v1/portal/units/${unit.unitId}/vacancies`)
        .set('authorization', userA.auth)
        .send({ serviceTypeId: unit.serviceTypeId, availableFrom: today() });
      expect(reported.status).toBe(201);
      const second = await dashboard();
      // The same statements, by name: built once, parsed once per connection.
      const named = (s: { name?: string; text: string }[]) =>
        s.filter((x) => /^civic_s\d+$/.test(x.name ?? ''));
      expect(named(second.sent).length).toBeGreaterThanOrEqual(8);
      expect(named(second.sent).map((x) => x.name)).toEqual(named(first.sent).map((x) => x.name));
      // Only the statement is kept, never an answer: the new vacancy is there.
      const ids = (b: { openVacancies: { id: string }[] }) => b.openVacancies.map((v) => v.id);
      expect(ids(first.body)).not.toContain(reported.body.id);
      expect(ids(second.body)).toContain(reported.body.id);
    } finally {
      pg.Client.prototype.query = original;
    }
  });

  it('shows one vacancy in any state to the city (a care viewer too), never to a provider, and 404 for an unknown one', async () => {
    const viewer = await userWithToken(t, { roles: ['care_viewer'] });
    const reported = await t
      .http()
      .post(`/api/v1/portal/units/${unitA.unitId}/vacancies`)
      .set('authorization', userA.auth)
      .send({ serviceTypeId: unitA.serviceTypeId, availableFrom: today(), notes: 'Pohjakerros' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const url = `/api/v1/care/vacancies/${reported.body.id}`;
    const open = await t.http().get(url).set('authorization', viewer.auth);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({
      id: reported.body.id,
      status: 'open',
      notes: 'Pohjakerros',
      unit: { id: unitA.unitId },
      provider: { id: providerA.id, kind: 'purchased' },
    });
    // A withdrawn place is still shown (the board lists open ones only).
    await t
      .http()
      .post(`/api/v1/portal/vacancies/${reported.body.id}/withdraw`)
      .set('authorization', userA.auth)
      .send({ reason: 'Huone remonttiin' });
    const withdrawn = await t.http().get(url).set('authorization', coordinator.auth);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Huone remonttiin' });
    expect((await t.http().get(url).set('authorization', userA.auth)).status).toBe(403);
    const unknown = await t
      .http()
      .get('/api/v1/care/vacancies/00000000-0000-4000-8000-000000000000')
      .set('authorization', coordinator.auth);
    expect(unknown.status).toBe(404);
  });

  it('lets an integration client with care.registry:read read the registry and the board', async () => {
    const admin = await userWithToken(t, { roles: ['admin'] });
    const client = await t
      .http()
      .post('/api/v1/integration-clients')
      .set('authorization', admin.auth)
      .send({ name: 'BI', scopes: ['care.registry:read'] });
    const token = await t.http().post('/api/v1/oauth/token').type('form').send({
      grant_type: 'client_credentials',
      client_id: client.body.clientId,
      client_secret: client.body.clientSecret,
    });
    const auth = `Bearer ${token.body.access_token}`;
    for (const url of [
      '/api/v1/care/providers',
      '/api/v1/care/units',
      '/api/v1/care/vacancies',
      '/api/v1/care/lists/tags',
    ]) {
      expect((await t.http().get(url).set('authorization', auth)).status, url).toBe(200);
    }
    expect((await t.http().get('/api/v1/portal/dashboard').set('authorization', auth)).status).toBe(403);
  });
});

describe('stale figures reminder job', () => {
  it("e-mails the provider's active users once a day about units not confirmed in time", async () => {
    const provider = await createProvider(t);
    const unit = await createCareUnit(t, provider.id);
    await createCareUnit(t, provider.id); // confirmed just now: not in the reminder
    const a = await userWithToken(t, { roles: ['provider_admin'], providerId: provider.id });
    const disabled = await createUser(t, {
      roles: ['provider_user'],
      providerId: provider.id,
      disabled: true,
    });
    await t.sql(`UPDATE care_capacity SET confirmed_at = now() - interval '8 days' WHERE unit_id = $1`, [
      unit.unitId,
    ]);
    const first = (await t.app.jobs.runNow('care.stale-reminders')) as {
      providers: number;
      messages: number;
    };
    expect(first.providers).toBeGreaterThanOrEqual(1);
    const mails = await t.sql<{ to_address: string; body: string }>(
      `SELECT to_address, body FROM outbound_emails WHERE to_address = $1`,
      [a.user.email],
    );
    expect(mails).toHaveLength(1);
    expect(await t.sql(`SELECT 1 FROM outbound_emails WHERE to_address = $1`, [disabled.email])).toHaveLength(
      0,
    );
    const [name] = await t.sql<{ name: string }>(`SELECT name FROM care_units WHERE id = $1`, [unit.unitId]);
    expect(mails[0]!.body).toContain(name!.name);
    await t.app.jobs.runNow('care.stale-reminders');
    expect(await t.sql(`SELECT 1 FROM outbound_emails WHERE to_address = $1`, [a.user.email])).toHaveLength(
      1,
    );
  });
});

describe('occupancy on a past day', () => {
  it('answers with the figures and the price valid at the end of that day', async () => {
    const provider = await createProvider(t);
    const unit = await createCareUnit(t, provider.id, {
      maxCapacity: 20,
      occupied: 18,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    const history = (at: string, occupied: number) =>
      t.sql(
        `INSERT INTO capacity_history (unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions, actor_label)
         VALUES ($1, $2, $3, 'update', 20, $4, 0, 0, false, 'test')`,
        [unit.unitId, unit.serviceTypeId, at, occupied],
      );
    await history('2026-03-01T10:00:00Z', 15);
    await history('2026-03-10T21:30:00Z', 17); // 23:30 in Helsinki: still 10 March there
    await history('2026-03-10T22:30:00Z', 19); // 00:30 on 11 March in Helsinki
    await t.sql(
      `INSERT INTO care_unit_prices (unit_id, service_type_id, valid_from, daily_price) VALUES ($1, $2, '2026-01-01', 150), ($1, $2, '2026-03-05', 160)`,
      [unit.unitId, unit.serviceTypeId],
    );
    const on = (date: string) =>
      t
        .http()
        .get('/api/v1/care/occupancy')
        .query({ date, providerId: provider.id })
        .set('authorization', coordinator.auth);
    expect((await on('2026-03-02')).body.rows[0]).toMatchObject({
      occupied: 15,
      dailyPrice: 150,
      dailyCost: 2250,
    });
    expect((await on('2026-03-10')).body.rows[0]).toMatchObject({
      occupied: 17,
      dailyPrice: 160,
      dailyCost: 2720,
    });
    const march11 = await on('2026-03-11');
    expect(march11.body.rows[0]).toMatchObject({ occupied: 19 });
    expect(march11.body.totals).toMatchObject({
      maxCapacity: 20,
      occupied: 19,
      occupancyRate: 95,
      dailyCost: 3040,
    });
    expect((await on('2026-02-01')).body.rows).toEqual([]);
  });
});

describe('service types of a unit', () => {
  it('adds another service type with its first figures, once, and refuses figures that do not add up', async () => {
    const [st] = await t.sql<{ id: string }>(`SELECT id FROM service_types WHERE code = 'short_term_care'`);
    const url = `/api/v1/care/units/${unitB.unitId}/services`;
    const bad = await t.http().post(url).set('authorization', coordinator.auth).send({
      serviceTypeId: st!.id,
      maxCapacity: 4,
      occupied: 5,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    expect(bad.status).toBe(422);
    const ok = await t.http().post(url).set('authorization', coordinator.auth).send({
      serviceTypeId: st!.id,
      maxCapacity: 4,
      occupied: 3,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.capacity.map((c: { serviceType: { code: string } }) => c.serviceType.code).sort()).toEqual(
      ['service_housing_24h', 'short_term_care'],
    );
    const twice = await t.http().post(url).set('authorization', coordinator.auth).send({
      serviceTypeId: st!.id,
      maxCapacity: 4,
      occupied: 3,
      reserved: 0,
      vacantAccepting: 0,
      closedToAdmissions: false,
    });
    expect(twice.status).toBe(409);
    // The provider can now report on it in the portal.
    const dash = await t.http().get('/api/v1/portal/dashboard').set('authorization', userB.auth);
    expect(dash.body.units[0].capacity).toHaveLength(2);
  });
});
