import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  entryTransition,
  isLiveOffer,
  offerTransition,
  type CloseReason,
  type EntryStatus,
  type OfferEvent,
  type OfferStatus,
} from '@civic/shared/care-queue';
import type { Executor } from '../../../db/client.ts';
import { careUnits, placementOffers, queueEntries, vacancies } from '../../../db/schema/index.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { assertProvider, type ProviderScope } from '../../care/access.ts';
import { moveVacancy } from '../../care/capacity.ts';
import { emitWebhookEvent } from '../../webhooks/events.ts';
import { addEntryEvent, type Actor } from '../events.ts';
import { addOfferEvent } from './repo.ts';

export type OfferRow = typeof placementOffers.$inferSelect & { providerId: string; unitId: string };

/** Past-tense names of offer events, as they appear in timelines. */
export const OFFER_EVENT_KIND: Record<OfferEvent, string> = {
  provider_confirm: 'provider_confirmed',
  provider_decline: 'provider_declined',
  client_accept: 'client_accepted',
  client_decline: 'client_declined',
  expire: 'expired',
  move_in: 'moved_in',
  cancel: 'cancelled',
};

/**
 * Locks an offer and every offer of its group (a couple's two), in id order so concurrent answers
 * cannot deadlock. Another organisation's offer is unknown (404).
 */
export async function lockGroup(tx: Executor, offerId: string, scope: ProviderScope): Promise<OfferRow[]> {
  const res = await tx.execute<{ group_id: string; provider_id: string }>(sql`
    SELECT o.group_id, u.provider_id FROM placement_offers o
      JOIN vacancies v ON v.id = o.vacancy_id JOIN care_units u ON u.id = v.unit_id
     WHERE o.id = ${offerId}`);
  const head = res.rows[0];
  if (!head) throw notFound('Offer');
  assertProvider(scope, head.provider_id, 'Offer');
  const rows = await tx.execute<{ id: string }>(sql`
    SELECT id FROM placement_offers WHERE group_id = ${head.group_id} ORDER BY id FOR UPDATE`);
  const ids = rows.rows.map((r) => r.id);
  const offers = await tx
    .select()
    .from(placementOffers)
    .where(inArray(placementOffers.id, ids))
    .orderBy(placementOffers.id);
  const places = await tx
    .select({ id: vacancies.id, unitId: vacancies.unitId, providerId: careUnits.providerId })
    .from(vacancies)
    .innerJoin(careUnits, eq(careUnits.id, vacancies.unitId))
    .where(
      inArray(
        vacancies.id,
        offers.map((o) => o.vacancyId),
      ),
    );
  const placeOf = new Map(places.map((p) => [p.id, p]));
  return offers.map((o) => ({
    ...o,
    unitId: placeOf.get(o.vacancyId)!.unitId,
    providerId: placeOf.get(o.vacancyId)!.providerId,
  }));
}

type OfferWebhook =
  | 'offer.made'
  | 'offer.confirmed'
  | 'offer.declined'
  | 'offer.accepted'
  | 'offer.expired'
  | 'offer.cancelled'
  | 'placement.moved_in';

/**
 * Tells subscribed systems about an offer's step, in the step's transaction. Ids of the place, unit
 * and provider only: who the client is, the receiver reads through the API (audited).
 */
export function emitOfferWebhook(
  tx: Executor,
  type: OfferWebhook,
  offer: { id: string; vacancyId: string; unitId: string; providerId: string },
  extra: Record<string, string | boolean | null> = {},
) {
  return emitWebhookEvent(tx, type, offer.id, {
    vacancyId: offer.vacancyId,
    unitId: offer.unitId,
    providerId: offer.providerId,
    ...extra,
  });
}

const ENDED_WEBHOOK = {
  provider_decline: ['offer.declined', { by: 'provider' }],
  client_decline: ['offer.declined', { by: 'client' }],
  expire: ['offer.expired', {}],
  cancel: ['offer.cancelled', {}],
} as const satisfies Record<string, [OfferWebhook, Record<string, string | boolean>]>;

