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

/** The agreement's Helsinki day, worked out once per row (`d` of the inner select). */
const CREATED_DAY = sql`a.d`;

function groupKey(p: KeyFigureParams): SQL {
  switch (p.groupBy) {
    case 'total':
      return sql`'total'`;
    case 'site':
      return sql`a.site_id::text`;
    case 'association':
      return sql`a.association_id::text`;
    case 'month':
      return sql`to_char(${CREATED_DAY}, 'YYYY-MM')`;
    case 'season': {
      // As keySeasonOf: the season ending on the next season end on or after the day.
      const endYear = sql`(extract(year FROM ${CREATED_DAY})::int + CASE WHEN to_char(${CREATED_DAY}, 'MM-DD') <= ${p.seasonEnd} THEN 0 ELSE 1 END)`;
      return sql`(${endYear} - 1)::text || '-' || ${endYear}::text`;
    }
  }
}

/**
 * Key agreements made in the period (Helsinki days), counted by state, with those whose keys are
 * out past the expected return date today, the keys handed over and the keys lost under them.
 */
export async function keyFigureCounts(db: Executor, p: KeyFigureParams): Promise<KeyFigureCounts[]> {
  const where: SQL[] = [
    sql`a.created_at >= (${p.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`,
    sql`a.created_at < (${addDays(p.to, 1)}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`,
  ];
  if (p.siteId?.length) where.push(sql`a.site_id IN ${p.siteId}`);
  if (p.associationId?.length) where.push(sql`a.association_id IN ${p.associationId}`);
  const states = KEY_AGREEMENT_STATES.map(
    (s) => sql`count(*) FILTER (WHERE state = ${s})::int AS ${sql.identifier(`s_${s}`)}`,
  );
  const rows = await withoutJit<Record<string, unknown> & { k: string | null; is_total: boolean }>(
    db,
    sql`
    WITH a AS (
      -- One row per agreement with its keys counted (agreement keys are reached by their primary key).
      SELECT a.id, a.state, a.expected_return_date, ${groupKey(p)} AS k,
             count(kk.key_id) FILTER (WHERE kk.state <> 'released') AS lent,
             count(kk.key_id) FILTER (WHERE kk.state = 'lost') AS lost
        FROM (SELECT a.*, (a.created_at AT TIME ZONE 'Europe/Helsinki')::date AS d
                FROM key_agreements a WHERE ${sql.join(where, sql` AND `)}) a
        LEFT JOIN key_agreement_keys kk ON kk.agreement_id = a.id
       GROUP BY a.id, a.state, a.expected_return_date, a.d, a.site_id, a.association_id)
    SELECT k, GROUPING(k) = 1 AS is_total, count(*)::int AS agreements, ${sql.join(states, sql`, `)},
           count(*) FILTER (WHERE state IN ('active', 'partially_returned') AND expected_return_date < ${p.asOf}::date)::int AS overdue,
           coalesce(sum(lent), 0)::int AS lent, coalesce(sum(lost), 0)::int AS lost
      FROM a
     GROUP BY GROUPING SETS ((k), ())`,
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
