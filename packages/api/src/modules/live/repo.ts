import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { CATCH_UP_OVERLAP_SECONDS, type StoredEvent } from './hub.ts';

/** The most a stream catches up by; further behind, it is told to reload everything. */
export const CATCH_UP_LIMIT = 5_000;
/** How long events are kept for streams to catch up. */
export const RETENTION_HOURS = 24;

export async function latestEventId(db: Executor): Promise<number> {
  const res = await db.execute<{ id: string | null }>(sql`SELECT max(id)::text AS id FROM live_events`);
  return Number(res.rows[0]?.id ?? 0);
}

/**
 * What happened after event `lastId`, also a little before it (a transaction numbered earlier may
 * have committed later); null when that event is gone (too old) or there is too much to replay.
 */
export async function eventsSince(db: Executor, lastId: number): Promise<StoredEvent[] | null> {
  const res = await db.execute<{
    id: string;
    topic: StoredEvent['topic'];
    ids: string[];
    provider_id: string | null;
    site_id: string | null;
    known: boolean;
  }>(sql`
    WITH last AS (SELECT at FROM live_events WHERE id = ${lastId})
    SELECT e.id::text, e.topic, e.ids, e.provider_id, e.site_id, EXISTS (SELECT 1 FROM last) AS known
      FROM live_events e
     WHERE e.id > ${lastId}
        OR e.at >= (SELECT at FROM last) - make_interval(secs => ${CATCH_UP_OVERLAP_SECONDS})
     ORDER BY e.id LIMIT ${CATCH_UP_LIMIT + 1}`);
  if (res.rows.length > CATCH_UP_LIMIT) return null;
  if (!res.rows.length) {
    // Nothing new: fine if the event is still there (or nothing has happened since it at all).
    const known = await db.execute(sql`SELECT 1 FROM live_events WHERE id = ${lastId}`);
    return known.rows.length || lastId === (await latestEventId(db)) ? [] : null;
  }
  if (!res.rows[0]!.known) return null;
  return res.rows
    .filter((r) => Number(r.id) !== lastId)
    .map((r) => ({
      id: Number(r.id),
      topic: r.topic,
      ids: r.ids,
      providerId: r.provider_id,
      siteId: r.site_id,
    }));
}

export async function pruneEvents(db: Executor): Promise<{ deleted: number }> {
  const res = await db.execute(
    sql`DELETE FROM live_events WHERE at < now() - make_interval(hours => ${RETENTION_HOURS})`,
  );
  return { deleted: res.rowCount ?? 0 };
}
