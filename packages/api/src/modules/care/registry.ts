import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { isValidBusinessId } from '@civic/shared/identifiers';
import { freshness, occupancyRate, placesOutOfUse, capacityProblems } from '@civic/shared/care-capacity';
import { helsinkiToday } from '@civic/shared/keys';
import type {
  AddPrice,
  AddUnitService,
  CreateListItem,
  CreateProvider,
  CreateUnit,
  ListItem,
  Occupancy,
  OccupancyQuery,
  Provider,
  ProviderListQuery,
  Unit,
  UnitDetail,
  UnitListQuery,
  UpdateListItem,
  UpdateProvider,
  UpdateUnit,
} from '@civic/shared/care';
import type { Page } from '@civic/shared/common';
import type { Executor } from '../../db/client.ts';
import { executeCached, selectCached } from '../../db/statements.ts';
import {
  capacityHistory,
  careCapacity,
  careTags,
  careUnitPrices,
  careUnits,
  careUnitTags,
  providers,
  serviceTypes,
  users,
} from '../../db/schema/index.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { assertProvider, providerScope, type ProviderScope } from './access.ts';

type UnitRow = typeof careUnits.$inferSelect;

export const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Turns unit rows into DTOs with tags, capacity, prices valid today and open vacancy counts. */
export async function toUnits(db: Executor, rows: UnitRow[], staleAfterDays: number): Promise<Unit[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const today = helsinkiToday();
  // Everything the five statements are built from: the same inputs give the same statements.
  const key = JSON.stringify([ids, today]);
  const providerIds = [...new Set(rows.map((r) => r.providerId))];
  const [providerRows, tagRows, capacityRows, priceRows, vacancyCounts] = await Promise.all([
    selectCached(db, `units-providers:${JSON.stringify(providerIds)}`, () =>
      db
        .select({ id: providers.id, name: providers.name, kind: providers.kind })
        .from(providers)
        .where(inArray(providers.id, providerIds)),
    ),
    selectCached(db, `units-tags:${key}`, () =>
      db
        .select({ unitId: careUnitTags.unitId, id: careTags.id, code: careTags.code, names: careTags.names })
        .from(careUnitTags)
        .innerJoin(careTags, eq(careTags.id, careUnitTags.tagId))
        .where(inArray(careUnitTags.unitId, ids))
        .orderBy(asc(careTags.code)),
    ),
    selectCached(db, `units-capacity:${key}`, () =>
      db
        .select({
          c: careCapacity,
          st: { id: serviceTypes.id, code: serviceTypes.code, names: serviceTypes.names },
          confirmedByName: users.displayName,
        })
        .from(careCapacity)
        .innerJoin(serviceTypes, eq(serviceTypes.id, careCapacity.serviceTypeId))
        .leftJoin(users, eq(users.id, careCapacity.confirmedBy))
        .where(inArray(careCapacity.unitId, ids))
        .orderBy(asc(serviceTypes.code)),
    ),
    executeCached<{ unit_id: string; service_type_id: string; valid_from: string; daily_price: string }>(
      db,
      `units-prices:${key}`,
      () => sql`
      SELECT DISTINCT ON (unit_id, service_type_id) unit_id, service_type_id, valid_from::text, daily_price::text
        FROM care_unit_prices
       WHERE unit_id IN ${ids} AND valid_from <= ${today}::date
       ORDER BY unit_id, service_type_id, valid_from DESC`,
    ),
    executeCached<{ unit_id: string; n: number }>(
      db,
      `units-open:${key}`,
      () => sql`
      SELECT unit_id, count(*)::int AS n FROM vacancies WHERE unit_id IN ${ids} AND status = 'open' GROUP BY unit_id`,
    ),
  ]);
  const providerById = new Map(providerRows.map((p) => [p.id, p]));
  const now = new Date();
  return rows.map((r) => {
    const capacity = capacityRows
      .filter((c) => c.c.unitId === r.id)
      .map(({ c, st, confirmedByName }) => ({
        serviceType: st,
        maxCapacity: c.maxCapacity,
        occupied: c.occupied,
        reserved: c.reserved,
        vacantAccepting: c.vacantAccepting,
        closedToAdmissions: c.closedToAdmissions,
        outOfUse: placesOutOfUse(c),
        occupancyRate: occupancyRate(c),
        confirmedAt: c.confirmedAt.toISOString(),
        confirmedBy: confirmedByName ?? null,
        stale: freshness(c.confirmedAt.toISOString(), now, staleAfterDays).stale,
        version: c.version,
      }));
    const oldest = capacity.map((c) => c.confirmedAt).sort()[0] ?? null;
    return {
      id: r.id,
      provider: providerById.get(r.providerId)!,
      name: r.name,
      address: r.address,
      district: r.district,
      languages: r.languages,
      tags: tagRows.filter((t) => t.unitId === r.id).map(({ unitId: _, ...t }) => t),
      active: r.active,
      capacity,
      currentPrices: priceRows.rows
        .filter((p) => p.unit_id === r.id)
        .map((p) => ({
          serviceTypeId: p.service_type_id,
          validFrom: p.valid_from,
          dailyPrice: Number(p.daily_price),
        })),
      openVacancies: vacancyCounts.rows.find((v) => v.unit_id === r.id)?.n ?? 0,
      confirmedAt: oldest,
      stale: freshness(oldest, now, staleAfterDays).stale,
    };
  });
}

