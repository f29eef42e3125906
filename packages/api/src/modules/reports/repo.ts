import { sql, type SQL } from 'drizzle-orm';
import { GUARANTEE_MONTHS } from '@civic/shared/care-queue';
import {
  dayAfter,
  monthsBetween,
  PLACE_GROUPINGS,
  monthRange,
  type FigureQuery,
  type RawFigures,
} from '@civic/shared/care-figures';
import { addMonths } from '@civic/shared/dates';
import type { Executor } from '../../db/client.ts';

/**
 * The care figures in SQL, for any past period, over the whole history (the same definitions as
 * `packages/shared/src/care-figures-reference.ts`, tested against the same fixture). Each query
 * returns raw parts per group and, by `GROUPING SETS`, for the total over the same rows; the
 * service turns them into figures with the shared `figureValues`.
 *
 * Days are Helsinki calendar days; a period's flows end at the earlier of its end and today
 * (exclusive), its events at the earlier of its last day and today.
 */

/** One group's raw parts; `key` null is the total. */
export type RawRow = { key: string | null } & Partial<RawFigures>;

export interface FigureWindow {
  query: FigureQuery;
  /** The last day events count on: min(to, today). */
  lastDay: string;
  /** Flows count days before this one: min(to + 1, today). */
  flowEnd: string;
  /** Months from `from` to `lastDay` (for grouping by month). */
  months: string[];
}

export function figureWindow(query: FigureQuery): FigureWindow {
  const lastDay = query.to < query.asOf ? query.to : query.asOf;
  const next = dayAfter(query.to);
  return {
    query,
    lastDay,
    flowEnd: next < query.asOf ? next : query.asOf,
    months: lastDay >= query.from ? monthsBetween(query.from, lastDay) : [],
  };
}

const helsinkiDay = (ts: SQL) => sql`(${ts} AT TIME ZONE 'Europe/Helsinki')::date`;
const dayStart = (day: string) => sql`(${day}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`;

/** The group key of a row about a place, `day` deciding its month. */
function placeKey(
  q: FigureQuery,
  serviceType: SQL,
  day: SQL,
  /** Where the unit's facts are: the joined unit and provider, or columns carried along. */
  at: { kind: SQL; providerId: SQL; unitId: SQL; district: SQL } = {
    kind: sql`p.kind`,
    providerId: sql`u.provider_id`,
    unitId: sql`u.id`,
    district: sql`u.district`,
  },
): SQL {
  switch (q.groupBy) {
    case 'total':
      return sql`'total'`;
    case 'providerKind':
      return sql`${at.kind}::text`;
    case 'provider':
      return sql`${at.providerId}::text`;
    case 'unit':
      return sql`${at.unitId}::text`;
    case 'district':
      return sql`${at.district}`;
    case 'serviceType':
      return sql`${serviceType}::text`;
    case 'month':
      // The month's first day: a date sorts and groups cheaper than its name (see `keyName`).
      return sql`(${day} - date_part('day', ${day})::int + 1)`;
  }
}

/** The group key as the rows give it: months by their name (YYYY-MM), once per group. */
const keyName = (q: FigureQuery, k: SQL = sql`k`) =>
  q.groupBy === 'month' ? sql`to_char(${k}, 'YYYY-MM')` : k;

/** Filters on the unit (`u`) and its provider (`p`). */
function placeFilters(q: FigureQuery): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (q.providerKind) parts.push(sql`p.kind = ${q.providerKind}`);
  if (q.providerId?.length) parts.push(sql`u.provider_id IN ${q.providerId}`);
  if (q.unitId?.length) parts.push(sql`u.id IN ${q.unitId}`);
  if (q.district?.length) parts.push(sql`u.district IN ${q.district}`);
  return sql.join(parts, sql` AND `);
}

const serviceFilter = (q: FigureQuery, column: SQL) =>
  q.serviceTypeId?.length ? sql`${column} IN ${q.serviceTypeId}` : sql`TRUE`;

