import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq, sql, type SQL } from 'drizzle-orm';
import { applyRefusal } from '@civic/shared/care-queue';
import { matchEntry } from '@civic/shared/care-matching';
import type { Language } from '@civic/shared/common';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import { maxDate } from '@civic/shared/dates';
import type {
  ClientAnswer,
  CreateOffer,
  OfferListQuery,
  PlacementOffer,
  PortalOffer,
  PortalOffersAwaiting,
} from '@civic/shared/queue';
import type { Page } from '@civic/shared/common';
import type { Executor } from '../../../db/client.ts';
import {
  careClients,
  clientWaitingPeriods,
  placementOffers,
  queueEntries,
} from '../../../db/schema/index.ts';
import { AppError, badRequest, notFound } from '../../../lib/errors.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../../plugins/app/audit.ts';
import { providerScope } from '../../care/access.ts';
import { moveVacancy } from '../../care/capacity.ts';
import { enqueueEmail } from '../../mail/outbox.ts';
import { auditClient, PURPOSE } from '../access.ts';
import { addEntryEvent, SYSTEM, type Actor } from '../events.ts';
import { rankForVacancy } from '../matching/service.ts';
import {
  emitOfferWebhook,
  endOffers,
  lockGroup,
  moveEntry,
  nextStatus,
  OFFER_EVENT_KIND,
  type OfferRow,
} from './lifecycle.ts';
import { NEW_OFFER_MAIL } from './messages.ts';
import { addOfferEvent, countOffers, countOffersByStatus, selectOffers, selectPortalOffers } from './repo.ts';

function actorOf(request: FastifyRequest): Actor {
  const user = request.requireUser();
  return { id: user.id, username: user.username };
}

async function offerGroup(db: Executor, groupId: string, today: string) {
  return selectOffers(db, [sql`o.group_id = ${groupId}`], today, { limit: 10, offset: 0 }, sql`o.id`);
}

/** Locks a vacancy for offering: it must be open, in an active unit. */
async function lockOpenVacancy(tx: Executor, vacancyId: string) {
  const res = await tx.execute<{
    id: string;
    status: string;
    unit_id: string;
    service_type_id: string;
    active: boolean;
    provider_id: string;
    unit_name: string;
  }>(sql`
    SELECT v.id, v.status, v.unit_id, v.service_type_id, u.active, u.provider_id, u.name AS unit_name
      FROM vacancies v JOIN care_units u ON u.id = v.unit_id WHERE v.id = ${vacancyId} FOR UPDATE OF v`);
  const v = res.rows[0];
  if (!v) throw notFound('Vacancy');
  if (v.status !== 'open' || !v.active) {
    throw new AppError(
      409,
      'conflict',
      v.status === 'offered'
        ? 'This place has already been offered to a client'
        : `A ${v.status} place cannot be offered`,
      {
        reason: v.status === 'offered' ? 'already_offered' : 'not_open',
      },
    );
  }
  return v;
}

/** A unique index refusing a second live offer (two coordinators at once): a conflict, not a crash. */
function liveOfferConflict(err: unknown): never {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint ?? '';
  if (code === '23505' && constraint.startsWith('placement_offers_live_')) {
    throw new AppError(
      409,
      'conflict',
      'Someone else made an offer of this place or to this client just now',
      {
        reason: constraint.includes('vacancy') ? 'already_offered' : 'client_has_offer',
      },
    );
  }
  throw err;
}

/**
 * Offers a vacancy to a waiting client (a couple gets the unit's second open place with it). The
 * client must fit by the shared rule; choosing anyone but the top candidate needs a reason, which
 * is kept with the offer. Vacancy, unit figures, entry and the provider's e-mail change together.
 */
