import { sql, type SQL } from 'drizzle-orm';
import {
  daysSinceReady,
  legalClock,
  type EntryStatus,
  type OfferStatus,
  type UrgencyClass,
  type WaitingSetting,
} from '@civic/shared/care-queue';
import type { Names } from '@civic/shared/care';
import type { QueueEntry, QueueListQuery } from '@civic/shared/queue';
import { ageOn } from '@civic/shared/dates';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../../db/client.ts';
import { queuePositions } from '../matching/cache.ts';
import { clockSql, LIVE_OFFER, OPEN_ENTRY, QUEUE_ORDER } from '../clock-sql.ts';
import { waitingOf } from '../clients/repo.ts';

type Tag = { id: string; code: string; names: Names };
type UnitRef = { id: string; name: string; district: string };

interface EntryRow extends Record<string, unknown> {
  id: string;
  client_id: string;
  service_type_id: string;
  st_code: string;
  st_names: Names;
  decision_date: string;
  ready_date: string | null;
  urgency: UrgencyClass;
  priority_date: string | null;
  priority_reason: string | null;
  preferred_unit_ids: string[];
  preferred_districts: string[];
  only_preferred_units: boolean;
  status: EntryStatus;
  interim_unit: UnitRef | null;
  closed_on: string | null;
  close_note: string | null;
  refusal_count: number;
  needs_reassessment: boolean;
  clock_restarted_on: string | null;
  ended_on: string | null;
  created_at: Date;
  updated_at: Date;
  first_name: string;
  last_name: string;
  birth_date: string;
  language: string;
  need_tag_ids: string[];
  spouse: { id: string; name: string; placeTogether: boolean } | null;
  w_setting: WaitingSetting | null;
  w_place: string | null;
  w_since: string | null;
  w_unit: UnitRef | null;
  offer: { id: string; status: OfferStatus; vacancyId: string; unit: UnitRef; responseDueAt: string } | null;
}

/** Entries matching the list's filters, as SQL conditions over `e` (entries), `c` (clients), `w` (waiting now). */
export function entryConditions(query: QueueListQuery, today: string): SQL[] {
  const parts: SQL[] = [];
  const clock = clockSql(today);
  if (query.status?.length) parts.push(sql`e.status IN ${query.status}`);
  else parts.push(OPEN_ENTRY);
  if (query.serviceTypeId) parts.push(sql`e.service_type_id = ${query.serviceTypeId}`);
  if (query.urgency?.length) parts.push(sql`e.urgency IN ${query.urgency}`);
  if (query.waitingSetting?.length) parts.push(sql`w.setting IN ${query.waitingSetting}`);
  if (query.district?.length)
    parts.push(
      sql`e.preferred_districts && ${sql`ARRAY[${sql.join(
        query.district.map((d) => sql`${d}`),
        sql`, `,
      )}]::text[]`}`,
    );
  if (query.language) parts.push(sql`c.language = ${query.language}`);
  if (query.needTagId?.length)
    parts.push(
      sql`c.need_tag_ids @> ARRAY[${sql.join(
        query.needTagId.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`,
    );
  if (query.clockState?.length) parts.push(sql`${clock.state} IN ${query.clockState}`);
  if (query.needsReassessment !== undefined)
    parts.push(sql`e.needs_reassessment = ${query.needsReassessment}`);
  if (query.q) {
    const q = query.q.trim();
    const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(sql`(c.first_name || ' ' || c.last_name ILIKE ${pattern} OR c.last_name || ' ' || c.first_name ILIKE ${pattern}
      OR c.personal_identity_code = ${q.toUpperCase()})`);
  }
  return parts;
}

const FROM = sql`
  FROM queue_entries e
  JOIN care_clients c ON c.id = e.client_id
  LEFT JOIN client_waiting_periods w ON w.client_id = c.id AND w.until IS NULL`;

/**
 * Queue entries with everything a screen shows about them, in queue order. `position` is the place
 * in the queue of its service type among the open entries. Two steps: the page's ids by a lean
 * query (filters, order, limit), then only those rows with their joins.
 */
export async function selectEntries(
  app: FastifyInstance,
  where: SQL[],
  today: string,
  page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
): Promise<{ items: QueueEntry[]; clientIds: string[] }> {
  const picked = await app.db.execute<{ id: string }>(sql`
    SELECT e.id ${FROM} WHERE ${sql.join(where, sql` AND `)}
     ORDER BY ${QUEUE_ORDER} LIMIT ${page.limit} OFFSET ${page.offset}`);
  return loadEntries(
    app,
    picked.rows.map((r) => r.id),
    today,
  );
}

