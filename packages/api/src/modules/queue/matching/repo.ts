import { sql, type SQL } from 'drizzle-orm';
import type { MatchEntry, MatchPlace } from '@civic/shared/care-matching';
import type { EntryStatus, UrgencyClass } from '@civic/shared/care-queue';
import type { VacancyStatus } from '@civic/shared/care-capacity';
import type { Executor } from '../../../db/client.ts';
import { LIVE_OFFER, OPEN_ENTRY } from '../clock-sql.ts';

/** Tag ids to codes: the matching rule speaks codes, the same list for clients and units. */
async function tagCodes(db: Executor): Promise<Map<string, string>> {
  const res = await db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM care_tags`);
  return new Map(res.rows.map((r) => [r.id, r.code]));
}

interface PlaceRow extends Record<string, unknown> {
  id: string;
  status: VacancyStatus;
  service_type_id: string;
  available_from: string;
  unit_id: string;
  district: string;
  languages: string[];
  active: boolean;
  tag_codes: string[];
  other_open: string[];
}

/** Open vacancies as places to match: with their unit's tags, languages and the unit's other open places. */
export async function loadPlaces(
  db: Executor,
  where: SQL,
): Promise<(MatchPlace & { status: VacancyStatus; active: boolean })[]> {
  const res = await db.execute<PlaceRow>(sql`
    SELECT v.id, v.status, v.service_type_id, v.available_from::text, u.id AS unit_id, u.district, u.languages, u.active,
           coalesce((SELECT array_agg(t.code) FROM care_unit_tags ut JOIN care_tags t ON t.id = ut.tag_id WHERE ut.unit_id = u.id), '{}') AS tag_codes,
           coalesce((SELECT array_agg(v2.id ORDER BY v2.available_from, v2.id) FROM vacancies v2
                      WHERE v2.unit_id = v.unit_id AND v2.service_type_id = v.service_type_id
                        AND v2.status = 'open' AND v2.id <> v.id), '{}') AS other_open
      FROM vacancies v JOIN care_units u ON u.id = v.unit_id
     WHERE ${where}
     ORDER BY v.available_from, v.id`);
  return res.rows.map((r) => ({
    vacancyId: r.id,
    status: r.status,
    active: r.active,
    serviceTypeId: r.service_type_id,
    availableFrom: r.available_from,
    unit: { id: r.unit_id, district: r.district, languages: r.languages, tagCodes: r.tag_codes },
    otherOpenVacancyIds: r.other_open,
  }));
}

interface EntryRow extends Record<string, unknown> {
  id: string;
  client_id: string;
  status: EntryStatus;
  service_type_id: string;
  urgency: UrgencyClass;
  decision_date: string;
  priority_date: string | null;
  clock_restarted_on: string | null;
  created_at: Date;
  preferred_unit_ids: string[];
  preferred_districts: string[];
  only_preferred_units: boolean;
  has_live: boolean;
  language: string;
  need_tag_ids: string[];
  spouse_entry_id: string | null;
  spouse_client_id: string | null;
  spouse_language: string | null;
  spouse_needs: string[] | null;
  spouse_has_live: boolean | null;
}

/**
 * Open entries as the matching rule reads them, each with its spouse when the two are to live
 * together and the spouse waits for the same service type.
 */
export async function loadMatchEntries(db: Executor, where: SQL): Promise<MatchEntry[]> {
  const [codes, res] = await Promise.all([
    tagCodes(db),
    db.execute<EntryRow>(sql`
      SELECT e.id, e.client_id, e.status, e.service_type_id, e.urgency, e.decision_date::text, e.priority_date::text,
             e.clock_restarted_on::text, e.created_at, e.preferred_unit_ids, e.preferred_districts, e.only_preferred_units,
             EXISTS (SELECT 1 FROM placement_offers o WHERE o.entry_id = e.id AND o.status IN ${LIVE_OFFER}) AS has_live,
             c.language, c.need_tag_ids,
             se.id AS spouse_entry_id, sc.id AS spouse_client_id, sc.language AS spouse_language, sc.need_tag_ids AS spouse_needs,
             CASE WHEN se.id IS NULL THEN NULL
                  ELSE EXISTS (SELECT 1 FROM placement_offers o WHERE o.entry_id = se.id AND o.status IN ${LIVE_OFFER}) END AS spouse_has_live
        FROM queue_entries e
        JOIN care_clients c ON c.id = e.client_id
        LEFT JOIN care_clients sc ON sc.id = c.spouse_client_id AND c.place_together
        LEFT JOIN queue_entries se ON se.client_id = sc.id AND se.service_type_id = e.service_type_id
                                  AND se.status IN ('queued', 'offered', 'interim')
       WHERE ${OPEN_ENTRY} AND ${where}`),
  ]);
  const toCodes = (ids: readonly string[]) => ids.map((id) => codes.get(id)).filter((c): c is string => !!c);
  return res.rows.map((r) => ({
    entryId: r.id,
    clientId: r.client_id,
    status: r.status,
    serviceTypeId: r.service_type_id,
    urgency: r.urgency,
    decisionDate: r.decision_date,
    priorityDate: r.priority_date,
    clockRestartedOn: r.clock_restarted_on,
    createdAt: new Date(r.created_at).toISOString(),
    preferredUnitIds: r.preferred_unit_ids,
    preferredDistricts: r.preferred_districts,
    onlyPreferredUnits: r.only_preferred_units,
    hasLiveOffer: r.has_live,
    client: { language: r.language, needTagCodes: toCodes(r.need_tag_ids) },
    spouse:
      r.spouse_entry_id && r.spouse_client_id
        ? {
            entryId: r.spouse_entry_id,
            clientId: r.spouse_client_id,
            language: r.spouse_language ?? 'fi',
            needTagCodes: toCodes(r.spouse_needs ?? []),
            hasLiveOffer: !!r.spouse_has_live,
          }
        : null,
  }));
}