const PLACE_JOIN = sql`JOIN care_units u ON u.id = x.unit_id JOIN providers p ON p.id = u.provider_id`;

/** A day's month as a number, `year * 12 + month - 1`: months to count in integers. */
const monthNo = (day: SQL) => sql`(date_part('year', (${day})) * 12 + date_part('month', (${day})) - 1)::int`;
/** The first day of month number `n`. */
const monthDay = (n: SQL) => sql`make_date((${n}) / 12, (${n}) % 12 + 1, 1)`;

/**
 * The days `[start, end)` of a row within the window's flows, as `pc(key, s, e)`: one piece, or one
 * per month it touches when grouping by month (a short integer series over just those months'
 * numbers, so a day range of the history meets one or two months rather than every month of the
 * window, with no timestamp arithmetic per row).
 */
function cut(w: FigureWindow, start: SQL, end: SQL): SQL {
  const s = sql`greatest(${start}, ${w.query.from}::date)`;
  const e = sql`least(${end}, ${w.flowEnd}::date)`;
  if (w.query.groupBy !== 'month') return sql`LATERAL (SELECT 'total'::text AS key, ${s} AS s, ${e} AS e) pc`;
  // By month the key is the month's first day (cheaper to sort and group than its name); the
  // query names it YYYY-MM once per group.
  return sql`LATERAL (
    SELECT ${monthDay(sql`n`)} AS key, greatest(${s}, ${monthDay(sql`n`)}) AS s, least(${e}, ${monthDay(sql`n + 1`)}) AS e
      FROM generate_series(${monthNo(s)}, ${monthNo(sql`${e} - 1`)}) n) pc`;
}

type Row = Record<string, unknown> & { k: string | null; is_total: boolean };

/**
 * A report query, run without JIT compilation: the planner's row estimates for these (series per
 * row, grouping sets) pass the JIT threshold, and compiling took a second where the query itself
 * takes tens of milliseconds.
 */
export async function withoutJit<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    // And with room to sort in memory: a month split's rows (tens of thousands, a few MB)
    // otherwise spill to disk at the default 4 MB.
    await tx.execute(sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
    return (await tx.execute<T>(query)).rows as T[];
  });
}

const grouped = (db: Executor, query: SQL) => withoutJit<Row>(db, query);

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * A median and 90th percentile from one sort: `percentile_disc` at 0.5, just above 0.5 and 0.9
 * gives the lower and upper middle values and the p90 (separate `percentile_cont(0.5)` and
 * `percentile_disc(0.9)` sort the group twice); `medianP90` interpolates the middle exactly as
 * `percentile_cont(0.5)` does (the step above 0.5 stays within one row for groups under 10^9).
 */
const middleAndP90 = (value: SQL) =>
  sql`percentile_disc(ARRAY[0.5, 0.5000000001, 0.9]) WITHIN GROUP (ORDER BY ${value}::float8)`;
function medianP90(v: unknown): { median: number | null; p90: number | null } {
  if (!Array.isArray(v)) return { median: null, p90: null };
  const [low, high, p90] = v.map(Number) as [number, number, number];
  return { median: low + (high - low) * 0.5, p90 };
}

/** Whether the rows must know their unit's provider and district (a place split or filter). */
const needsPlace = (q: FigureQuery) =>
  PLACE_GROUPINGS.includes(q.groupBy) ||
  !!q.providerKind ||
  !!q.providerId?.length ||
  !!q.unitId?.length ||
  !!q.district?.length;

/**
 * What an offer's row joins to know its place: the vacancy (service type) and its unit and
 * provider, each only when the split or a filter asks for it.
 */
function offerPlace(q: FigureQuery): SQL {
  if (needsPlace(q)) return sql`JOIN vacancies x ON x.id = o.vacancy_id ${PLACE_JOIN}`;
  if (q.groupBy === 'serviceType' || q.serviceTypeId?.length)
    return sql`JOIN vacancies x ON x.id = o.vacancy_id`;
  return sql``;
}

