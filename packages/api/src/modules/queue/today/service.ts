import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { helsinkiToday } from '@civic/shared/keys';
import type { CreateWaitingPrice, Today, WaitingPrice } from '@civic/shared/queue';
import type { WaitingSetting } from '@civic/shared/care-queue';
import type { Executor } from '../../../db/client.ts';
import { waitingSettingPrices } from '../../../db/schema/index.ts';
import { conflict } from '../../../lib/errors.ts';
import { capacityService } from '../../care/capacity.ts';
import { auditClientsShown } from '../access.ts';
import { clockSql, OPEN_ENTRY } from '../clock-sql.ts';
import { selectEntries } from '../entries/repo.ts';
import { selectOffers } from '../offers/repo.ts';

/** The daily price of waiting in a setting on a day: the latest price valid from that day or before. */
export async function priceOn(db: Executor, setting: WaitingSetting, day: string): Promise<number | null> {
  const res = await db.execute<{ daily_price: string }>(sql`
    SELECT daily_price::text FROM waiting_setting_prices WHERE setting = ${setting} AND valid_from <= ${day}::date
     ORDER BY valid_from DESC LIMIT 1`);
  return res.rows[0] ? Number(res.rows[0].daily_price) : null;
}

/**
 * The coordinators' day: offers waiting for an answer, move-ins due, entries near or past the legal
 * deadline, places nobody has been offered, and what waiting in hospital costs right now.
 */
export async function today(request: FastifyRequest): Promise<Today> {
  const { db } = request.server;
  const day = helsinkiToday();
  const clock = clockSql(day);
  const [awaitingAnswer, moveInsDue, deadlines, counts, board, hospital, reassessment, price] =
    await Promise.all([
      selectOffers(
        db,
        [sql`o.status IN ('proposed', 'provider_confirmed')`],
        day,
        { limit: 100, offset: 0 },
        sql`o.response_due_at, o.id`,
      ),
      selectOffers(
        db,
        [sql`o.status = 'accepted'`, sql`o.move_in_due_on <= ${day}::date + 1`],
        day,
        { limit: 100, offset: 0 },
        sql`o.move_in_due_on, o.id`,
      ),
      selectEntries(
        request.server,
        [OPEN_ENTRY, sql`${clock.state} IN ('warning', 'critical', 'overdue')`],
        day,
        {
          limit: 50,
          offset: 0,
        },
      ),
      db.execute<{ state: string; n: number }>(sql`
      SELECT ${clock.state} AS state, count(*)::int AS n FROM queue_entries e WHERE ${OPEN_ENTRY} GROUP BY 1`),
      capacityService(request.server).board(request, { status: ['open'], pageSize: 50 }),
      // Days in hospital since the later of the ready date and the start of the hospital stay.
      db.execute<{ clients: number; days: number }>(sql`
      SELECT count(DISTINCT e.client_id)::int AS clients,
             coalesce(sum(${day}::date - greatest(e.ready_date, w.since)), 0)::int AS days
        FROM queue_entries e JOIN client_waiting_periods w ON w.client_id = e.client_id AND w.until IS NULL
       WHERE ${OPEN_ENTRY} AND w.setting = 'hospital' AND e.ready_date IS NOT NULL AND e.ready_date <= ${day}::date
         AND NOT EXISTS (SELECT 1 FROM queue_entries e2 WHERE e2.client_id = e.client_id AND e2.id < e.id
                          AND e2.status IN ('queued', 'offered', 'interim') AND e2.ready_date IS NOT NULL)`),
      db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM queue_entries e WHERE ${OPEN_ENTRY} AND e.needs_reassessment`,
      ),
      priceOn(db, 'hospital', day),
    ]);
  // Deadlines sorted by urgency of the clock: overdue first, then fewest days left.
  const ordered = [...deadlines.items].sort((a, b) => a.clock.daysLeft - b.clock.daysLeft);
  const offeredVacancyIds = new Set(awaitingAnswer.map((o) => o.vacancy.id));
  const h = hospital.rows[0] ?? { clients: 0, days: 0 };
  await auditClientsShown(request, 'care.today.viewed', [
    ...awaitingAnswer.map((o) => o.client.id),
    ...moveInsDue.map((o) => o.client.id),
    ...deadlines.clientIds,
  ]);
  return {
    today: day,
    awaitingAnswer,
    moveInsDue,
    deadlines: ordered,
    deadlineCounts: Object.fromEntries(counts.rows.map((r) => [r.state, r.n])),
    vacanciesWithoutOffer: board.items.filter((v) => !offeredVacancyIds.has(v.id)),
    hospitalWaiting: {
      clients: h.clients,
      days: h.days,
      dailyPrice: price,
      euros: price === null ? 0 : Math.round(h.days * price * 100) / 100,
      dailyEuros: price === null ? 0 : Math.round(h.clients * price * 100) / 100,
    },
    needsReassessment: reassessment.rows[0]?.n ?? 0,
  };
}

export async function listWaitingPrices(request: FastifyRequest): Promise<WaitingPrice[]> {
  const rows = await request.server.db
    .select()
    .from(waitingSettingPrices)
    .orderBy(waitingSettingPrices.setting, waitingSettingPrices.validFrom);
  return rows.map((r) => ({
    id: r.id,
    setting: r.setting,
    validFrom: r.validFrom,
    dailyPrice: Number(r.dailyPrice),
  }));
}

export async function addWaitingPrice(
  request: FastifyRequest,
  body: CreateWaitingPrice,
): Promise<WaitingPrice> {
  const user = request.requireUser();
  const [row] = await request.server.db
    .insert(waitingSettingPrices)
    .values({
      setting: body.setting,
      validFrom: body.validFrom,
      dailyPrice: body.dailyPrice.toFixed(2),
      createdBy: user.id,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw conflict('A price for this setting from that day exists already', { reason: 'price_exists' });
  await request.audit({
    action: 'care.waiting_price.added',
    targetType: 'waiting_setting_price',
    targetId: row.id,
    metadata: { ...body },
  });
  return { id: row.id, setting: row.setting, validFrom: row.validFrom, dailyPrice: Number(row.dailyPrice) };
}
