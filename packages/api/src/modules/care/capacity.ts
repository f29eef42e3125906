import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  applyVacancy,
  capacityProblems,
  vacancyTransition,
  type CapacityFigures,
  type VacancyEvent,
  type VacancyStatus,
} from '@civic/shared/care-capacity';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import type {
  BulkCapacity,
  CreateVacancy,
  PortalDashboard,
  PortalHistoryQuery,
  UpdateVacancy,
  Vacancy,
  VacancyBoardQuery,
} from '@civic/shared/care';
import type { Page } from '@civic/shared/common';
import type { Executor } from '../../db/client.ts';
import { executeCached, selectCached } from '../../db/statements.ts';
import { capacityHistory, careCapacity, careUnits, providers, vacancies } from '../../db/schema/index.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { emitWebhookEvent } from '../webhooks/events.ts';
import { assertProvider, providerScope, type ProviderScope } from './access.ts';
import { toUnits, unitHistory } from './registry.ts';

type Actor = { id: string | null; username: string };
type CapacityRow = typeof careCapacity.$inferSelect;

const figuresOf = (c: CapacityRow): CapacityFigures => ({
  maxCapacity: c.maxCapacity,
  occupied: c.occupied,
  reserved: c.reserved,
  vacantAccepting: c.vacantAccepting,
  closedToAdmissions: c.closedToAdmissions,
});

/** Locks one unit's figures for a service type, after checking the caller may touch the unit. */
async function lockCapacity(tx: Executor, request: FastifyRequest, unitId: string, serviceTypeId: string) {
  const [unit] = await tx
    .select({ providerId: careUnits.providerId })
    .from(careUnits)
    .where(eq(careUnits.id, unitId));
  if (!unit) throw notFound('Unit');
  assertProvider(providerScope(request), unit.providerId, 'Unit');
  const [row] = await tx
    .select()
    .from(careCapacity)
    .where(and(eq(careCapacity.unitId, unitId), eq(careCapacity.serviceTypeId, serviceTypeId)))
    .for('update');
  if (!row) throw notFound('Capacity of this service type');
  return row;
}

async function commitments(tx: Executor, unitId: string, serviceTypeId: string) {
  const res = await tx.execute<{ open: number; offered: number }>(sql`
    SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'offered')::int AS offered
      FROM vacancies WHERE unit_id = ${unitId} AND service_type_id = ${serviceTypeId}`);
  return res.rows[0] ?? { open: 0, offered: 0 };
}

function versionConflict(row: CapacityRow) {
  return new AppError(
    409,
    'conflict',
    'Someone changed these figures after you loaded them; check the new figures and try again',
    {
      current: { ...figuresOf(row), version: row.version, confirmedAt: row.confirmedAt.toISOString() },
    },
  );
}

/** Writes new figures (or only a confirmation) with one history row; the caller holds the lock. */
async function writeFigures(
  tx: Executor,
  row: CapacityRow,
  figures: CapacityFigures,
  kind: 'update' | 'confirm' | 'vacancy',
  actor: Actor,
  vacancyId?: string,
) {
  const now = new Date();
  await tx
    .update(careCapacity)
    .set({
      ...figures,
      updatedAt: now,
      version: row.version + 1,
      ...(kind === 'vacancy' ? {} : { confirmedAt: now, confirmedBy: actor.id }),
    })
    .where(and(eq(careCapacity.unitId, row.unitId), eq(careCapacity.serviceTypeId, row.serviceTypeId)));
  await tx.insert(capacityHistory).values({
    unitId: row.unitId,
    serviceTypeId: row.serviceTypeId,
    kind,
    ...figures,
    actorUserId: actor.id,
    actorLabel: actor.username,
    vacancyId: vacancyId ?? null,
  });
}

const VACANCY_REFUSALS: Record<string, string> = {
  no_free_place:
    'Every place of the unit is in use: report the vacancy from an occupied place (placeFrom: occupied) or raise the maximum',
  no_occupied_place: 'No place of the unit is occupied, so none can have been freed',
  closed_to_admissions: 'The unit is closed to admissions',
  invalid_transition: 'The vacancy cannot change that way',
  figures_out_of_step: 'The capacity figures do not match the vacancies; update them first',
};