/** The first day of the month of `day` (`YYYY-MM-DD`). */
const monthStart = (day: string) => `${day.slice(0, 8)}01`;

/**
 * The whole months of `[from, end)` as `[first, last)` (first days of months); `first === last`
 * when none lies wholly within it.
 */
export function wholeMonths(from: string, end: string): { first: string; last: string } {
  const first = from.endsWith('-01') ? from : addMonths(monthStart(from), 1);
  const last = monthStart(end);
  return first < last ? { first, last } : { first: end > from ? end : from, last: end > from ? end : from };
}

/**
 * Occupied place-days and place-days: each unit's end-of-day state (its last change that day)
 * holds from that day until the day of its next change; `capacity_days` keeps those ranges and
 * `capacity_months` their closed ones summed per month. The period's whole months come from the
 * months; the days before its first whole month and after its last, and the ranges still open,
 * from the ranges themselves (found by their GiST index), cut by month when grouping by month.
 */
export async function occupancy(db: Executor, w: FigureWindow): Promise<RawRow[]> {
  const { query: q } = w;
  const byMonth = q.groupBy === 'month';
  const { first, last } = wholeMonths(q.from, w.flowEnd);
  // The ranges the months do not hold: those meeting the part-months, and the open ones.
  const near: SQL[] = [sql`(x.until IS NULL AND x.day < ${w.flowEnd}::date)`];
  if (q.from < first) near.push(sql`daterange(x.day, x.until) && daterange(${q.from}::date, ${first}::date)`);
  if (last < w.flowEnd)
    near.push(sql`daterange(x.day, x.until) && daterange(${last}::date, ${w.flowEnd}::date)`);
  const join = needsPlace(q) ? PLACE_JOIN : sql``;
  const filters = sql`${placeFilters(q)} AND ${serviceFilter(q, sql`x.service_type_id`)}`;
  const key = (month: SQL) => (byMonth ? month : placeKey(q, sql`x.service_type_id`, month));
  // A closed range's days within the part-months only (the months hold the rest).
  const partDays = sql`CASE WHEN open THEN e - s
    ELSE greatest(0, least(e, ${first}::date) - s) + greatest(0, e - greatest(s, ${last}::date)) END`;
  const direct = byMonth
    ? sql`SELECT mg, unit_id, service_type_id, d, occupied * d, max_capacity * d
            FROM (SELECT seg.*, m::date AS mg, least(e, (m + interval '1 month')::date) - greatest(s, m::date) AS d
                    FROM seg CROSS JOIN LATERAL generate_series(date_trunc('month', s::timestamp),
                                                                date_trunc('month', (e - 1)::timestamp), interval '1 month') m
                   WHERE e > s AND (open OR m < ${first}::date OR m >= ${last}::date)) y`
    : sql`SELECT g, unit_id, service_type_id, d, occupied * d, max_capacity * d
            FROM (SELECT seg.*, ${partDays} AS d FROM seg) y`;
  const rows = await grouped(
    db,
    sql`
    WITH seg AS (
      SELECT x.unit_id, x.service_type_id, x.occupied, x.max_capacity, x.until IS NULL AS open,
             ${byMonth ? sql`NULL::date` : key(sql`x.day`)} AS g,
             greatest(x.day, ${q.from}::date) AS s, least(coalesce(x.until, ${w.flowEnd}::date), ${w.flowEnd}::date) AS e
        FROM capacity_days x ${join}
       WHERE (${sql.join(near, sql` OR `)}) AND ${filters}),
    pieces (g, unit_id, service_type_id, d, occupied, place_days) AS (
      SELECT ${key(sql`x.month`)}, x.unit_id, x.service_type_id, x.days, x.occupied_days, x.place_days
        FROM capacity_months x ${join}
       WHERE x.month >= ${first}::date AND x.month < ${last}::date AND ${filters}
      UNION ALL
      ${direct}),
    per_unit AS (
      -- Summed per unit first, so the total counts its units over a few hundred rows, not every day.
      SELECT g, unit_id, service_type_id, sum(occupied) AS occupied, sum(place_days) AS place_days
        FROM pieces WHERE d > 0 GROUP BY 1, unit_id, service_type_id)
    SELECT ${byMonth ? sql`to_char(g, 'YYYY-MM')` : sql`g`} AS k, GROUPING(g) = 1 AS is_total,
           sum(occupied)::float8 AS occupied, sum(place_days)::float8 AS place_days,
           count(DISTINCT (unit_id, service_type_id))::int AS units
      FROM per_unit GROUP BY GROUPING SETS ((g), ())`,
  );
  return rows.map((r) => ({
    key: r.is_total ? null : r.k,
    occupiedPlaceDays: num(r.occupied) ?? 0,
    placeDays: num(r.place_days) ?? 0,
    units: num(r.units) ?? 0,
  }));
}