export async function createOffer(request: FastifyRequest, body: CreateOffer): Promise<PlacementOffer> {
  const { db, config } = request.server;
  const actor = actorOf(request);
  const today = helsinkiToday();
  if (body.intendedMoveIn < today) {
    throw badRequest('The intended move-in cannot be in the past', [
      { field: '/intendedMoveIn', message: 'in_the_past' },
    ]);
  }
  const groupId = randomUUID();
  try {
    await db.transaction(async (tx) => {
      const vacancy = await lockOpenVacancy(tx, body.vacancyId);
      const { place, ranked } = await rankForVacancy(request.server, tx, body.vacancyId, today);
      const index = ranked.findIndex(
        (c) => c.match.entryId === body.entryId || c.entry.spouse?.entryId === body.entryId,
      );
      if (index < 0) {
        const exists = await tx
          .select({ id: queueEntries.id })
          .from(queueEntries)
          .where(eq(queueEntries.id, body.entryId));
        if (!exists.length) throw notFound('Queue entry');
        throw new AppError(
          409,
          'conflict',
          'The client does not fit this place (see the candidates for why)',
          { reason: 'not_a_candidate' },
        );
      }
      if (index > 0 && !body.pickReason) {
        throw badRequest('Choosing a client other than the first candidate needs a reason', [
          { field: '/pickReason', message: 'required_when_not_first' },
        ]);
      }
      const { entry, match } = ranked[index]!;
      const couple = entry.spouse
        ? [
            { entryId: entry.entryId, clientId: entry.clientId },
            { entryId: entry.spouse.entryId, clientId: entry.spouse.clientId },
          ]
        : [{ entryId: entry.entryId, clientId: entry.clientId }];
      let second: string | null = null;
      if (couple.length === 2) {
        second = body.spouseVacancyId ?? match.spouseVacancyId;
        if (!second || second === body.vacancyId) {
          throw badRequest('A couple needs a second place in the same unit', [
            { field: '/spouseVacancyId', message: 'required_for_couple' },
          ]);
        }
        const other = await lockOpenVacancy(tx, second);
        if (other.unit_id !== vacancy.unit_id || other.service_type_id !== vacancy.service_type_id) {
          throw badRequest('The second place must be in the same unit', [
            { field: '/spouseVacancyId', message: 'other_unit' },
          ]);
        }
      } else if (body.spouseVacancyId) {
        throw badRequest('Only a couple is offered two places', [
          { field: '/spouseVacancyId', message: 'not_a_couple' },
        ]);
      }
      const responseDueAt = new Date(Date.now() + config.OFFER_RESPONSE_HOURS * 3_600_000);
      const vacancies = [body.vacancyId, ...(second ? [second] : [])];
      for (const [i, person] of couple.entries()) {
        const [offer] = await tx
          .insert(placementOffers)
          .values({
            groupId,
            vacancyId: vacancies[i]!,
            entryId: person.entryId,
            clientId: person.clientId,
            interim: body.interim ?? false,
            intendedMoveIn: body.intendedMoveIn,
            note: body.note?.trim() || null,
            pickReason: body.pickReason?.trim() || null,
            rankAtOffer: index + 1,
            offeredBy: actor.id,
            responseDueAt,
          })
          .returning({ id: placementOffers.id });
        await moveVacancy(tx, { all: true }, actor, vacancies[i]!, 'offer');
        await moveEntry(tx, person.entryId, 'offer');
        await addOfferEvent(tx, {
          offerId: offer!.id,
          kind: 'offered',
          actorSide: 'city',
          actor,
          reason: body.pickReason ?? null,
          detail: {
            rank: index + 1,
            score: match.score,
            reasons: matchEntry(place, entry, today).reasons.map((r) => r.code),
            interim: body.interim ?? false,
          },
        });
        await addEntryEvent(tx, person.entryId, 'offered', actor, body.pickReason ?? null, {
          offerId: offer!.id,
          vacancyId: vacancies[i],
        });
        await emitOfferWebhook(tx, 'offer.made', {
          id: offer!.id,
          vacancyId: vacancies[i]!,
          unitId: vacancy.unit_id,
          providerId: vacancy.provider_id,
        });
        await auditClient(
          request,
          'care.offer.created',
          person.clientId,
          {
            targetType: 'placement_offer',
            targetId: offer!.id,
            metadata: { vacancyId: vacancies[i], rank: index + 1 },
          },
          tx,
        );
      }
      await mailProvider(
        tx,
        request.server,
        vacancy.provider_id,
        vacancy.unit_name,
        couple.length,
        responseDueAt,
        groupId,
      );
    });
  } catch (err) {
    liveOfferConflict(err);
  }
  if (config.SMTP_URL) request.server.jobs.kick('mail.deliver');
  return (await offerGroup(db, groupId, today))[0]!;
}

