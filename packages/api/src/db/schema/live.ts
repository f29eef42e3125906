import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * What changed, for the live views: one row per changed row of the watched tables, written by
 * triggers (migration `0013_reports_live`) in the writer's transaction and announced with
 * `pg_notify('civic_live', …)` at its commit, so every API instance on the database hears it.
 * No personal data: a topic, the ids of what changed and the organisation or site it belongs to
 * (to decide who may hear of it). Kept a day for reconnecting streams to catch up.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    topic: text().notNull(),
    ids: uuid().array().notNull(),
    providerId: uuid(),
    siteId: uuid(),
  },
  (t) => [index('live_events_at_idx').on(t.at)],
);