/**
 * Vacancies: filled in the period (days empty before the move-in), the fill rate of those
 * available from a day in it, and the hours from a report to the place's first offer.
 */
export async function vacancies(db: Executor, w: FigureWindow): Promise<RawRow[]> {
  const { query: q, lastDay } = w;
  const carried = {
    kind: sql`x.kind`,
    providerId: sql`x.provider_id`,
    unitId: sql`x.unit_id`,
    district: sql`x.district`,
  };
  const key = (day: SQL) => placeKey(q, sql`x.service_type_id`, day, carried);
  const n = q.fillWithinDays;
  const rows = await grouped(
    db,
    sql`
    WITH v AS (
      SELECT v.id, v.unit_id, v.service_type_id, v.available_from, v.status, v.reported_at, v.status_changed_at
             ${needsPlace(q) ? sql`, u.provider_id, p.kind, u.district` : sql``}
        FROM vacancies v ${needsPlace(q) ? sql`JOIN care_units u ON u.id = v.unit_id JOIN providers p ON p.id = u.provider_id` : sql``}
       WHERE ${placeFilters(q)} AND ${serviceFilter(q, sql`v.service_type_id`)}
         AND v.available_from <= ${lastDay}::date
         -- Only vacancies the period can count: available, reported or filled in it (a move-in is
         -- recorded on or after its day, so a filled place changed status in the period too).
         AND (v.available_from >= ${q.from}::date OR v.reported_at >= ${dayStart(q.from)}
              OR (v.status = 'filled' AND v.status_changed_at >= ${dayStart(q.from)}))),
    x AS MATERIALIZED (
      SELECT v.*, ${helsinkiDay(sql`v.reported_at`)} AS reported_day, f.first_offered_at AS first_at,
             CASE WHEN v.status = 'filled' THEN coalesce(f.moved_in_on, ${helsinkiDay(sql`v.status_changed_at`)}) END AS fill_day
        -- Each vacancy's first offer and move-in, kept by triggers on the offers (migration 0017).
        FROM v LEFT JOIN vacancy_offer_facts f ON f.vacancy_id = v.id)
    SELECT 'fill' AS part, ${keyName(q)} AS k, GROUPING(k) = 1 AS is_total, count(*)::int AS a, sum(d)::float8 AS b,
           ${middleAndP90(sql`d`)} AS c
      FROM (SELECT ${key(sql`x.fill_day`)} AS k, greatest(0, x.fill_day - x.available_from) AS d
              FROM x WHERE x.fill_day BETWEEN ${q.from}::date AND ${lastDay}::date) y
     GROUP BY GROUPING SETS ((k), ())
    UNION ALL
    SELECT 'rate', ${keyName(q)}, GROUPING(k) = 1, count(*) FILTER (WHERE decided)::int, count(*) FILTER (WHERE within)::float8, NULL
      FROM (SELECT ${key(sql`x.available_from`)} AS k,
                   coalesce(x.fill_day - x.available_from <= ${n}, false) AS within,
                   coalesce(x.fill_day - x.available_from <= ${n}, false) OR ${q.asOf}::date - x.available_from > ${n} AS decided
              FROM x
             WHERE x.available_from BETWEEN ${q.from}::date AND ${lastDay}::date AND x.status <> 'withdrawn') y
     GROUP BY GROUPING SETS ((k), ())
    UNION ALL
    SELECT 'offer', ${keyName(q)}, GROUPING(k) = 1, count(*)::int, NULL, ${middleAndP90(sql`h`)}
      FROM (SELECT ${key(sql`x.reported_day`)} AS k, extract(epoch FROM x.first_at - x.reported_at)::float8 / 3600 AS h
              FROM x
             WHERE x.first_at IS NOT NULL AND x.reported_day BETWEEN ${q.from}::date AND ${lastDay}::date) y
     GROUP BY GROUPING SETS ((k), ())`,
  );
  return rows.map((r) => {
    const key = r.is_total ? null : r.k;
    const p = medianP90(r.c);
    if (r.part === 'fill')
      return {
        key,
        filled: num(r.a) ?? 0,
        fillDaysSum: num(r.b) ?? 0,
        fillDaysMedian: p.median,
        fillDaysP90: p.p90,
      };
    if (r.part === 'rate') return { key, fillDecided: num(r.a) ?? 0, filledWithin: num(r.b) ?? 0 };
    return {
      key,
      firstOffers: num(r.a) ?? 0,
      hoursToFirstOfferMedian: p.median,
      hoursToFirstOfferP90: p.p90,
    };
  });
}