function vacancyRefusal(reason: string) {
  return new AppError(
    409,
    reason === 'invalid_transition' ? 'invalid_transition' : 'conflict',
    VACANCY_REFUSALS[reason] ?? 'The vacancy cannot change that way',
    { reason },
  );
}

/**
 * One step of a vacancy (offered, offer ended, filled, withdrawn) with the unit's figures moved in
 * the same transaction; refuses what would not add up. Used by the portal, the board and the queue's
 * offers (the caller's scope decides whose vacancies it may move; jobs act as the system).
 */
export async function moveVacancy(
  tx: Executor,
  scope: ProviderScope,
  actor: Actor,
  vacancyId: string,
  event: VacancyEvent,
  reason?: string,
): Promise<VacancyStatus> {
  const [locked] = await tx
    .select({ v: vacancies, providerId: careUnits.providerId })
    .from(vacancies)
    .innerJoin(careUnits, eq(careUnits.id, vacancies.unitId))
    .where(eq(vacancies.id, vacancyId))
    .for('update', { of: vacancies });
  if (!locked) throw notFound('Vacancy');
  assertProvider(scope, locked.providerId, 'Vacancy');
  const v = locked.v;
  if (event === 'withdraw') {
    // A place offered to a client is answered through the offer (decline it), not withdrawn under it.
    const live = await tx.execute(sql`SELECT 1 FROM placement_offers WHERE vacancy_id = ${vacancyId}
      AND status IN ('proposed', 'provider_confirmed', 'accepted') LIMIT 1`);
    if (live.rows.length) {
      throw new AppError(409, 'conflict', 'The place has been offered to a client; answer the offer first', {
        reason: 'offered_to_client',
      });
    }
  }
  const [row] = await tx
    .select()
    .from(careCapacity)
    .where(and(eq(careCapacity.unitId, v.unitId), eq(careCapacity.serviceTypeId, v.serviceTypeId)))
    .for('update');
  if (!row) throw notFound('Capacity of this service type');
  const result = applyVacancy(figuresOf(row), { kind: 'event', from: v.status as VacancyStatus, event });
  if (!result.ok) throw vacancyRefusal(result.reason);
  await writeFigures(tx, row, result.figures, 'vacancy', actor, vacancyId);
  const to = vacancyTransition(v.status as VacancyStatus, event);
  if (!to.ok) throw vacancyRefusal('invalid_transition');
  await tx
    .update(vacancies)
    .set({
      status: to.to,
      statusChangedAt: new Date(),
      updatedAt: new Date(),
      ...(event === 'withdraw' ? { withdrawnReason: reason ?? null } : {}),
    })
    .where(eq(vacancies.id, vacancyId));
  if (event === 'withdraw' || event === 'fill') {
    await emitWebhookEvent(tx, event === 'fill' ? 'vacancy.filled' : 'vacancy.withdrawn', vacancyId, {
      unitId: v.unitId,
      providerId: locked.providerId,
      serviceTypeId: v.serviceTypeId,
    });
  }
  return to.to;
}

/** The vacancy board's filter: the caller's scope and the query's filters. */
function boardWhere(scope: ProviderScope, query: VacancyBoardQuery, today: string, ids?: string[]): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (ids) parts.push(sql`v.id IN ${ids}`);
  if (!scope.all) parts.push(sql`u.provider_id = ${scope.providerId}`);
  // A unit taken out of use leaves the city's board; its provider still sees its own history.
  else if (!ids && !query.unitId) parts.push(sql`u.active`);
  parts.push(sql`v.status IN ${query.status?.length ? query.status : ['open']}`);
  if (query.district?.length) parts.push(sql`u.district IN ${query.district}`);
  if (query.serviceTypeId) parts.push(sql`v.service_type_id = ${query.serviceTypeId}`);
  if (query.providerKind) parts.push(sql`p.kind = ${query.providerKind}`);
  if (query.unitId) parts.push(sql`v.unit_id = ${query.unitId}`);
  if (query.language) parts.push(sql`${query.language} = ANY (u.languages)`);
  if (query.minAgeDays !== undefined)
    parts.push(sql`v.available_from <= ${today}::date - ${query.minAgeDays}::int`);
  for (const tagId of query.tagId ?? []) {
    parts.push(sql`EXISTS (SELECT 1 FROM care_unit_tags t WHERE t.unit_id = u.id AND t.tag_id = ${tagId})`);
  }
  return sql.join(parts, sql` AND `);
}

