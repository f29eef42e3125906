import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  associations,
  keyAgreements,
  keyEvents,
  keyLossDecisions,
  keys,
  sites,
  users,
} from '../../../db/schema/index.ts';

/** Lost keys with the loss (the latest `lost` event) and its agreement. */
export function lostKeyRows(db: Executor) {
  return db
    .select({
      id: keys.id,
      code: keys.code,
      opens: keys.opens,
      keySet: keys.keySet,
      siteId: sites.id,
      siteName: sites.name,
      note: keys.note,
      lostEventId: sql<
        string | null
      >`(SELECT e.id FROM key_events e WHERE e.key_id = ${keys.id} AND e.event = 'lost' ORDER BY e.at DESC LIMIT 1)`,
    })
    .from(keys)
    .innerJoin(sites, eq(sites.id, keys.siteId))
    .where(eq(keys.status, 'lost'))
    .orderBy(asc(sites.name), asc(keys.code));
}

export function lossEvents(db: Executor, eventIds: string[]) {
  if (!eventIds.length) return Promise.resolve([]);
  return db
    .select({
      id: keyEvents.id,
      at: keyEvents.at,
      agreementId: keyEvents.agreementId,
      number: keyAgreements.number,
      association: associations.name,
    })
    .from(keyEvents)
    .leftJoin(keyAgreements, eq(keyAgreements.id, keyEvents.agreementId))
    .leftJoin(associations, eq(associations.id, keyAgreements.associationId))
    .where(inArray(keyEvents.id, eventIds));
}

export function decisionsFor(db: Executor, eventIds: string[]) {
  if (!eventIds.length) return Promise.resolve([]);
  return db
    .select({
      lostEventId: keyLossDecisions.lostEventId,
      decision: keyLossDecisions.decision,
      decidedBy: users.displayName,
      decidedAt: keyLossDecisions.decidedAt,
      costCents: keyLossDecisions.costCents,
      locksChangedOn: keyLossDecisions.locksChangedOn,
      note: keyLossDecisions.note,
    })
    .from(keyLossDecisions)
    .innerJoin(users, eq(users.id, keyLossDecisions.decidedBy))
    .where(inArray(keyLossDecisions.lostEventId, eventIds));
}

export async function lockKey(tx: Executor, id: string) {
  const [row] = await tx.select().from(keys).where(eq(keys.id, id)).for('update');
  return row ?? null;
}

export async function latestLoss(tx: Executor, keyId: string) {
  const [row] = await tx
    .select({ id: keyEvents.id, at: keyEvents.at })
    .from(keyEvents)
    .where(and(eq(keyEvents.keyId, keyId), eq(keyEvents.event, 'lost')))
    .orderBy(desc(keyEvents.at))
    .limit(1);
  return row ?? null;
}

export async function upsertDecision(tx: Executor, values: typeof keyLossDecisions.$inferInsert) {
  await tx
    .insert(keyLossDecisions)
    .values(values)
    .onConflictDoUpdate({
      target: keyLossDecisions.lostEventId,
      set: {
        decision: values.decision,
        decidedBy: values.decidedBy,
        decidedAt: values.decidedAt,
        costCents: values.costCents,
        locksChangedOn: values.locksChangedOn,
        note: values.note,
      },
    });
}

export async function insertKeyEvent(tx: Executor, values: typeof keyEvents.$inferInsert) {
  await tx.insert(keyEvents).values(values);
}