/** Offers made in the period that the client answered: accepted (or moved in) or declined. */
export async function offers(db: Executor, w: FigureWindow): Promise<RawRow[]> {
  const { query: q, lastDay } = w;
  const rows = await grouped(
    db,
    sql`
    SELECT ${keyName(q)} AS k, GROUPING(k) = 1 AS is_total, count(*)::int AS answered,
           count(*) FILTER (WHERE accepted)::int AS accepted, count(DISTINCT client_id)::int AS clients
      FROM (SELECT ${placeKey(q, sql`x.service_type_id`, helsinkiDay(sql`o.offered_at`))} AS k, o.client_id,
                   o.status IN ('accepted', 'moved_in') AS accepted
              FROM placement_offers o ${offerPlace(q)}
             WHERE o.status IN ('accepted', 'moved_in', 'client_declined')
               AND o.offered_at >= ${dayStart(q.from)} AND o.offered_at < ${dayStart(dayAfter(lastDay))}
               AND ${placeFilters(q)} AND ${serviceFilter(q, sql`x.service_type_id`)}) y
     GROUP BY GROUPING SETS ((k), ())`,
  );
  return rows.map((r) => ({
    key: r.is_total ? null : r.k,
    answered: num(r.answered) ?? 0,
    accepted: num(r.accepted) ?? 0,
    answeredClients: num(r.clients) ?? 0,
  }));
}

/**
 * The legal clock's start and due date (as `legalClock` and `clockSql`): a refusal may have
 * restarted it; urgent care is due the same day.
 */
const CLOCK_START = sql`greatest(e.decision_date, coalesce(e.clock_restarted_on, e.decision_date))`;
const CLOCK_DUE = sql`(CASE WHEN e.urgency = 'urgent' THEN ${CLOCK_START}
  ELSE (${CLOCK_START} + make_interval(months => ${GUARANTEE_MONTHS}))::date END)`;