export function capacityService(app: FastifyInstance) {
  const { db, config } = app;
  const staleDays = config.CARE_STALE_AFTER_DAYS;

  /** New figures or "nothing has changed" for one unit and service type, checked against its vacancies. */
  async function change(
    tx: Executor,
    request: FastifyRequest,
    item: { unitId: string; serviceTypeId: string; version: number; figures?: CapacityFigures },
    fieldPrefix = '',
  ) {
    const actor = request.requireUser();
    const row = await lockCapacity(tx, request, item.unitId, item.serviceTypeId);
    if (row.version !== item.version) throw versionConflict(row);
    if (item.figures) {
      const problems = capacityProblems(item.figures, await commitments(tx, item.unitId, item.serviceTypeId));
      if (problems.length) {
        throw badRequest(
          'The figures do not add up',
          problems.map((p) => ({ ...p, field: `${fieldPrefix}${p.field}` })),
        );
      }
      await writeFigures(tx, row, item.figures, 'update', actor);
    } else {
      await writeFigures(tx, row, figuresOf(row), 'confirm', actor);
    }
  }

  /** Applies a vacancy change to the figures in the same transaction; refuses what would not add up. */
  async function moveFigures(
    tx: Executor,
    request: FastifyRequest,
    unitId: string,
    serviceTypeId: string,
    change: Parameters<typeof applyVacancy>[1],
    vacancyId?: string,
  ) {
    const row = await lockCapacity(tx, request, unitId, serviceTypeId);
    const result = applyVacancy(figuresOf(row), change);
    if (!result.ok) throw vacancyRefusal(result.reason);
    await writeFigures(tx, row, result.figures, 'vacancy', request.requireUser(), vacancyId);
  }

  async function lockVacancy(tx: Executor, request: FastifyRequest, id: string) {
    const [row] = await tx
      .select({ v: vacancies, providerId: careUnits.providerId })
      .from(vacancies)
      .innerJoin(careUnits, eq(careUnits.id, vacancies.unitId))
      .where(eq(vacancies.id, id))
      .for('update', { of: vacancies });
    if (!row) throw notFound('Vacancy');
    assertProvider(providerScope(request), row.providerId, 'Vacancy');
    return row.v;
  }

  const service = {
    async updateCapacity(
      request: FastifyRequest,
      unitId: string,
      serviceTypeId: string,
      body: { version: number } & Partial<CapacityFigures>,
    ) {
      const { version, ...rest } = body;
      const figures = 'maxCapacity' in rest ? (rest as CapacityFigures) : undefined;
      await db.transaction(async (tx) => {
        await change(tx, request, { unitId, serviceTypeId, version, figures });
        await request.audit(
          {
            action: figures ? 'care.capacity.updated' : 'care.capacity.confirmed',
            targetType: 'care_unit',
            targetId: unitId,
            metadata: { serviceTypeId, ...(figures ?? {}) },
          },
          tx,
        );
      });
    },

    /** Many units in one go: every row is checked, and one refusal means nothing is saved. */
    async bulk(request: FastifyRequest, body: BulkCapacity) {
      await db.transaction(async (tx) => {
        // A fixed lock order keeps two bulk updates over the same units from deadlocking.
        const ordered = body.items
          .map((item, i) => ({ item, i }))
          .sort((a, b) =>
            `${a.item.unitId}${a.item.serviceTypeId}`.localeCompare(
              `${b.item.unitId}${b.item.serviceTypeId}`,
            ),
          );
        for (const { item, i } of ordered) await change(tx, request, item, `/items/${i}/figures`);
        await request.audit(
          {
            action: 'care.capacity.bulk',
            targetType: 'care_unit',
            metadata: { items: body.items.length, updated: body.items.filter((x) => x.figures).length },
          },
          tx,
        );
      });
      return { saved: body.items.length };
    },

    async createVacancy(request: FastifyRequest, unitId: string, body: CreateVacancy) {
      const actor = request.requireUser();
      if (body.availableFrom < addDays(helsinkiToday(), -365)) {
        throw badRequest('The date is too far in the past', [
          { field: '/availableFrom', message: 'too_old' },
        ]);
      }
      const id = await db.transaction(async (tx) => {
        // The unit (the caller's own) and its figures for the service type exist, before any write.
        await lockCapacity(tx, request, unitId, body.serviceTypeId);
        const [row] = await tx
          .insert(vacancies)
          .values({
            unitId,
            serviceTypeId: body.serviceTypeId,
            availableFrom: body.availableFrom,
            notes: body.notes?.trim() || null,
            reportedBy: actor.id,
          })
          .returning({ id: vacancies.id });
        await moveFigures(
          tx,
          request,
          unitId,
          body.serviceTypeId,
          { kind: 'announce', from: body.placeFrom ?? 'out_of_use' },
          row!.id,
        );
        await request.audit(
          { action: 'care.vacancy.reported', targetType: 'vacancy', targetId: row!.id },
          tx,
        );
        const [unit] = await tx
          .select({ providerId: careUnits.providerId })
          .from(careUnits)
          .where(eq(careUnits.id, unitId));
        await emitWebhookEvent(tx, 'vacancy.reported', row!.id, {
          unitId,
          providerId: unit!.providerId,
          serviceTypeId: body.serviceTypeId,
        });
        return row!.id;
      });
      return this.vacancy(request, id);
    },

    async updateVacancy(request: FastifyRequest, id: string, body: UpdateVacancy) {
      await db.transaction(async (tx) => {
        const v = await lockVacancy(tx, request, id);
        if (v.status !== 'open' && v.status !== 'offered') {
          throw new AppError(409, 'invalid_transition', `A ${v.status} vacancy cannot be edited`);
        }
        await tx
          .update(vacancies)
          .set({ ...body, updatedAt: new Date() })
          .where(eq(vacancies.id, id));
        await request.audit(
          {
            action: 'care.vacancy.updated',
            targetType: 'vacancy',
            targetId: id,
            metadata: { changed: Object.keys(body) },
          },
          tx,
        );
      });
      return this.vacancy(request, id);
    },

    async vacancyEvent(request: FastifyRequest, id: string, event: VacancyEvent, reason?: string) {
      await db.transaction(async (tx) => {
        await moveVacancy(tx, providerScope(request), request.requireUser(), id, event, reason);
        await request.audit({ action: `care.vacancy.${event}`, targetType: 'vacancy', targetId: id }, tx);
      });
      return this.vacancy(request, id);
    },

    /** One vacancy in any state (the city's vacancy page; a provider only its own: another answers 404). */
    async vacancy(request: FastifyRequest, id: string): Promise<Vacancy> {
      const [vacancy] = (
        await this.board(request, { status: ['open', 'offered', 'filled', 'withdrawn'] }, [id])
      ).items;
      if (!vacancy) throw notFound('Vacancy');
      return vacancy;
    },

    /**
     * The vacancy board: places standing empty longest first, with each unit's tags and the daily
     * price valid today. Providers see their own organisation's only.
     */
    async board(request: FastifyRequest, query: VacancyBoardQuery, ids?: string[]): Promise<Page<Vacancy>> {
      const scope = providerScope(request);
      if (query.unitId && !scope.all) {
        // Filtering by another organisation's unit is not an empty list but an unknown unit.
        const [unit] = await db
          .select({ providerId: careUnits.providerId })
          .from(careUnits)
          .where(eq(careUnits.id, query.unitId));
        if (unit?.providerId !== scope.providerId) throw notFound('Unit');
      }
      const today = helsinkiToday();
      // Everything the two statements are built from: the same inputs give the same statements.
      const key = JSON.stringify([scope, query, ids ?? null, today]);
      const where = () => boardWhere(scope, query, today, ids);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const from = sql`FROM vacancies v JOIN care_units u ON u.id = v.unit_id JOIN providers p ON p.id = u.provider_id`;
      const [rows, count] = await Promise.all([
        executeCached<{
          id: string;
          unit_id: string;
          unit_name: string;
          district: string;
          languages: string[];
          provider_id: string;
          provider_name: string;
          kind: 'own' | 'purchased';
          st_id: string;
          st_code: string;
          st_names: { fi: string; sv: string; en: string };
          available_from: string;
          notes: string | null;
          status: VacancyStatus;
          reported_at: Date;
          reported_by: string | null;
          age_days: number;
          withdrawn_reason: string | null;
          daily_price: string | null;
          tags: { id: string; code: string; names: { fi: string; sv: string; en: string } }[];
        }>(
          db,
          `board:${key}`,
          () => sql`
          SELECT v.id, u.id AS unit_id, u.name AS unit_name, u.district, u.languages, p.id AS provider_id, p.name AS provider_name, p.kind,
                 st.id AS st_id, st.code AS st_code, st.names AS st_names, v.available_from::text, v.notes, v.status, v.reported_at,
                 (SELECT display_name FROM users WHERE id = v.reported_by) AS reported_by,
                 greatest(0, ${today}::date - v.available_from)::int AS age_days, v.withdrawn_reason,
                 (SELECT daily_price::text FROM care_unit_prices pr
                   WHERE pr.unit_id = v.unit_id AND pr.service_type_id = v.service_type_id AND pr.valid_from <= ${today}::date
                   ORDER BY pr.valid_from DESC LIMIT 1) AS daily_price,
                 (SELECT coalesce(json_agg(json_build_object('id', t.id, 'code', t.code, 'names', t.names) ORDER BY t.code), '[]')
                    FROM care_unit_tags ut JOIN care_tags t ON t.id = ut.tag_id WHERE ut.unit_id = u.id) AS tags
            ${from} JOIN service_types st ON st.id = v.service_type_id
           WHERE ${where()}
           ORDER BY v.available_from ASC, v.reported_at ASC, v.id
           LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        ),
        executeCached<{ total: number }>(
          db,
          `board-count:${key}`,
          () => sql`SELECT count(*)::int AS total ${from} WHERE ${where()}`,
        ),
      ]);
      return {
        items: rows.rows.map((r) => ({
          id: r.id,
          unit: {
            id: r.unit_id,
            name: r.unit_name,
            district: r.district,
            languages: r.languages,
            tags: r.tags,
          },
          provider: { id: r.provider_id, name: r.provider_name, kind: r.kind },
          serviceType: { id: r.st_id, code: r.st_code, names: r.st_names },
          availableFrom: r.available_from,
          notes: r.notes,
          status: r.status,
          reportedAt: new Date(r.reported_at).toISOString(),
          reportedBy: r.reported_by,
          ageDays: r.age_days,
          withdrawnReason: r.withdrawn_reason,
          dailyPrice: r.daily_price === null ? null : Number(r.daily_price),
        })),
        page,
        pageSize,
        total: count.rows[0]?.total ?? 0,
      };
    },

    async dashboard(request: FastifyRequest): Promise<PortalDashboard> {
      const scope = providerScope(request);
      if (scope.all) throw badRequest('The portal dashboard is for provider staff');
      const [provider] = await selectCached(db, `dashboard-provider:${scope.providerId}`, () =>
        db
          .select({ id: providers.id, name: providers.name, kind: providers.kind })
          .from(providers)
          .where(eq(providers.id, scope.providerId)),
      );
      const unitRows = await selectCached(db, `dashboard-units:${scope.providerId}`, () =>
        db.select().from(careUnits).where(eq(careUnits.providerId, scope.providerId)).orderBy(careUnits.name),
      );
      const [units, open] = await Promise.all([
        toUnits(db, unitRows, staleDays),
        this.board(request, { status: ['open', 'offered'], pageSize: 200 }),
      ]);
      return { provider: provider!, units, openVacancies: open.items, staleAfterDays: staleDays };
    },

    /** The organisation's own reports: capacity changes and confirmations, newest first. */
    async history(request: FastifyRequest, query: PortalHistoryQuery) {
      const scope = providerScope(request);
      const conditions: SQL[] = [];
      if (!scope.all) conditions.push(eq(careUnits.providerId, scope.providerId));
      if (query.unitId) conditions.push(eq(careUnits.id, query.unitId));
      const units = await db
        .select({ id: careUnits.id })
        .from(careUnits)
        .where(conditions.length ? and(...conditions) : undefined);
      if (query.unitId && !units.length) throw notFound('Unit');
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const ids = units.map((u) => u.id);
      const [items, total] = await Promise.all([
        unitHistory(db, ids, pageSize, (page - 1) * pageSize),
        ids.length
          ? db
              .select({ n: sql<number>`count(*)::int` })
              .from(capacityHistory)
              .where(inArray(capacityHistory.unitId, ids))
          : Promise.resolve([{ n: 0 }]),
      ]);
      return { items, page, pageSize, total: total[0]?.n ?? 0 };
    },
  };
  return service;
}
