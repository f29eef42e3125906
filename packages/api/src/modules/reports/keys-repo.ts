import { sql, type SQL } from 'drizzle-orm';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import { addDays } from '@civic/shared/keys';
import type { KeyGrouping } from '@civic/shared/reports';
import type { Executor } from '../../db/client.ts';
import { withoutJit } from './repo.ts';

export interface KeyFigureCounts {
  key: string | null;
  agreements: number;
  byState: Record<(typeof KEY_AGREEMENT_STATES)[number], number>;
  overdue: number;
  keysLent: number;
  lostKeys: number;
}

export interface KeyFigureParams {
  from: string;
  to: string;
  asOf: string;
  groupBy: KeyGrouping;
  siteId?: readonly string[];
  associationId?: readonly string[];
  /** `MM-DD`: the last day of a season (KEY_SEASON_END). */
  seasonEnd: string;
}

type KeyFiguresGrouping = Pick<KeyFigureParams, 'groupBy' | 'seasonEnd'>;

/**
 * What agreements are first counted by: the site, the association, or the Helsinki day they were
 * made (a few hundred days rather than thousands of agreements then go into months and seasons).
 */
function firstKey(p: KeyFiguresGrouping): SQL {
  switch (p.groupBy) {
    case 'total':
      return sql`'total'`;
    case 'site':
      return sql`a.site_id`;
    case 'association':
      return sql`a.association_id`;
    case 'month':
    case 'season':
      return sql`(a.created_at AT TIME ZONE 'Europe/Helsinki')::date`;
  }
}

/** The group of a first key `k0`: itself, a month's first day or a season's end year. */
function groupKey(p: KeyFiguresGrouping): SQL {
  switch (p.groupBy) {
    case 'total':
    case 'site':
    case 'association':
      return sql`k0`;
    case 'month':
      return sql`(k0 - date_part('day', k0)::int + 1)`;
    case 'season': {
      // As keySeasonOf: the season ending on the next season end on or after the day.
      const [month, day] = p.seasonEnd.split('-').map(Number) as [number, number];
      return sql`(date_part('year', k0)::int
        + CASE WHEN date_part('month', k0) * 100 + date_part('day', k0) <= ${month * 100 + day} THEN 0 ELSE 1 END)`;
    }
  }
}

/** The group's name as the rows give it: ids as text, months YYYY-MM, seasons YYYY-YYYY. */
function groupName(p: KeyFiguresGrouping): SQL {
  switch (p.groupBy) {
    case 'total':
      return sql`k`;
    case 'site':
    case 'association':
      return sql`k::text`;
    case 'month':
      return sql`to_char(k, 'YYYY-MM')`;
    case 'season':
      return sql`(k - 1)::text || '-' || k::text`;
  }
}

/**
 * Key agreements made in the period (Helsinki days), counted by state, with those whose keys are
 * out past the expected return date today, the keys handed over and the keys lost under them.
 * The agreements and their keys are counted apart by a first key (each a plain grouping, no row
 * per agreement to build), meet on it, and add up into the groups and the total.
 */
export async function keyFigureCounts(db: Executor, p: KeyFigureParams): Promise<KeyFigureCounts[]> {
  const where: SQL[] = [
    sql`a.created_at >= (${p.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`,
    sql`a.created_at < (${addDays(p.to, 1)}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`,
  ];
  if (p.siteId?.length) where.push(sql`a.site_id IN ${p.siteId}`);
  if (p.associationId?.length) where.push(sql`a.association_id IN ${p.associationId}`);
  const stateColumns = KEY_AGREEMENT_STATES.map((s) => sql.identifier(`s_${s}`));
  const rows = await withoutJit<Record<string, unknown> & { k: string | null; is_total: boolean }>(
    db,
    sql`
    WITH a AS MATERIALIZED (
      SELECT a.id, a.state, a.expected_return_date, ${firstKey(p)} AS k0
        FROM key_agreements a WHERE ${sql.join(where, sql` AND `)}),
    agreements AS (
      SELECT k0, count(*) AS agreements,
             ${sql.join(
               KEY_AGREEMENT_STATES.map(
                 (s, i) => sql`count(*) FILTER (WHERE state = ${s}) AS ${stateColumns[i]}`,
               ),
               sql`, `,
             )},
             count(*) FILTER (WHERE state IN ('active', 'partially_returned') AND expected_return_date < ${p.asOf}::date) AS overdue
        FROM a GROUP BY k0),
    held AS (
      -- An agreement's keys are reached by their primary key.
      SELECT a.k0, count(*) FILTER (WHERE kk.state <> 'released') AS lent, count(*) FILTER (WHERE kk.state = 'lost') AS lost
        FROM a JOIN key_agreement_keys kk ON kk.agreement_id = a.id
       GROUP BY a.k0),
    counted AS (
      SELECT ${groupKey(p)} AS k, g.*, coalesce(h.lent, 0) AS lent, coalesce(h.lost, 0) AS lost
        FROM agreements g LEFT JOIN held h USING (k0))
    SELECT ${groupName(p)} AS k, GROUPING(k) = 1 AS is_total, sum(agreements)::int AS agreements,
           ${sql.join(
             stateColumns.map((c) => sql`sum(${c})::int AS ${c}`),
             sql`, `,
           )},
           sum(overdue)::int AS overdue, sum(lent)::int AS lent, sum(lost)::int AS lost
      FROM counted GROUP BY GROUPING SETS ((k), ())`,
  );
  return rows.map((r) => ({
    key: r.is_total ? null : r.k,
    agreements: Number(r.agreements),
    byState: Object.fromEntries(
      KEY_AGREEMENT_STATES.map((s) => [s, Number(r[`s_${s}`])]),
    ) as KeyFigureCounts['byState'],
    overdue: Number(r.overdue),
    keysLent: Number(r.lent),
    lostKeys: Number(r.lost),
  }));
}

/** Names of the sites or associations the rows are about. */
export async function keyGroupLabels(db: Executor, groupBy: KeyGrouping, keys: string[]) {
  const out = new Map<string, string>();
  if (keys.length && (groupBy === 'site' || groupBy === 'association')) {
    const table = groupBy === 'site' ? sql`sites` : sql`associations`;
    const res = await db.execute<{ id: string; name: string }>(
      sql`SELECT id::text, name FROM ${table} WHERE id IN ${keys}`,
    );
    for (const r of res.rows) out.set(r.id, r.name);
  }
  return (key: string) => out.get(key) ?? key;
}