/** Clients placed in the period (a permanent move-in): their wait, by the unit they moved into. */
export async function placements(db: Executor, w: FigureWindow): Promise<RawRow[]> {
  const { query: q, lastDay } = w;
  const rows = await grouped(
    db,
    sql`
    SELECT ${keyName(q)} AS k, GROUPING(k) = 1 AS is_total,
           count(DISTINCT client_id)::int AS clients, count(*)::int AS entries,
           sum(dd)::float8 AS dd_sum, ${middleAndP90(sql`dd`)} AS dd_p,
           count(rd)::int AS rd_count, sum(rd)::float8 AS rd_sum, ${middleAndP90(sql`rd`)} AS rd_p,
           count(met)::int AS decided, count(*) FILTER (WHERE met)::int AS met,
           count(DISTINCT client_id) FILTER (WHERE met IS NOT NULL)::int AS decided_clients
      FROM (SELECT ${placeKey(q, sql`e.service_type_id`, sql`e.ended_on`)} AS k, e.client_id,
                   greatest(0, least(e.ended_on, ${q.asOf}::date) - ${CLOCK_START}) AS dd,
                   CASE WHEN e.ready_date IS NOT NULL THEN greatest(0, least(e.ended_on, ${q.asOf}::date) - e.ready_date) END AS rd,
                   CASE WHEN NOT e.only_preferred_units THEN e.ended_on <= ${CLOCK_DUE} END AS met
              FROM queue_entries e
              JOIN placement_offers o ON o.entry_id = e.id AND o.status = 'moved_in' AND NOT o.interim
              ${needsPlace(q) ? sql`JOIN vacancies x ON x.id = o.vacancy_id ${PLACE_JOIN}` : sql``}
             WHERE e.status = 'placed' AND e.ended_on BETWEEN ${q.from}::date AND ${lastDay}::date
               AND ${placeFilters(q)} AND ${serviceFilter(q, sql`e.service_type_id`)}) y
     GROUP BY GROUPING SETS ((k), ())`,
  );
  return rows.map((r) => {
    const decision = medianP90(r.dd_p);
    const ready = medianP90(r.rd_p);
    return {
      key: r.is_total ? null : r.k,
      placedClients: num(r.clients) ?? 0,
      placedEntries: num(r.entries) ?? 0,
      decisionDaysSum: num(r.dd_sum) ?? 0,
      decisionDaysMedian: decision.median,
      decisionDaysP90: decision.p90,
      readyEntries: num(r.rd_count) ?? 0,
      readyDaysSum: num(r.rd_sum) ?? 0,
      readyDaysMedian: ready.median,
      readyDaysP90: ready.p90,
      guaranteeDecided: num(r.decided) ?? 0,
      guaranteeMet: num(r.met) ?? 0,
      guaranteeClients: num(r.decided_clients) ?? 0,
    };
  });
}

/** Whether the queue-wide figures split by this grouping (they have no place). */
export const queueWideSplits = (q: FigureQuery) => !PLACE_GROUPINGS.includes(q.groupBy);

/**
 * The queue at a day's end: clients with a decision by then whose wait had not ended, and those
 * of them past their legal due date. At the window's last day, or each month's end.
 */
