import { sql, type SQL } from 'drizzle-orm';
import type { OfferStatus } from '@civic/shared/care-queue';
import type { Names } from '@civic/shared/care';
import type { OfferEvent, PlacementOffer, PortalOffer } from '@civic/shared/queue';
import { ageOn } from '@civic/shared/dates';
import type { Executor } from '../../../db/client.ts';
import { placementOfferEvents } from '../../../db/schema/index.ts';

type Tag = { id: string; code: string; names: Names };

interface OfferRow extends Record<string, unknown> {
  id: string;
  group_id: string;
  vacancy_id: string;
  available_from: string;
  unit_id: string;
  unit_name: string;
  district: string;
  provider_id: string;
  provider_name: string;
  provider_kind: 'own' | 'purchased';
  st_id: string;
  st_code: string;
  st_names: Names;
  entry_id: string;
  client_id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  language: string;
  need_tag_ids: string[];
  status: OfferStatus;
  interim: boolean;
  intended_move_in: string;
  offered_at: Date;
  offered_by: string | null;
  response_due_at: Date;
  move_in_due_on: string | null;
  moved_in_on: string | null;
  pick_reason: string | null;
  rank_at_offer: number | null;
  note: string | null;
  couple_offer_id: string | null;
}

const SELECT = sql`
  SELECT o.id, o.group_id, o.vacancy_id, v.available_from::text, u.id AS unit_id, u.name AS unit_name, u.district,
         p.id AS provider_id, p.name AS provider_name, p.kind AS provider_kind,
         st.id AS st_id, st.code AS st_code, st.names AS st_names,
         o.entry_id, c.id AS client_id, c.first_name, c.last_name, c.birth_date::text, c.language, c.need_tag_ids,
         o.status, o.interim, o.intended_move_in::text, o.offered_at,
         (SELECT display_name FROM users WHERE id = o.offered_by) AS offered_by,
         o.response_due_at, o.move_in_due_on::text, o.moved_in_on::text, o.pick_reason, o.rank_at_offer, o.note,
         (SELECT o2.id FROM placement_offers o2 WHERE o2.group_id = o.group_id AND o2.id <> o.id LIMIT 1) AS couple_offer_id
    FROM placement_offers o
    JOIN vacancies v ON v.id = o.vacancy_id
    JOIN care_units u ON u.id = v.unit_id
    JOIN providers p ON p.id = u.provider_id
    JOIN service_types st ON st.id = v.service_type_id
    JOIN care_clients c ON c.id = o.client_id`;

async function load(db: Executor, where: SQL[], order: SQL, page: { limit: number; offset: number }) {
  const res = await db.execute<OfferRow>(sql`${SELECT} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`);
  const ids = res.rows.map((r) => r.id);
  const events = ids.length
    ? await db.execute<{
        offer_id: string;
        at: Date;
        kind: string;
        actor_side: OfferEvent['actorSide'];
        actor_label: string;
        reason: string | null;
        detail: Record<string, unknown>;
      }>(sql`SELECT offer_id, at, kind, actor_side, actor_label, reason, detail FROM placement_offer_events
              WHERE offer_id IN ${ids} ORDER BY at, id`)
    : { rows: [] };
  const timeline = new Map<string, OfferEvent[]>();
  for (const e of events.rows) {
    const list = timeline.get(e.offer_id) ?? [];
    list.push({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      actor: e.actor_label,
      actorSide: e.actor_side,
      reason: e.reason,
      detail: e.detail,
    });
    timeline.set(e.offer_id, list);
  }
  return { rows: res.rows, timeline };
}