/** Refuses an event the offer's state does not allow, naming the state. */
export function nextStatus(offer: { status: OfferStatus }, event: OfferEvent): OfferStatus {
  const t = offerTransition(offer.status, event);
  if (!t.ok) {
    throw new AppError(
      409,
      'invalid_transition',
      `An offer that is ${offer.status} cannot be ${OFFER_EVENT_KIND[event]}`,
      { state: offer.status },
    );
  }
  return t.to;
}

async function lockEntry(tx: Executor, entryId: string) {
  const [entry] = await tx.select().from(queueEntries).where(eq(queueEntries.id, entryId)).for('update');
  if (!entry) throw notFound('Queue entry');
  return entry;
}

/** Moves an entry by the shared rule, or refuses. */
export async function moveEntry(
  tx: Executor,
  entryId: string,
  event: Parameters<typeof entryTransition>[1],
  set: Partial<typeof queueEntries.$inferInsert> = {},
  closeReason?: CloseReason,
): Promise<{ from: EntryStatus; to: EntryStatus }> {
  const entry = await lockEntry(tx, entryId);
  const t = entryTransition(entry.status, event, { inInterimPlace: !!entry.interimUnitId, closeReason });
  if (!t.ok) {
    throw new AppError(409, 'invalid_transition', `A ${entry.status} queue entry cannot change that way`, {
      state: entry.status,
    });
  }
  await tx
    .update(queueEntries)
    .set({ ...set, status: t.to, updatedAt: new Date() })
    .where(eq(queueEntries.id, entryId));
  return { from: entry.status, to: t.to };
}

/**
 * Ends live offers (declined, expired, cancelled): each offer's vacancy is open again (the unit's
 * figures move back from reserved), each entry returns to the queue (or to its interim place). One
 * transaction, so an acknowledged answer never leaves a place held for nobody.
 */
export async function endOffers(
  tx: Executor,
  offers: readonly OfferRow[],
  event: 'provider_decline' | 'client_decline' | 'expire' | 'cancel',
  actor: Actor,
  actorSide: 'city' | 'provider' | 'system',
  reason: string | null,
): Promise<OfferRow[]> {
  const ended: OfferRow[] = [];
  for (const offer of offers) {
    if (!isLiveOffer(offer.status)) continue;
    const to = nextStatus(offer, event);
    await tx
      .update(placementOffers)
      .set({ status: to, endedAt: new Date(), updatedAt: new Date() })
      .where(eq(placementOffers.id, offer.id));
    await moveVacancy(tx, { all: true }, actor, offer.vacancyId, 'offer_declined');
    await moveEntry(tx, offer.entryId, 'offer_ended');
    await addOfferEvent(tx, { offerId: offer.id, kind: OFFER_EVENT_KIND[event], actorSide, actor, reason });
    await addEntryEvent(tx, offer.entryId, `offer_${OFFER_EVENT_KIND[event]}`, actor, reason, {
      offerId: offer.id,
    });
    await emitOfferWebhook(tx, ENDED_WEBHOOK[event][0], offer, ENDED_WEBHOOK[event][1]);
    ended.push({ ...offer, status: to });
  }
  return ended;
}

/** Every live offer of these clients, locked, for closing their entries. */
export async function liveOffersOfClients(tx: Executor, clientIds: readonly string[]): Promise<OfferRow[]> {
  if (!clientIds.length) return [];
  const groups = await tx
    .selectDistinct({ groupId: placementOffers.groupId })
    .from(placementOffers)
    .where(
      and(
        inArray(placementOffers.clientId, [...clientIds]),
        inArray(placementOffers.status, ['proposed', 'provider_confirmed', 'accepted']),
      ),
    );
  const out: OfferRow[] = [];
  for (const g of groups) {
    const [first] = await tx
      .select({ id: placementOffers.id })
      .from(placementOffers)
      .where(eq(placementOffers.groupId, g.groupId))
      .limit(1);
    if (first) out.push(...(await lockGroup(tx, first.id, { all: true })));
  }
  return out;
}