async function mailProvider(
  tx: Executor,
  app: FastifyInstance,
  providerId: string,
  unitName: string,
  places: number,
  due: Date,
  groupId: string,
) {
  const recipients = await tx.execute<{ email: string; language: Language }>(sql`
    SELECT email, language FROM users
     WHERE provider_id = ${providerId} AND disabled_at IS NULL AND roles && ARRAY['provider_admin', 'provider_user']::role[]`);
  const [first] = (
    await tx.execute<{ id: string }>(
      sql`SELECT id FROM placement_offers WHERE group_id = ${groupId} ORDER BY id LIMIT 1`,
    )
  ).rows;
  for (const r of recipients.rows) {
    const m = NEW_OFFER_MAIL[r.language];
    await enqueueEmail(tx, !!app.config.SMTP_URL, {
      to: r.email,
      subject: m.subject(unitName),
      body: m.body(unitName, places, due, `${app.config.PUBLIC_URL}/portal/offers/${first!.id}`),
    });
  }
}

// -------------------------------------------------------------------------------------- city side

export async function getOffer(request: FastifyRequest, id: string): Promise<PlacementOffer> {
  const [offer] = await selectOffers(request.server.db, [sql`o.id = ${id}`], helsinkiToday());
  if (!offer) throw notFound('Offer');
  await auditClient(request, 'care.offer.read', offer.client.id, {
    targetType: 'placement_offer',
    targetId: id,
  });
  return offer;
}