export async function queueStocks(db: Executor, w: FigureWindow): Promise<RawRow[]> {
  const { query: q, lastDay } = w;
  const at = async (points: { key: string; day: string }[], byServiceType: boolean) => {
    if (!points.length) return [];
    const key = byServiceType ? sql`e.service_type_id::text` : sql`pt.key`;
    return grouped(
      db,
      sql`
      SELECT k, GROUPING(k) = 1 AS is_total, count(DISTINCT client_id)::int AS clients,
             count(DISTINCT client_id) FILTER (WHERE overdue)::int AS overdue
        FROM (SELECT ${key} AS k, e.client_id, NOT e.only_preferred_units AND pt.day > ${CLOCK_DUE} AS overdue
                FROM queue_entries e
                JOIN (VALUES ${sql.join(
                  points.map((p) => sql`(${p.key}::text, ${p.day}::date)`),
                  sql`, `,
                )}) AS pt(key, day)
                  ON e.decision_date <= pt.day AND (e.ended_on IS NULL OR e.ended_on > pt.day)
               WHERE ${serviceFilter(q, sql`e.service_type_id`)}
                 AND e.decision_date <= ${lastDay}::date AND (e.ended_on IS NULL OR e.ended_on > ${q.from}::date)) y
       GROUP BY GROUPING SETS ((k), ())`,
    );
  };
  const last = lastDay >= q.from ? [{ key: 'total', day: lastDay }] : [];
  let rows: Row[];
  if (q.groupBy === 'month') {
    if (!w.months.length) return [];
    // Each month at its own end (the last one at the last day, which is the total too). A client
    // with one entry in the queue is counted by steps: +1 on the decision day, -1 on the day the
    // wait ended, and for the overdue +1 the day after the due date; a month's count is the sum
    // of the steps up to its end (a sum over days, no row per entry and month). Only clients with
    // several entries, who must be counted once, are matched to the month ends and counted
    // distinct.
    const points = w.months.map((m) => {
      const end = monthRange(m).end;
      return sql`(${m}::text, ${end < lastDay ? end : lastDay}::date)`;
    });
    const monthRows = await grouped(
      db,
      sql`
      WITH pt (month, day) AS (VALUES ${sql.join(points, sql`, `)}),
      e AS MATERIALIZED (
        SELECT e.client_id, e.decision_date AS s, e.ended_on AS e,
               CASE WHEN NOT e.only_preferred_units THEN ${CLOCK_DUE} + 1 END AS overdue_from
          FROM queue_entries e
         WHERE ${serviceFilter(q, sql`e.service_type_id`)}
           AND e.decision_date <= ${lastDay}::date AND (e.ended_on IS NULL OR e.ended_on > ${q.from}::date)
           AND (e.ended_on IS NULL OR e.ended_on > e.decision_date)),
      multi AS (SELECT client_id FROM e GROUP BY client_id HAVING count(*) > 1),
      single AS (SELECT * FROM e WHERE NOT EXISTS (SELECT 1 FROM multi m WHERE m.client_id = e.client_id)),
      steps (day, clients, overdue) AS (
        SELECT s, 1, 0 FROM single
        UNION ALL SELECT e, -1, 0 FROM single WHERE e IS NOT NULL
        UNION ALL SELECT overdue_from, 0, 1 FROM single WHERE overdue_from < coalesce(e, 'infinity')
        UNION ALL SELECT e, 0, -1 FROM single WHERE overdue_from < e),
      daily AS (SELECT day, sum(clients) AS clients, sum(overdue) AS overdue FROM steps GROUP BY day),
      singles AS (
        SELECT pt.month, sum(d.clients) AS clients, sum(d.overdue) AS overdue
          FROM pt JOIN daily d ON d.day <= pt.day GROUP BY pt.month),
      multis AS (
        SELECT pt.month, count(DISTINCT e.client_id) AS clients,
               count(DISTINCT e.client_id) FILTER (WHERE pt.day >= e.overdue_from) AS overdue
          FROM e JOIN multi USING (client_id)
          JOIN pt ON e.s <= pt.day AND (e.e IS NULL OR e.e > pt.day)
         GROUP BY pt.month)
      SELECT pt.month AS k, (coalesce(s.clients, 0) + coalesce(m.clients, 0))::int AS clients,
             (coalesce(s.overdue, 0) + coalesce(m.overdue, 0))::int AS overdue
        FROM pt LEFT JOIN singles s USING (month) LEFT JOIN multis m USING (month)
       WHERE coalesce(s.clients, 0) + coalesce(m.clients, 0) > 0`,
    );
    const lastMonth = w.months[w.months.length - 1];
    rows = monthRows.map((r) => ({ ...r, is_total: false }));
    const total = monthRows.find((r) => r.k === lastMonth);
    rows.push({ k: null, is_total: true, clients: total?.clients ?? 0, overdue: total?.overdue ?? 0 });
  } else {
    rows = (await at(last, q.groupBy === 'serviceType')).filter(
      (r) => r.is_total || q.groupBy === 'serviceType',
    );
  }
  return rows.map((r) => ({
    key: r.is_total ? null : r.k,
    queueClients: num(r.clients) ?? 0,
    overdueClients: num(r.overdue) ?? 0,
  }));
}

/**
 * Cost of waiting: each client's days from an entry's ready date to the end of its wait, merged
 * across the client's entries (counted once; a merged run goes to the entry that started it), cut
 * by where the client waited and by each setting's price periods.
 */
