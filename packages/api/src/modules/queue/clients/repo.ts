import { sql, type SQL } from 'drizzle-orm';
import type { Names } from '@civic/shared/care';
import type { WaitingSetting } from '@civic/shared/care-queue';
import type { Client, ClientSummary } from '@civic/shared/queue';
import { ageOn } from '@civic/shared/dates';
import type { Executor } from '../../../db/client.ts';

type Tag = { id: string; code: string; names: Names };
type UnitRef = { id: string; name: string; district: string };

interface ClientRow extends Record<string, unknown> {
  id: string;
  personal_identity_code: string;
  birth_date: string;
  first_name: string;
  last_name: string;
  language: string;
  contact_name: string | null;
  contact_relation: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  need_tag_ids: string[];
  rai_cps: number | null;
  rai_adlh: number | null;
  rai_maple: number | null;
  rai_assessed_on: string | null;
  place_together: boolean;
  spouse_id: string | null;
  spouse_name: string | null;
  deceased_on: string | null;
  source_system: string | null;
  source_id: string | null;
  created_at: Date;
  updated_at: Date;
  /** Null when no waiting period is open (the client is placed). */
  w_setting: WaitingSetting | null;
  w_place: string | null;
  w_since: string | null;
  w_unit: UnitRef | null;
  open_entries: number;
}

const SELECT = sql`
  SELECT c.id, c.personal_identity_code, c.birth_date::text, c.first_name, c.last_name, c.language,
         c.contact_name, c.contact_relation, c.contact_phone, c.contact_email, c.need_tag_ids,
         c.rai_cps, c.rai_adlh, c.rai_maple, c.rai_assessed_on::text, c.place_together,
         sp.id AS spouse_id, CASE WHEN sp.id IS NULL THEN NULL ELSE sp.first_name || ' ' || sp.last_name END AS spouse_name,
         c.deceased_on::text, c.source_system, c.source_id, c.created_at, c.updated_at,
         w.setting AS w_setting, w.place AS w_place, w.since::text AS w_since,
         CASE WHEN wu.id IS NULL THEN NULL ELSE json_build_object('id', wu.id, 'name', wu.name, 'district', wu.district) END AS w_unit,
         (SELECT count(*)::int FROM queue_entries e WHERE e.client_id = c.id AND e.status IN ('queued', 'offered', 'interim')) AS open_entries
    FROM care_clients c
    LEFT JOIN care_clients sp ON sp.id = c.spouse_client_id
    LEFT JOIN client_waiting_periods w ON w.client_id = c.id AND w.until IS NULL
    LEFT JOIN care_units wu ON wu.id = w.unit_id`;

async function tagMap(db: Executor, rows: ClientRow[]) {
  const ids = [...new Set(rows.flatMap((r) => r.need_tag_ids))];
  if (!ids.length) return new Map<string, Tag>();
  const res = await db.execute<Tag>(
    sql`SELECT id, code, names FROM care_tags WHERE id IN ${ids} ORDER BY code`,
  );
  return new Map(res.rows.map((t) => [t.id, t]));
}

/** Where the client waits now: the open waiting period, or null when none is open (placed). */
export const waitingOf = (r: Pick<ClientRow, 'w_setting' | 'w_place' | 'w_unit' | 'w_since'>) =>
  r.w_setting === null || r.w_since === null
    ? null
    : { setting: r.w_setting, place: r.w_place, unit: r.w_unit, since: r.w_since };

export async function selectClients(db: Executor, where: SQL, today: string): Promise<Client[]> {
  const res = await db.execute<ClientRow>(
    sql`${SELECT} WHERE ${where} ORDER BY c.last_name, c.first_name, c.id`,
  );
  const tags = await tagMap(db, res.rows);
  return res.rows.map((r) => ({
    id: r.id,
    personalIdentityCode: r.personal_identity_code,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    firstName: r.first_name,
    lastName: r.last_name,
    language: r.language,
    contact: r.contact_name
      ? { name: r.contact_name, relation: r.contact_relation, phone: r.contact_phone, email: r.contact_email }
      : null,
    waiting: waitingOf(r),
    needs: r.need_tag_ids.map((id) => tags.get(id)).filter((t): t is Tag => !!t),
    rai:
      r.rai_cps === null && r.rai_adlh === null && r.rai_maple === null && r.rai_assessed_on === null
        ? null
        : { cps: r.rai_cps, adlh: r.rai_adlh, maple: r.rai_maple, assessedOn: r.rai_assessed_on },
    spouse: r.spouse_id ? { id: r.spouse_id, name: r.spouse_name!, placeTogether: r.place_together } : null,
    deceasedOn: r.deceased_on,
    sourceSystem: r.source_system,
    sourceId: r.source_id,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export async function searchClients(
  db: Executor,
  where: SQL,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ items: ClientSummary[]; total: number }> {
  const [res, count] = await Promise.all([
    db.execute<ClientRow>(
      sql`${SELECT} WHERE ${where} ORDER BY c.last_name, c.first_name, c.id LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_clients c WHERE ${where}`),
  ]);
  const tags = await tagMap(db, res.rows);
  return {
    total: count.rows[0]?.n ?? 0,
    items: res.rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      age: ageOn(r.birth_date, today),
      language: r.language,
      waiting: waitingOf(r),
      needs: r.need_tag_ids.map((id) => tags.get(id)).filter((t): t is Tag => !!t),
      openEntries: r.open_entries,
    })),
  };
}
