import { sql } from 'drizzle-orm';
import {
  emptyRawFigures,
  figureValues,
  halfYear,
  lastEndedHalfYear,
  monthsBetween,
  PLACE_GROUPINGS,
  PUBLICATION_FIGURES,
  suppressComplements,
  type FigureQuery,
  type FigureRow,
  type RawFigures,
} from '@civic/shared/care-figures';
import type { Names } from '@civic/shared/care';
import { addDays, keySeasonOf } from '@civic/shared/keys';
import { addMonths } from '@civic/shared/dates';
import type {
  CareFigureRow,
  CareFigures,
  CareFiguresQuery,
  KeyFigures,
  KeyFiguresQuery,
  WaitingTimeRow,
  WaitingTimes,
  WaitingTimesQuery,
} from '@civic/shared/reports';
import type { Executor } from '../../db/client.ts';
import { badRequest } from '../../lib/errors.ts';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import * as repo from './repo.ts';
import { keyFigureCounts, keyGroupLabels } from './keys-repo.ts';

/** Longest period one request may cover: the history's whole life in practice. */
const MAX_PERIOD_MONTHS = 120;

/** The period asked for, or the year up to today; refused when backwards or too long. */
export function period(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(addMonths(to, -12), 1);
  if (from > to)
    throw badRequest('The period ends before it starts', [{ field: '/from', message: 'after_to' }]);
  if (addMonths(from, MAX_PERIOD_MONTHS) < to) {
    throw badRequest('The period is too long', [{ field: '/from', message: 'too_long' }]);
  }
  return { from, to };
}

function figureQuery(query: CareFiguresQuery, asOf: string): FigureQuery {
  return {
    ...period(query, asOf),
    asOf,
    groupBy: query.groupBy ?? 'total',
    fillWithinDays: query.fillWithinDays ?? 14,
    providerKind: query.providerKind,
    providerId: query.providerId,
    unitId: query.unitId,
    district: query.district,
    serviceTypeId: query.serviceTypeId,
  };
}

/**
 * Every care figure for a period, split as asked, computed in the database from the history;
 * the rows and the total go through the shared rounding and suppression.
 */