/** Entries by id (the caller already knows which), in queue order, with everything a screen shows. */
export async function loadEntries(
  app: FastifyInstance,
  ids: readonly string[],
  today: string,
): Promise<{ items: QueueEntry[]; clientIds: string[] }> {
  const { db } = app;
  if (!ids.length) return { items: [], clientIds: [] };
  const res = await db.execute<EntryRow>(sql`
    SELECT e.id, e.client_id, e.service_type_id, st.code AS st_code, st.names AS st_names,
           e.decision_date::text, e.ready_date::text, e.urgency, e.priority_date::text, e.priority_reason,
           e.preferred_unit_ids, e.preferred_districts, e.only_preferred_units, e.status,
           CASE WHEN iu.id IS NULL THEN NULL ELSE json_build_object('id', iu.id, 'name', iu.name, 'district', iu.district) END AS interim_unit,
           e.closed_on::text, e.close_note, e.refusal_count, e.needs_reassessment, e.clock_restarted_on::text,
           e.ended_on::text, e.created_at, e.updated_at,
           c.first_name, c.last_name, c.birth_date::text, c.language, c.need_tag_ids,
           CASE WHEN sp.id IS NULL THEN NULL
                ELSE json_build_object('id', sp.id, 'name', sp.first_name || ' ' || sp.last_name, 'placeTogether', c.place_together) END AS spouse,
           w.setting AS w_setting, w.place AS w_place, w.since::text AS w_since,
           CASE WHEN wu.id IS NULL THEN NULL ELSE json_build_object('id', wu.id, 'name', wu.name, 'district', wu.district) END AS w_unit,
           CASE WHEN o.id IS NULL THEN NULL
                ELSE json_build_object('id', o.id, 'status', o.status, 'vacancyId', o.vacancy_id,
                       'unit', json_build_object('id', ou.id, 'name', ou.name, 'district', ou.district),
                       'responseDueAt', to_char(o.response_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS offer
    ${FROM}
      JOIN service_types st ON st.id = e.service_type_id
      LEFT JOIN care_clients sp ON sp.id = c.spouse_client_id
      LEFT JOIN care_units wu ON wu.id = w.unit_id
      LEFT JOIN care_units iu ON iu.id = e.interim_unit_id
      LEFT JOIN placement_offers o ON o.entry_id = e.id AND o.status IN ${LIVE_OFFER}
      LEFT JOIN vacancies ov ON ov.id = o.vacancy_id
      LEFT JOIN care_units ou ON ou.id = ov.unit_id
     WHERE e.id IN ${ids}
     ORDER BY ${QUEUE_ORDER}`);
  const rows = res.rows;
  const tagIds = [...new Set(rows.flatMap((r) => r.need_tag_ids))];
  const unitIds = [...new Set(rows.flatMap((r) => r.preferred_unit_ids))];
  const [tags, units, positions] = await Promise.all([
    tagIds.length
      ? db.execute<Tag>(sql`SELECT id, code, names FROM care_tags WHERE id IN ${tagIds} ORDER BY code`)
      : Promise.resolve({ rows: [] as Tag[] }),
    unitIds.length
      ? db.execute<UnitRef>(sql`SELECT id, name, district FROM care_units WHERE id IN ${unitIds}`)
      : Promise.resolve({ rows: [] as UnitRef[] }),
    queuePositions(
      db,
      app,
      rows.map((r) => ({ id: r.id, serviceTypeId: r.service_type_id })),
    ),
  ]);
  const tagById = new Map(tags.rows.map((t) => [t.id, t]));
  const unitById = new Map(units.rows.map((u) => [u.id, u]));
  return {
    items: rows.map((r) => toEntryDto(r, positions.get(r.id) ?? null, today, tagById, unitById)),
    clientIds: rows.map((r) => r.client_id),
  };
}

export async function countEntries(db: Executor, where: SQL[]): Promise<number> {
  const res = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n ${FROM} WHERE ${sql.join(where, sql` AND `)}`,
  );
  return res.rows[0]?.n ?? 0;
}

function toEntryDto(
  r: EntryRow,
  position: number | null,
  today: string,
  tagById: Map<string, Tag>,
  unitById: Map<string, UnitRef>,
): QueueEntry {
  const clock = legalClock({
    decisionDate: r.decision_date,
    clockRestartedOn: r.clock_restarted_on,
    urgency: r.urgency,
    onlyPreferredUnits: r.only_preferred_units,
    today,
    endedOn: r.ended_on,
  });
  return {
    id: r.id,
    client: {
      id: r.client_id,
      firstName: r.first_name,
      lastName: r.last_name,
      age: ageOn(r.birth_date, today),
      language: r.language,
      waiting: waitingOf(r),
      needs: r.need_tag_ids.map((id) => tagById.get(id)).filter((t): t is Tag => !!t),
      spouse: r.spouse,
    },
    serviceType: { id: r.service_type_id, code: r.st_code, names: r.st_names },
    decisionDate: r.decision_date,
    readyDate: r.ready_date,
    urgency: r.urgency,
    priorityDate: r.priority_date,
    priorityReason: r.priority_reason,
    preferredUnits: r.preferred_unit_ids.map((id) => unitById.get(id)).filter((u): u is UnitRef => !!u),
    preferredDistricts: r.preferred_districts,
    onlyPreferredUnits: r.only_preferred_units,
    status: r.status,
    interimUnit: r.interim_unit,
    closedOn: r.closed_on,
    closeNote: r.close_note,
    refusalCount: r.refusal_count,
    needsReassessment: r.needs_reassessment,
    clockRestartedOn: r.clock_restarted_on,
    clock,
    daysSinceReady: daysSinceReady(r.ready_date, today, r.ended_on),
    liveOffer: r.offer,
    position,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