export async function listOffers(
  request: FastifyRequest,
  query: OfferListQuery,
): Promise<Page<PlacementOffer>> {
  const where = offerConditions(query);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const [items, total] = await Promise.all([
    selectOffers(request.server.db, where, helsinkiToday(), {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    countOffers(request.server.db, where),
  ]);
  if (items.length) {
    await request.audit({
      action: 'care.offer.listed',
      targetType: 'placement_offer',
      subjectClientIds: [...new Set(items.map((o) => o.client.id))],
      purpose: PURPOSE.placement,
      metadata: { count: items.length },
    });
  }
  return { items, page, pageSize, total };
}

function offerConditions(query: OfferListQuery, extra: SQL[] = []): SQL[] {
  const where: SQL[] = [sql`TRUE`, ...extra];
  if (query.status?.length) where.push(sql`o.status IN ${query.status}`);
  if (query.unitId) where.push(sql`u.id = ${query.unitId}`);
  if (query.clientId) where.push(sql`o.client_id = ${query.clientId}`);
  return where;
}

/** The client's answer, recorded by the coordinator: accept (the place stays held for the move-in) or decline. */
export async function clientAnswer(
  request: FastifyRequest,
  id: string,
  answer: ClientAnswer,
): Promise<PlacementOffer> {
  const { db, config } = request.server;
  const actor = actorOf(request);
  const today = helsinkiToday();
  const offer = await db.transaction(async (tx) => {
    const group = await lockGroup(tx, id, { all: true });
    const offer = group.find((o) => o.id === id)!;
    if (answer.answer === 'accept') {
      for (const o of group) {
        const to = nextStatus(o, 'client_accept');
        await tx
          .update(placementOffers)
          .set({
            status: to,
            answeredAt: new Date(),
            moveInDueOn: addDays(maxDate(o.intendedMoveIn, today), config.OFFER_MOVE_IN_DAYS),
            updatedAt: new Date(),
          })
          .where(eq(placementOffers.id, o.id));
        await addOfferEvent(tx, {
          offerId: o.id,
          kind: OFFER_EVENT_KIND.client_accept,
          actorSide: 'city',
          actor,
        });
        await addEntryEvent(tx, o.entryId, 'offer_client_accepted', actor, null, { offerId: o.id });
        await emitOfferWebhook(tx, 'offer.accepted', o);
        await auditClient(
          request,
          'care.offer.accepted',
          o.clientId,
          { targetType: 'placement_offer', targetId: o.id },
          tx,
        );
      }
      return offer;
    }
    for (const o of group) nextStatus(o, 'client_decline');
    await endOffers(tx, group, 'client_decline', actor, 'city', answer.reason);
    for (const o of group) {
      await recordRefusal(
        tx,
        o,
        answer.suitable ?? true,
        today,
        config.QUEUE_REFUSAL_RESTARTS_CLOCK,
        actor,
        answer.reason,
      );
      await auditClient(
        request,
        'care.offer.declined_by_client',
        o.clientId,
        { targetType: 'placement_offer', targetId: o.id },
        tx,
      );
    }
    return offer;
  });
  return (await selectOffers(db, [sql`o.id = ${offer.id}`], today))[0]!;
}

/** A client's refusal by the shared rule: counted when the offer was suitable, a second one flags reassessment. */
async function recordRefusal(
  tx: Executor,
  offer: OfferRow,
  suitable: boolean,
  today: string,
  restartsClock: boolean,
  actor: Actor,
  reason: string,
) {
  const [entry] = await tx
    .select()
    .from(queueEntries)
    .where(eq(queueEntries.id, offer.entryId))
    .for('update');
  if (!entry) return;
  const next = applyRefusal(
    {
      refusalCount: entry.refusalCount,
      clockRestartedOn: entry.clockRestartedOn,
      needsReassessment: entry.needsReassessment,
    },
    { suitable, on: today, restartsClock },
  );
  if (!next.counted) {
    await addEntryEvent(tx, entry.id, 'refusal_not_counted', actor, reason, { offerId: offer.id });
    return;
  }
  await tx
    .update(queueEntries)
    .set({
      refusalCount: next.refusalCount,
      clockRestartedOn: next.clockRestartedOn,
      needsReassessment: next.needsReassessment,
      updatedAt: new Date(),
    })
    .where(eq(queueEntries.id, entry.id));
  await addEntryEvent(tx, entry.id, 'refusal', actor, reason, {
    offerId: offer.id,
    refusalCount: next.refusalCount,
    clockRestarted: next.clockRestartedOn !== entry.clockRestartedOn,
  });
  if (next.flaggedForReassessment)
    await addEntryEvent(tx, entry.id, 'flagged_for_reassessment', actor, null, {
      refusalCount: next.refusalCount,
    });
}

export async function cancelOffer(
  request: FastifyRequest,
  id: string,
  reason: string,
): Promise<PlacementOffer> {
  const { db } = request.server;
  const actor = actorOf(request);
  await db.transaction(async (tx) => {
    const group = await lockGroup(tx, id, { all: true });
    for (const o of group) nextStatus(o, 'cancel');
    await endOffers(tx, group, 'cancel', actor, 'city', reason);
    for (const o of group)
      await auditClient(
        request,
        'care.offer.cancelled',
        o.clientId,
        { targetType: 'placement_offer', targetId: o.id },
        tx,
      );
  });
  return (await selectOffers(db, [sql`o.id = ${id}`], helsinkiToday()))[0]!;
}

// ----------------------------------------------------------------------------------- provider side

function portalScope(request: FastifyRequest) {
  const scope = providerScope(request);
  if (scope.all) throw badRequest('The offers inbox is for provider staff');
  return scope;
}

export async function listPortalOffers(
  request: FastifyRequest,
  query: OfferListQuery,
): Promise<Page<PortalOffer>> {
  const scope = portalScope(request);
  if (query.unitId) {
    // Filtering by another organisation's unit is not an empty list but an unknown unit.
    const unit = await request.server.db.execute(
      sql`SELECT 1 FROM care_units WHERE id = ${query.unitId} AND provider_id = ${scope.providerId}`,
    );
    if (!unit.rows.length) throw notFound('Unit');
  }
  const where = offerConditions({ ...query, clientId: undefined }, [
    sql`u.provider_id = ${scope.providerId}`,
  ]);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const [{ items, clientIds }, total] = await Promise.all([
    selectPortalOffers(request.server.db, where, helsinkiToday(), {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    countOffers(request.server.db, where),
  ]);
  if (clientIds.length) {
    await request.audit({
      action: 'care.offer.listed',
      targetType: 'placement_offer',
      subjectClientIds: [...new Set(clientIds)],
      purpose: PURPOSE.offer,
      metadata: { count: items.length, providerId: scope.providerId },
    });
  }
  return { items, page, pageSize, total };
}

/** The portal's badge: counts of the offers waiting for the provider, without anyone's name. */
export async function countPortalOffersAwaiting(request: FastifyRequest): Promise<PortalOffersAwaiting> {
  const scope = portalScope(request);
  const counts = await countOffersByStatus(
    request.server.db,
    offerConditions({ status: ['proposed', 'accepted'] }, [sql`u.provider_id = ${scope.providerId}`]),
  );
  return { toAnswer: counts.get('proposed') ?? 0, toRecordMoveIn: counts.get('accepted') ?? 0 };
}

async function portalOffer(request: FastifyRequest, id: string, providerId: string) {
  const { items, clientIds } = await selectPortalOffers(
    request.server.db,
    [sql`o.id = ${id}`, sql`u.provider_id = ${providerId}`],
    helsinkiToday(),
  );
  if (!items[0]) throw notFound('Offer');
  await auditClient(request, 'care.offer.read', clientIds[0]!, {
    targetType: 'placement_offer',
    targetId: id,
    purpose: PURPOSE.offer,
  });
  return items[0];
}

export async function getPortalOffer(request: FastifyRequest, id: string) {
  return portalOffer(request, id, portalScope(request).providerId);
}

/** The provider confirms it can take the client (both of a couple at once). */
export async function providerConfirm(request: FastifyRequest, id: string, note?: string) {
  const scope = portalScope(request);
  const actor = actorOf(request);
  await request.server.db.transaction(async (tx) => {
    const group = await lockGroup(tx, id, scope);
    for (const o of group) {
      const to = nextStatus(o, 'provider_confirm');
      await tx
        .update(placementOffers)
        .set({ status: to, updatedAt: new Date() })
        .where(eq(placementOffers.id, o.id));
      await addOfferEvent(tx, {
        offerId: o.id,
        kind: OFFER_EVENT_KIND.provider_confirm,
        actorSide: 'provider',
        actor,
        reason: note?.trim() || null,
      });
      await addEntryEvent(tx, o.entryId, 'offer_provider_confirmed', actor, null, { offerId: o.id });
      await emitOfferWebhook(tx, 'offer.confirmed', o);
      await auditClient(
        request,
        'care.offer.provider_confirmed',
        o.clientId,
        { targetType: 'placement_offer', targetId: o.id, purpose: PURPOSE.offer },
        tx,
      );
    }
  });
  return portalOffer(request, id, scope.providerId);
}

/** The provider cannot take the client: the place is open again; the client's place in the queue is kept. */
export async function providerDecline(request: FastifyRequest, id: string, reason: string) {
  const scope = portalScope(request);
  const actor = actorOf(request);
  await request.server.db.transaction(async (tx) => {
    const group = await lockGroup(tx, id, scope);
    for (const o of group) nextStatus(o, 'provider_decline');
    await endOffers(tx, group, 'provider_decline', actor, 'provider', reason);
    for (const o of group) {
      await auditClient(
        request,
        'care.offer.provider_declined',
        o.clientId,
        { targetType: 'placement_offer', targetId: o.id, purpose: PURPOSE.offer },
        tx,
      );
    }
  });
  return portalOffer(request, id, scope.providerId);
}

/**
 * The provider records the move-in: the place is filled (the unit's figures move from reserved to
 * occupied), the entry is placed (or interim), the client no longer waits, all in one transaction.
 */
export async function recordMoveIn(request: FastifyRequest, id: string, movedInOn: string) {
  const scope = portalScope(request);
  const actor = actorOf(request);
  const today = helsinkiToday();
  if (movedInOn > today) {
    throw badRequest('A move-in is recorded when it has happened', [
      { field: '/movedInOn', message: 'in_the_future' },
    ]);
  }
  await request.server.db.transaction(async (tx) => {
    const group = await lockGroup(tx, id, scope);
    for (const o of group) {
      const to = nextStatus(o, 'move_in');
      if (movedInOn < o.offeredAt.toISOString().slice(0, 10)) {
        throw badRequest('The move-in cannot be before the offer', [
          { field: '/movedInOn', message: 'before_offer' },
        ]);
      }
      await tx
        .update(placementOffers)
        .set({ status: to, movedInOn, endedAt: new Date(), updatedAt: new Date() })
        .where(eq(placementOffers.id, o.id));
      await moveVacancy(tx, scope, actor, o.vacancyId, 'fill');
      await moveEntry(
        tx,
        o.entryId,
        o.interim ? 'move_in_interim' : 'move_in',
        o.interim ? { interimUnitId: o.unitId } : { endedOn: movedInOn, interimUnitId: null },
      );
      await moveWaiting(tx, o.clientId, movedInOn, o.interim ? o.unitId : null);
      await addOfferEvent(tx, {
        offerId: o.id,
        kind: OFFER_EVENT_KIND.move_in,
        actorSide: 'provider',
        actor,
        detail: { movedInOn },
      });
      await addEntryEvent(tx, o.entryId, o.interim ? 'moved_in_interim' : 'placed', actor, null, {
        offerId: o.id,
        unitId: o.unitId,
        movedInOn,
      });
      await emitOfferWebhook(tx, 'placement.moved_in', o, { movedInOn, interim: o.interim });
      await auditClient(
        request,
        'care.offer.moved_in',
        o.clientId,
        { targetType: 'placement_offer', targetId: o.id, purpose: PURPOSE.offer },
        tx,
      );
    }
  });
  return portalOffer(request, id, scope.providerId);
}

/**
 * Where the client waits after a move-in: an interim place is a new waiting period (no cost to the
 * city's hospital budget); a permanent place ends the waiting when no other entry still waits.
 */
async function moveWaiting(tx: Executor, clientId: string, on: string, interimUnitId: string | null) {
  const [client] = await tx
    .select({ id: careClients.id })
    .from(careClients)
    .where(eq(careClients.id, clientId));
  if (!client) return;
  const stillWaiting = await tx.execute(sql`SELECT 1 FROM queue_entries WHERE client_id = ${clientId}
    AND status IN ('queued', 'offered', 'interim') LIMIT 1`);
  if (!interimUnitId && stillWaiting.rows.length) return;
  const current = await tx.execute<{ id: string; since: string }>(sql`
    SELECT id, since::text FROM client_waiting_periods WHERE client_id = ${clientId} AND until IS NULL FOR UPDATE`);
  const open = current.rows[0];
  if (open) {
    await tx
      .update(clientWaitingPeriods)
      .set({ until: maxDate(on, open.since) })
      .where(eq(clientWaitingPeriods.id, open.id));
  }
  if (interimUnitId) {
    await tx.insert(clientWaitingPeriods).values({
      clientId,
      setting: 'interim_placement',
      unitId: interimUnitId,
      since: maxDate(on, open?.since ?? on),
    });
  }
}

// -------------------------------------------------------------------------------------------- jobs

/** Offers nobody answered in time lapse by themselves: the place is open again, the client keeps their place. */
export async function expireLapsedOffers(app: FastifyInstance): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const done = await app.db.transaction(async (tx) => {
      const due = await tx.execute<{ id: string }>(sql`
        SELECT id FROM placement_offers WHERE status IN ('proposed', 'provider_confirmed') AND response_due_at < now()
         ORDER BY response_due_at LIMIT 1 FOR UPDATE SKIP LOCKED`);
      const row = due.rows[0];
      if (!row) return true;
      const group = await lockGroup(tx, row.id, { all: true });
      const ended = await endOffers(tx, group, 'expire', SYSTEM, 'system', null);
      for (const o of ended) {
        await writeAudit(tx, SYSTEM_ACTOR, {
          action: 'care.offer.expired',
          targetType: 'placement_offer',
          targetId: o.id,
          subjectClientId: o.clientId,
          purpose: PURPOSE.placement,
        });
      }
      expired += ended.length;
      return false;
    });
    if (done) return { expired };
  }
}