export function registryService(app: FastifyInstance) {
  const { db, config } = app;
  const staleDays = config.CARE_STALE_AFTER_DAYS;

  async function checkList(table: typeof serviceTypes | typeof careTags, ids: string[], field: string) {
    if (!ids.length) return;
    const found = await db.select({ id: table.id }).from(table).where(inArray(table.id, ids));
    if (found.length !== ids.length) throw badRequest('Unknown list item', [{ field, message: 'unknown' }]);
  }

  function checkProvider(body: UpdateProvider) {
    const errors = [];
    if (body.businessId && !isValidBusinessId(body.businessId))
      errors.push({ field: '/businessId', message: 'invalid_business_id' });
    if (body.contractStart && body.contractEnd && body.contractEnd < body.contractStart) {
      errors.push({ field: '/contractEnd', message: 'before_start' });
    }
    if (errors.length) throw badRequest('Check the provider details', errors);
  }

  async function providerDtos(where: SQL | undefined, page = 1, pageSize = 1000): Promise<Page<Provider>> {
    const [rows, [{ total } = { total: 0 }]] = await Promise.all([
      db
        .select({
          p: providers,
          unitCount: sql<number>`(SELECT count(*)::int FROM care_units u WHERE u.provider_id = ${providers.id})`,
        })
        .from(providers)
        .where(where)
        .orderBy(asc(providers.name))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db
        .select({ total: sql<number>`count(*)::int` })
        .from(providers)
        .where(where),
    ]);
    return {
      items: rows.map(({ p, unitCount }) => ({
        id: p.id,
        name: p.name,
        businessId: p.businessId,
        kind: p.kind,
        contactName: p.contactName,
        contactEmail: p.contactEmail,
        contactPhone: p.contactPhone,
        contractStart: p.contractStart,
        contractEnd: p.contractEnd,
        unitCount,
      })),
      page,
      pageSize,
      total,
    };
  }

  const service = {
    // -------------------------------------------------------------------------- managed lists
    async listItems(kind: 'service-types' | 'tags'): Promise<ListItem[]> {
      const table = kind === 'tags' ? careTags : serviceTypes;
      return db
        .select({ id: table.id, code: table.code, names: table.names, active: table.active })
        .from(table)
        .orderBy(asc(table.code));
    },
    async createItem(request: FastifyRequest, kind: 'service-types' | 'tags', body: CreateListItem) {
      const table = kind === 'tags' ? careTags : serviceTypes;
      const [row] = await db.insert(table).values(body).onConflictDoNothing().returning();
      if (!row) throw conflict(`The code ${body.code} is already in use`);
      await request.audit({
        action: `care.${kind}.created`,
        targetId: row.id,
        metadata: { code: body.code },
      });
      return { id: row.id, code: row.code, names: row.names, active: row.active };
    },
    async updateItem(
      request: FastifyRequest,
      kind: 'service-types' | 'tags',
      id: string,
      body: UpdateListItem,
    ) {
      const table = kind === 'tags' ? careTags : serviceTypes;
      const [row] = await db.update(table).set(body).where(eq(table.id, id)).returning();
      if (!row) throw notFound('List item');
      await request.audit({
        action: `care.${kind}.updated`,
        targetId: id,
        metadata: { changed: Object.keys(body) },
      });
      return { id: row.id, code: row.code, names: row.names, active: row.active };
    },

    // ------------------------------------------------------------------------------ providers
    listProviders(query: ProviderListQuery) {
      const conditions: SQL[] = [];
      if (query.q) conditions.push(sql`${providers.name} ILIKE ${like(query.q)}`);
      if (query.kind) conditions.push(eq(providers.kind, query.kind));
      return providerDtos(
        conditions.length ? and(...conditions) : undefined,
        query.page ?? 1,
        query.pageSize ?? 50,
      );
    },
    async getProvider(request: FastifyRequest, id: string) {
      assertProvider(providerScope(request), id, 'Provider');
      const [p] = (await providerDtos(eq(providers.id, id))).items;
      if (!p) throw notFound('Provider');
      return p;
    },
    async createProvider(request: FastifyRequest, body: CreateProvider) {
      checkProvider(body);
      const [row] = await db.insert(providers).values(body).returning({ id: providers.id });
      await request.audit({ action: 'care.provider.created', targetType: 'provider', targetId: row!.id });
      return (await providerDtos(eq(providers.id, row!.id))).items[0]!;
    },
    async updateProvider(request: FastifyRequest, id: string, body: UpdateProvider) {
      checkProvider(body);
      const [row] = await db
        .update(providers)
        .set({ ...body, updatedAt: new Date() })
        .where(eq(providers.id, id))
        .returning({ id: providers.id });
      if (!row) throw notFound('Provider');
      await request.audit({
        action: 'care.provider.updated',
        targetType: 'provider',
        targetId: id,
        metadata: { changed: Object.keys(body) },
      });
      return (await providerDtos(eq(providers.id, id))).items[0]!;
    },

    // ---------------------------------------------------------------------------------- units
    async listUnits(request: FastifyRequest, query: UnitListQuery): Promise<Page<Unit>> {
      const scope = providerScope(request);
      const conditions = unitConditions(scope, query, staleDays);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [{ total } = { total: 0 }]] = await Promise.all([
        db
          .select({ u: careUnits })
          .from(careUnits)
          .innerJoin(providers, eq(providers.id, careUnits.providerId))
          .where(where)
          .orderBy(asc(careUnits.name), asc(careUnits.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ total: sql<number>`count(*)::int` })
          .from(careUnits)
          .innerJoin(providers, eq(providers.id, careUnits.providerId))
          .where(where),
      ]);
      return {
        items: await toUnits(
          db,
          rows.map((r) => r.u),
          staleDays,
        ),
        page,
        pageSize,
        total,
      };
    },

    async getUnit(request: FastifyRequest, id: string): Promise<UnitDetail> {
      const [row] = await db.select().from(careUnits).where(eq(careUnits.id, id));
      if (!row) throw notFound('Unit');
      assertProvider(providerScope(request), row.providerId, 'Unit');
      const [[unit], prices, history] = await Promise.all([
        toUnits(db, [row], staleDays),
        db
          .select({
            serviceTypeId: careUnitPrices.serviceTypeId,
            validFrom: careUnitPrices.validFrom,
            dailyPrice: careUnitPrices.dailyPrice,
          })
          .from(careUnitPrices)
          .where(eq(careUnitPrices.unitId, id))
          .orderBy(asc(careUnitPrices.serviceTypeId), asc(careUnitPrices.validFrom)),
        unitHistory(db, [id], 500, 0),
      ]);
      return {
        ...unit!,
        prices: prices.map((p) => ({ ...p, dailyPrice: Number(p.dailyPrice) })),
        history,
      };
    },

    async createUnit(request: FastifyRequest, body: CreateUnit) {
      const actor = request.requireUser();
      const [provider] = await db
        .select({ id: providers.id })
        .from(providers)
        .where(eq(providers.id, body.providerId));
      if (!provider) throw badRequest('Unknown provider', [{ field: '/providerId', message: 'unknown' }]);
      await checkList(careTags, body.tagIds, '/tagIds');
      await checkList(serviceTypes, [...new Set(body.capacity.map((c) => c.serviceTypeId))], '/capacity');
      if (new Set(body.capacity.map((c) => c.serviceTypeId)).size !== body.capacity.length) {
        throw badRequest('A service type is listed twice', [
          { field: '/capacity', message: 'duplicate_service_type' },
        ]);
      }
      body.capacity.forEach((c, i) => {
        const problems = capacityProblems(c);
        if (problems.length) {
          throw badRequest(
            'Capacity figures do not add up',
            problems.map((p) => ({ ...p, field: `/capacity/${i}${p.field}` })),
          );
        }
      });
      const id = await db.transaction(async (tx) => {
        const [unit] = await tx
          .insert(careUnits)
          .values({
            providerId: body.providerId,
            name: body.name,
            address: body.address,
            district: body.district,
            languages: body.languages,
          })
          .returning({ id: careUnits.id });
        if (body.tagIds.length)
          await tx.insert(careUnitTags).values(body.tagIds.map((tagId) => ({ unitId: unit!.id, tagId })));
        for (const { serviceTypeId, ...figures } of body.capacity) {
          await tx
            .insert(careCapacity)
            .values({ unitId: unit!.id, serviceTypeId, ...figures, confirmedBy: actor.id });
          await tx.insert(capacityHistory).values({
            unitId: unit!.id,
            serviceTypeId,
            kind: 'created',
            ...figures,
            actorUserId: actor.id,
            actorLabel: actor.username,
          });
        }
        await request.audit({ action: 'care.unit.created', targetType: 'care_unit', targetId: unit!.id }, tx);
        return unit!.id;
      });
      return this.getUnit(request, id);
    },

    async updateUnit(request: FastifyRequest, id: string, body: UpdateUnit) {
      if (body.tagIds) await checkList(careTags, body.tagIds, '/tagIds');
      await db.transaction(async (tx) => {
        const { tagIds, ...fields } = body;
        const [row] = await tx
          .update(careUnits)
          .set({ ...fields, updatedAt: new Date() })
          .where(eq(careUnits.id, id))
          .returning({ id: careUnits.id });
        if (!row) throw notFound('Unit');
        if (tagIds) {
          await tx.delete(careUnitTags).where(eq(careUnitTags.unitId, id));
          if (tagIds.length)
            await tx.insert(careUnitTags).values(tagIds.map((tagId) => ({ unitId: id, tagId })));
        }
        await request.audit(
          {
            action: 'care.unit.updated',
            targetType: 'care_unit',
            targetId: id,
            metadata: { changed: Object.keys(body) },
          },
          tx,
        );
      });
      return this.getUnit(request, id);
    },

    /** The unit starts offering another service type, with its first figures. */
    async addService(request: FastifyRequest, unitId: string, body: AddUnitService) {
      const actor = request.requireUser();
      const { serviceTypeId, ...figures } = body;
      const problems = capacityProblems(figures);
      if (problems.length) throw badRequest('Capacity figures do not add up', problems);
      await checkList(serviceTypes, [serviceTypeId], '/serviceTypeId');
      await db.transaction(async (tx) => {
        const [unit] = await tx.select({ id: careUnits.id }).from(careUnits).where(eq(careUnits.id, unitId));
        if (!unit) throw notFound('Unit');
        const [row] = await tx
          .insert(careCapacity)
          .values({ unitId, serviceTypeId, ...figures, confirmedBy: actor.id })
          .onConflictDoNothing()
          .returning({ unitId: careCapacity.unitId });
        if (!row) throw conflict('The unit already offers this service type');
        await tx.insert(capacityHistory).values({
          unitId,
          serviceTypeId,
          kind: 'created',
          ...figures,
          actorUserId: actor.id,
          actorLabel: actor.username,
        });
        await request.audit(
          {
            action: 'care.unit.service_added',
            targetType: 'care_unit',
            targetId: unitId,
            metadata: { serviceTypeId },
          },
          tx,
        );
      });
      return this.getUnit(request, unitId);
    },

    /** A new daily price from a date; earlier prices stay, so reports use the price of each day. */
    async addPrice(request: FastifyRequest, unitId: string, body: AddPrice) {
      const actor = request.requireUser();
      const [cap] = await db
        .select({ unitId: careCapacity.unitId })
        .from(careCapacity)
        .where(and(eq(careCapacity.unitId, unitId), eq(careCapacity.serviceTypeId, body.serviceTypeId)));
      if (!cap) {
        const [unit] = await db.select({ id: careUnits.id }).from(careUnits).where(eq(careUnits.id, unitId));
        if (!unit) throw notFound('Unit');
        throw badRequest('The unit does not offer this service type', [
          { field: '/serviceTypeId', message: 'not_offered' },
        ]);
      }
      await db.transaction(async (tx) => {
        await tx
          .insert(careUnitPrices)
          .values({
            unitId,
            serviceTypeId: body.serviceTypeId,
            validFrom: body.validFrom,
            dailyPrice: body.dailyPrice.toFixed(2),
            createdBy: actor.id,
          })
          .onConflictDoUpdate({
            target: [careUnitPrices.unitId, careUnitPrices.serviceTypeId, careUnitPrices.validFrom],
            set: { dailyPrice: body.dailyPrice.toFixed(2), createdBy: actor.id, createdAt: new Date() },
          });
        await request.audit(
          { action: 'care.price.set', targetType: 'care_unit', targetId: unitId, metadata: { ...body } },
          tx,
        );
      });
      return this.getUnit(request, unitId);
    },

    /**
     * Occupancy on any past day: each unit's last reported figures up to the end of that day, with
     * the price valid that day, so cost reports use the right price for every day.
     */
    async occupancyOn(request: FastifyRequest, query: OccupancyQuery): Promise<Occupancy> {
      const scope = providerScope(request);
      const parts: SQL[] = [sql`TRUE`];
      if (!scope.all) parts.push(sql`u.provider_id = ${scope.providerId}`);
      if (query.providerId) parts.push(sql`u.provider_id = ${query.providerId}`);
      if (query.district) parts.push(sql`u.district = ${query.district}`);
      const res = await db.execute<{
        unit_id: string;
        unit_name: string;
        provider_id: string;
        provider_name: string;
        kind: 'own' | 'purchased';
        st_id: string;
        st_code: string;
        st_names: { fi: string; sv: string; en: string };
        max_capacity: number;
        occupied: number;
        reserved: number;
        vacant_accepting: number;
        closed_to_admissions: boolean;
        at: Date;
        daily_price: string | null;
      }>(sql`
        WITH h AS (
          SELECT DISTINCT ON (h.unit_id, h.service_type_id) h.*
            FROM capacity_history h
           WHERE h.at < ((${query.date}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')
           ORDER BY h.unit_id, h.service_type_id, h.at DESC, h.id DESC)
        SELECT u.id AS unit_id, u.name AS unit_name, p.id AS provider_id, p.name AS provider_name, p.kind,
               st.id AS st_id, st.code AS st_code, st.names AS st_names,
               h.max_capacity, h.occupied, h.reserved, h.vacant_accepting, h.closed_to_admissions, h.at,
               (SELECT pr.daily_price::text FROM care_unit_prices pr
                 WHERE pr.unit_id = h.unit_id AND pr.service_type_id = h.service_type_id AND pr.valid_from <= ${query.date}::date
                 ORDER BY pr.valid_from DESC LIMIT 1) AS daily_price
          FROM h JOIN care_units u ON u.id = h.unit_id JOIN providers p ON p.id = u.provider_id JOIN service_types st ON st.id = h.service_type_id
         WHERE ${sql.join(parts, sql` AND `)}
         ORDER BY u.name, st.code`);
      const rows = res.rows.map((r) => {
        const dailyPrice = r.daily_price === null ? null : Number(r.daily_price);
        return {
          unit: { id: r.unit_id, name: r.unit_name },
          provider: { id: r.provider_id, name: r.provider_name, kind: r.kind },
          serviceType: { id: r.st_id, code: r.st_code, names: r.st_names },
          maxCapacity: r.max_capacity,
          occupied: r.occupied,
          reserved: r.reserved,
          vacantAccepting: r.vacant_accepting,
          closedToAdmissions: r.closed_to_admissions,
          asOf: new Date(r.at).toISOString(),
          dailyPrice,
          dailyCost: dailyPrice === null ? null : Math.round(dailyPrice * r.occupied * 100) / 100,
        };
      });
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((acc, r) => acc + f(r), 0);
      const maxCapacity = sum((r) => r.maxCapacity);
      const occupied = sum((r) => r.occupied);
      return {
        date: query.date,
        rows,
        totals: {
          maxCapacity,
          occupied,
          vacantAccepting: sum((r) => r.vacantAccepting),
          occupancyRate: occupancyRate({ maxCapacity, occupied }),
          dailyCost: Math.round(sum((r) => r.dailyCost ?? 0) * 100) / 100,
        },
      };
    },
  };
  return service;
}