export async function waitingCost(db: Executor, w: FigureWindow): Promise<RawRow[]> {
  const { query: q } = w;
  const key =
    q.groupBy === 'month'
      ? sql`pc.key`
      : q.groupBy === 'serviceType'
        ? sql`i.service_type_id::text`
        : sql`'total'`;
  const rows = await grouped(
    db,
    sql`
    WITH eligible AS MATERIALIZED (
      SELECT e.id, e.client_id, e.service_type_id, e.created_at, e.ready_date AS s,
             coalesce(e.ended_on, ${q.asOf}::date) AS e
        FROM queue_entries e
       WHERE e.ready_date IS NOT NULL AND e.ready_date < coalesce(e.ended_on, ${q.asOf}::date)),
    -- A client with one run is its own island; only the others' runs are merged (window
    -- functions over a sort of just those).
    multi AS (SELECT client_id FROM eligible GROUP BY client_id HAVING count(*) > 1),
    -- The runs that reach into the period, and every run of the clients with several (their
    -- runs merge whole); a lone run outside the period adds nothing.
    runs AS (
      SELECT * FROM eligible r
       WHERE (r.s < ${w.flowEnd}::date AND r.e > ${q.from}::date) OR r.client_id IN (SELECT client_id FROM multi)),
    marked AS (
      SELECT r.*, CASE WHEN r.s < max(r.e) OVER (PARTITION BY r.client_id ORDER BY r.s, r.created_at, r.id
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                       THEN 0 ELSE 1 END AS starts
        FROM runs r WHERE r.client_id IN (SELECT client_id FROM multi)),
    numbered AS (
      SELECT m.*, sum(m.starts) OVER (PARTITION BY m.client_id ORDER BY m.s, m.created_at, m.id) AS island
        FROM marked m),
    islands AS (
      SELECT client_id, s, e, service_type_id FROM runs WHERE client_id NOT IN (SELECT client_id FROM multi)
      UNION ALL
      SELECT client_id, min(s) AS s, max(e) AS e,
             (array_agg(service_type_id ORDER BY s, created_at, id))[1] AS service_type_id
        FROM numbered GROUP BY client_id, island),
    prices AS (
      SELECT setting, valid_from AS s,
             coalesce(lead(valid_from) OVER (PARTITION BY setting ORDER BY valid_from), '9999-12-31'::date) AS e,
             round(daily_price * 100)::bigint AS cents
        FROM waiting_setting_prices)
    SELECT ${keyName(q)} AS k, GROUPING(k) = 1 AS is_total,
           coalesce(sum(d) FILTER (WHERE setting = 'hospital'), 0)::float8 AS hospital_days,
           sum(d * cents)::float8 AS cost_cents, count(DISTINCT client_id)::int AS clients
      FROM (SELECT ${key} AS k, i.client_id, wp.setting, pr.cents, pc.e - pc.s AS d
              FROM islands i
              JOIN client_waiting_periods wp ON wp.client_id = i.client_id
                   AND wp.since < i.e AND coalesce(wp.until, ${q.asOf}::date) > i.s
              JOIN prices pr ON pr.setting = wp.setting
                   AND pr.s < least(i.e, coalesce(wp.until, ${q.asOf}::date))
                   AND pr.e > greatest(i.s, wp.since)
              CROSS JOIN ${cut(
                w,
                sql`greatest(i.s, wp.since, pr.s)`,
                sql`least(i.e, coalesce(wp.until, ${q.asOf}::date), pr.e)`,
              )}
             WHERE ${serviceFilter(q, sql`i.service_type_id`)}) y
     WHERE d > 0
     GROUP BY GROUPING SETS ((k), ())`,
  );
  return rows.map((r) => ({
    key: r.is_total ? null : r.k,
    hospitalDays: num(r.hospital_days) ?? 0,
    costCents: num(r.cost_cents) ?? 0,
    costClients: num(r.clients) ?? 0,
  }));
}
