import { sql, type SQL } from 'drizzle-orm';
import { CRITICAL_DAYS, GUARANTEE_MONTHS, WARNING_DAYS } from '@civic/shared/care-queue';

/**
 * The legal clock of `packages/shared/src/care-queue.ts` (legalClock) as SQL over `queue_entries e`,
 * for filtering and counting in the database. A test checks both agree on the same fixtures.
 * PostgreSQL's `date + interval 'n months'` clamps to the month's last day, as addMonths does.
 */
export function clockSql(today: string) {
  const start = sql`greatest(e.decision_date, coalesce(e.clock_restarted_on, e.decision_date))`;
  const due = sql`(CASE WHEN e.urgency = 'urgent' THEN ${start} ELSE (${start} + make_interval(months => ${GUARANTEE_MONTHS}))::date END)`;
  const until = sql`least(coalesce(e.ended_on, ${today}::date), ${today}::date)`;
  const days = sql`(${until} - ${start})`;
  const state: SQL<string> = sql`(CASE
      WHEN e.only_preferred_units THEN 'outside_guarantee'
      WHEN ${until} > ${due} THEN 'overdue'
      WHEN e.urgency = 'urgent' OR ${days} >= ${CRITICAL_DAYS} THEN 'critical'
      WHEN ${days} >= ${WARNING_DAYS} THEN 'warning'
      ELSE 'within' END)`;
  return { start, due, days, state };
}

/** Open entries: still waiting (at most one per client and service type). */
export const OPEN_ENTRY = sql`e.status IN ('queued', 'offered', 'interim')`;
/** Queue order (urgency class, queue date, then entry time and id), as compareQueueOrder. */
export const QUEUE_ORDER = sql`e.urgency, coalesce(e.priority_date, e.decision_date), e.created_at, e.id`;
/** An offer holding its vacancy and its entry. */
export const LIVE_OFFER = sql`('proposed', 'provider_confirmed', 'accepted')`;