export function unitConditions(scope: ProviderScope, query: UnitListQuery, staleDays: number): SQL[] {
  const conditions: SQL[] = [];
  if (!scope.all) conditions.push(eq(careUnits.providerId, scope.providerId));
  if (query.providerId) conditions.push(eq(careUnits.providerId, query.providerId));
  if (query.district) conditions.push(eq(careUnits.district, query.district));
  if (query.providerKind) conditions.push(eq(providers.kind, query.providerKind));
  if (query.q) conditions.push(sql`${careUnits.name} ILIKE ${like(query.q)}`);
  if (query.serviceTypeId) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM care_capacity c WHERE c.unit_id = ${careUnits.id} AND c.service_type_id = ${query.serviceTypeId})`,
    );
  }
  for (const tagId of query.tagId ?? []) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM care_unit_tags t WHERE t.unit_id = ${careUnits.id} AND t.tag_id = ${tagId})`,
    );
  }
  if (query.stale !== undefined) {
    const stale = sql`EXISTS (SELECT 1 FROM care_capacity c WHERE c.unit_id = ${careUnits.id} AND c.confirmed_at < now() - make_interval(days => ${staleDays}))`;
    conditions.push(query.stale ? stale : sql`NOT ${stale}`);
  }
  return conditions;
}

export async function unitHistory(db: Executor, unitIds: string[], limit: number, offset: number) {
  if (!unitIds.length) return [];
  const rows = await db
    .select({
      h: capacityHistory,
      unitName: careUnits.name,
      actor: sql<string>`coalesce(${users.displayName}, ${capacityHistory.actorLabel})`,
    })
    .from(capacityHistory)
    .innerJoin(careUnits, eq(careUnits.id, capacityHistory.unitId))
    .leftJoin(users, eq(users.id, capacityHistory.actorUserId))
    .where(inArray(capacityHistory.unitId, unitIds))
    .orderBy(sql`${capacityHistory.at} DESC`, sql`${capacityHistory.id} DESC`)
    .limit(limit)
    .offset(offset);
  return rows.map(({ h, unitName, actor }) => ({
    at: h.at.toISOString(),
    unit: { id: h.unitId, name: unitName },
    serviceTypeId: h.serviceTypeId,
    kind: h.kind,
    maxCapacity: h.maxCapacity,
    occupied: h.occupied,
    reserved: h.reserved,
    vacantAccepting: h.vacantAccepting,
    closedToAdmissions: h.closedToAdmissions,
    actor,
  }));
}
