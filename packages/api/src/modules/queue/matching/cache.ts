import { sql } from 'drizzle-orm';
import type { MatchEntry } from '@civic/shared/care-matching';
import { compareQueueOrder } from '@civic/shared/care-queue';
import type { Executor } from '../../../db/client.ts';
import { loadMatchEntries } from './repo.ts';

/**
 * The open entries of a service type as the matching rule reads them, kept in this instance's
 * memory and reloaded only when the database's queue revision has moved (migration 0010: every
 * committed change to entries, clients, offers or tags moves it). Ranking a vacancy's candidates
 * then costs the rule itself, not reading and parsing thousands of rows for every request.
 *
 * The revision is read before the entries, so a change committed in between is at worst cached
 * under the older number and reloaded on the next request, never the other way round. Callers in
 * a transaction must not have written queue data in it before asking (they read what is committed).
 */
interface Cached {
  revision: string;
  entries: readonly MatchEntry[];
  /** Place in the queue of the service type (1 = next), worked out when first asked for. */
  positions?: Map<string, number>;
}
const caches = new WeakMap<object, Map<string, Cached>>();

export async function openEntriesOfServiceType(
  db: Executor,
  cacheOwner: object,
  serviceTypeId: string,
): Promise<readonly MatchEntry[]> {
  return (await cached(db, cacheOwner, serviceTypeId)).entries;
}

/**
 * The place of each of these entries in its service type's queue (open entries only; closed ones
 * have none), in the order of compareQueueOrder.
 */
export async function queuePositions(
  db: Executor,
  cacheOwner: object,
  entries: readonly { id: string; serviceTypeId: string }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!entries.length) return out;
  const revision = await currentRevision(db);
  for (const serviceTypeId of new Set(entries.map((e) => e.serviceTypeId))) {
    const hit = await cached(db, cacheOwner, serviceTypeId, revision);
    if (!hit.positions) {
      const order = hit.entries.map((e) => ({ ...e, id: e.entryId })).sort(compareQueueOrder);
      hit.positions = new Map(order.map((e, i) => [e.id, i + 1]));
    }
    for (const { id, serviceTypeId: type } of entries) {
      const position = type === serviceTypeId ? hit.positions.get(id) : undefined;
      if (position !== undefined) out.set(id, position);
    }
  }
  return out;
}

async function currentRevision(db: Executor): Promise<string> {
  const res = await db.execute<{ revision: string }>(
    sql`SELECT revision::text AS revision FROM queue_match_revision`,
  );
  return res.rows[0]?.revision ?? '';
}

async function cached(
  db: Executor,
  cacheOwner: object,
  serviceTypeId: string,
  revision?: string,
): Promise<Cached> {
  let cache = caches.get(cacheOwner);
  if (!cache) caches.set(cacheOwner, (cache = new Map()));
  // Read before the entries (see above).
  revision ??= await currentRevision(db);
  const hit = cache.get(serviceTypeId);
  if (hit && hit.revision === revision) return hit;
  const entries = await loadMatchEntries(db, sql`e.service_type_id = ${serviceTypeId}`);
  // The same array serves every request until the next change: read-only by type, not frozen
  // (V8 walks a frozen array about twice as slowly, and the rule walks it for every request).
  const fresh: Cached = { revision, entries };
  cache.set(serviceTypeId, fresh);
  return fresh;
}