export async function careFigures(db: Executor, query: CareFiguresQuery, asOf: string): Promise<CareFigures> {
  const q = figureQuery(query, asOf);
  const w = repo.figureWindow(q);
  const placeFiltered =
    !!q.providerKind || !!q.providerId?.length || !!q.unitId?.length || !!q.district?.length;
  const queueWide = !placeFiltered;
  const queueWideRows = queueWide && !PLACE_GROUPINGS.includes(q.groupBy);
  const [byPlace, byQueue] = await Promise.all([
    Promise.all([repo.occupancy(db, w), repo.vacancies(db, w), repo.offers(db, w), repo.placements(db, w)]),
    queueWide ? Promise.all([repo.queueStocks(db, w), repo.waitingCost(db, w)]) : Promise.resolve([]),
  ]);
  const groups = new Map<string, RawFigures>();
  const total = emptyRawFigures();
  const add = (row: repo.RawRow) => {
    const { key, ...parts } = row;
    if (key === null) return Object.assign(total, parts);
    let raw = groups.get(key);
    if (!raw) groups.set(key, (raw = emptyRawFigures()));
    Object.assign(raw, parts);
  };
  byPlace.flat().forEach(add);
  // Queue-wide parts split by service type and month only; by place they are the total's alone.
  byQueue.flat().forEach((row) => (row.key === null || queueWideRows) && add(row));
  if (q.groupBy === 'month') for (const m of w.months) if (!groups.has(m)) groups.set(m, emptyRawFigures());
  const rows: FigureRow[] =
    q.groupBy === 'total'
      ? []
      : [...groups.entries()].map(([key, raw]) => ({ key, figures: figureValues(raw, queueWideRows) }));
  suppressComplements(rows);
  const labels = await groupLabels(
    db,
    q.groupBy,
    rows.map((r) => r.key),
  );
  const labelled = rows
    .map((r): CareFigureRow => ({ ...r, ...labels(r.key) }))
    .sort((a, b) => (q.groupBy === 'month' ? cmp(a.key, b.key) : a.label.localeCompare(b.label, 'fi')));
  return {
    from: q.from,
    to: q.to,
    asOf,
    groupBy: q.groupBy,
    fillWithinDays: q.fillWithinDays,
    rows: labelled,
    total: { key: 'total', label: 'total', figures: figureValues(total, queueWide) },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Names of the groups' providers, units and service types; other keys name themselves. */
async function groupLabels(db: Executor, groupBy: FigureQuery['groupBy'], keys: string[]) {
  const names = new Map<string, { label: string; names?: Names | null }>();
  if (keys.length && (groupBy === 'provider' || groupBy === 'unit' || groupBy === 'serviceType')) {
    const table = { provider: sql`providers`, unit: sql`care_units`, serviceType: sql`service_types` }[
      groupBy
    ];
    const label = groupBy === 'serviceType' ? sql`code` : sql`name`;
    const withNames = groupBy === 'serviceType' ? sql`names` : sql`NULL::jsonb`;
    const res = await db.execute<{ id: string; label: string; names: Names | null }>(
      sql`SELECT id::text, ${label} AS label, ${withNames} AS names FROM ${table} WHERE id IN ${keys}`,
    );
    for (const r of res.rows) names.set(r.id, { label: r.label, names: r.names });
  }
  return (key: string) => names.get(key) ?? { label: key };
}

/**
 * The half-year publication of waiting times (§26): per service type, the clients placed in the
 * half-year, their waits from the decision and the share within the guarantee, and who waited at
 * its end. The same figures as the dashboard's, for that period.
 */
export async function waitingTimes(
  db: Executor,
  query: WaitingTimesQuery,
  asOf: string,
): Promise<WaitingTimes> {
  const fallback = lastEndedHalfYear(asOf);
  const year = query.year ?? fallback.year;
  const half = (query.half ?? (query.year ? 1 : fallback.half)) as 1 | 2;
  const { from, to } = halfYear(year, half);
  if (from > asOf) {
    throw badRequest('That half-year has not started', [{ field: '/year', message: 'in_the_future' }]);
  }
  const figures = await careFigures(db, { from, to, groupBy: 'serviceType' }, asOf);
  const pick = (row: CareFigureRow): WaitingTimeRow => ({
    key: row.key,
    label: row.label,
    names: row.names,
    figures: Object.fromEntries(
      PUBLICATION_FIGURES.map((f) => [f, row.figures[f]]),
    ) as WaitingTimeRow['figures'],
  });
  return { year, half, from, to, asOf, rows: figures.rows.map(pick), total: pick(figures.total) };
}

/** The seasons (`YYYY-YYYY`) the days `from`..`to` touch, in order. */
function seasonsBetween(from: string, to: string, seasonEnd: string): string[] {
  if (to < from) return [];
  const first = Number(keySeasonOf(from, seasonEnd).slice(0, 4));
  const last = Number(keySeasonOf(to, seasonEnd).slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => `${first + i}-${first + i + 1}`);
}

/** The keys figures: agreements made in the period, by state, overdue now and keys lost. */
export async function keyFigures(
  db: Executor,
  query: KeyFiguresQuery,
  asOf: string,
  seasonEnd: string,
): Promise<KeyFigures> {
  const { from, to } = period(query, asOf);
  const groupBy = query.groupBy ?? 'total';
  const counts = await keyFigureCounts(db, {
    from,
    to,
    asOf,
    groupBy,
    seasonEnd,
    siteId: query.siteId,
    associationId: query.associationId,
  });
  const empty = { agreements: 0, overdue: 0, keysLent: 0, lostKeys: 0 };
  const totalCounts = counts.find((c) => c.key === null);
  const groups = groupBy === 'total' ? [] : counts.filter((c) => c.key !== null);
  const label = await keyGroupLabels(
    db,
    groupBy,
    groups.map((g) => g.key!),
  );
  const byState = (): KeyFigures['total']['byState'] =>
    Object.fromEntries(KEY_AGREEMENT_STATES.map((s) => [s, 0])) as KeyFigures['total']['byState'];
  // A timeline lists every month or season of the period up to today, those without agreements
  // at zero (a chart must show the gap, not close it).
  const seen = new Set(groups.map((g) => g.key));
  const last = to < asOf ? to : asOf;
  const timeline =
    groupBy === 'month'
      ? monthsBetween(from, last)
      : groupBy === 'season'
        ? seasonsBetween(from, last, seasonEnd)
        : [];
  for (const key of timeline) if (!seen.has(key)) groups.push({ key, ...empty, byState: byState() });
  const rows = groups
    .map(({ key, ...c }) => ({ key: key!, label: label(key!), ...c }))
    .sort((a, b) =>
      groupBy === 'month' || groupBy === 'season' ? cmp(a.key, b.key) : a.label.localeCompare(b.label, 'fi'),
    );
  const { key: _key, ...total } = totalCounts ?? { key: null, ...empty, byState: byState() };
  return { from, to, asOf, groupBy, rows, total: { key: 'total', label: 'total', ...total } };
}