export async function countOffers(db: Executor, where: SQL[]) {
  const res = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM placement_offers o
    JOIN vacancies v ON v.id = o.vacancy_id JOIN care_units u ON u.id = v.unit_id
    WHERE ${sql.join(where, sql` AND `)}`);
  return res.rows[0]?.n ?? 0;
}

/** Offers per status among those matching `where` (statuses with none are left out). */
export async function countOffersByStatus(db: Executor, where: SQL[]): Promise<Map<string, number>> {
  const res = await db.execute<{ status: string; n: number }>(sql`SELECT o.status, count(*)::int AS n
    FROM placement_offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN care_units u ON u.id = v.unit_id
    WHERE ${sql.join(where, sql` AND `)} GROUP BY o.status`);
  return new Map(res.rows.map((r) => [r.status, r.n]));
}

/** Offers as the city sees them, with their timelines. */
export async function selectOffers(
  db: Executor,
  where: SQL[],
  today: string,
  page = { limit: 200, offset: 0 },
  order: SQL = sql`o.offered_at DESC, o.id`,
): Promise<PlacementOffer[]> {
  const { rows, timeline } = await load(db, where, order, page);
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    vacancy: {
      id: r.vacancy_id,
      availableFrom: r.available_from,
      unit: { id: r.unit_id, name: r.unit_name, district: r.district },
      provider: { id: r.provider_id, name: r.provider_name, kind: r.provider_kind },
      serviceType: { id: r.st_id, code: r.st_code, names: r.st_names },
    },
    entryId: r.entry_id,
    client: {
      id: r.client_id,
      firstName: r.first_name,
      lastName: r.last_name,
      age: ageOn(r.birth_date, today),
      language: r.language,
    },
    coupleOfferId: r.couple_offer_id,
    status: r.status,
    interim: r.interim,
    intendedMoveIn: r.intended_move_in,
    offeredAt: new Date(r.offered_at).toISOString(),
    offeredBy: r.offered_by ?? 'system',
    responseDueAt: new Date(r.response_due_at).toISOString(),
    moveInDueOn: r.move_in_due_on,
    movedInOn: r.moved_in_on,
    pickReason: r.pick_reason,
    rankAtOffer: r.rank_at_offer,
    note: r.note,
    timeline: timeline.get(r.id) ?? [],
  }));
}

/**
 * Offers as a provider sees them: the unit, the client's name, age, language and needs, the dates.
 * Never the identity code, the queue, the coordinator's reasons for choosing, or other offers.
 */
export async function selectPortalOffers(
  db: Executor,
  where: SQL[],
  today: string,
  page = { limit: 200, offset: 0 },
): Promise<{ items: PortalOffer[]; clientIds: string[] }> {
  const { rows, timeline } = await load(db, where, sql`o.offered_at DESC, o.id`, page);
  const tagIds = [...new Set(rows.flatMap((r) => r.need_tag_ids))];
  const tags = tagIds.length
    ? await db.execute<Tag>(sql`SELECT id, code, names FROM care_tags WHERE id IN ${tagIds} ORDER BY code`)
    : { rows: [] as Tag[] };
  const tagById = new Map(tags.rows.map((t) => [t.id, t]));
  return {
    clientIds: rows.map((r) => r.client_id),
    items: rows.map((r) => ({
      id: r.id,
      groupId: r.group_id,
      unit: { id: r.unit_id, name: r.unit_name, district: r.district },
      serviceType: { id: r.st_id, code: r.st_code, names: r.st_names },
      vacancyId: r.vacancy_id,
      client: {
        firstName: r.first_name,
        lastName: r.last_name,
        age: ageOn(r.birth_date, today),
        language: r.language,
        needs: r.need_tag_ids.map((id) => tagById.get(id)).filter((t): t is Tag => !!t),
      },
      coupleOfferId: r.couple_offer_id,
      status: r.status,
      intendedMoveIn: r.intended_move_in,
      offeredAt: new Date(r.offered_at).toISOString(),
      responseDueAt: new Date(r.response_due_at).toISOString(),
      moveInDueOn: r.move_in_due_on,
      movedInOn: r.moved_in_on,
      note: r.note,
      // The provider sees every step, but not the city's internal reasons (why this client was chosen,
      // why the client said no): those stay in the city's own view.
      timeline: (timeline.get(r.id) ?? []).map((e) => ({
        ...e,
        reason: e.actorSide === 'provider' ? e.reason : null,
        detail: {},
      })),
    })),
  };
}

export async function addOfferEvent(
  tx: Executor,
  event: {
    offerId: string;
    kind: string;
    actorSide: 'city' | 'provider' | 'system';
    actor: { id: string | null; username: string };
    reason?: string | null;
    detail?: Record<string, unknown>;
  },
) {
  await tx.insert(placementOfferEvents).values({
    offerId: event.offerId,
    kind: event.kind,
    actorSide: event.actorSide,
    actorUserId: event.actor.id,
    actorLabel: event.actor.username,
    reason: event.reason ?? null,
    detail: event.detail ?? {},
  });
}
