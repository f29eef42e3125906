import { sql, type SQL } from 'drizzle-orm';
import type { MatchEntry, MatchPlace } from '@civic/shared/care-matching';
import type { VacancyStatus } from '@civic/shared/care-capacity';
import type { Executor } from '../../../db/client.ts';
import { LIVE_OFFER, OPEN_ENTRY } from '../clock-sql.ts';

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

/**
 * Open entries as the matching rule reads them, each with its spouse when the two are to live
 * together and the spouse waits for the same service type.
 */
type RawEntry = Omit<MatchEntry, 'client' | 'spouse'> & {
  client: { language: string; needTagIds: string[] };
  spouse: (Omit<NonNullable<MatchEntry['spouse']>, 'needTagCodes'> & { needTagIds: string[] }) | null;
};

export async function loadMatchEntries(db: Executor, where: SQL): Promise<MatchEntry[]> {
  // One JSON document for all rows: node-postgres parses arrays of uuids slowly, JSON natively,
  // and a vacancy's candidates read thousands of entries.
  const [tags, res] = await Promise.all([
    db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM care_tags`),
    db.execute<{ entries: RawEntry[] | null }>(sql`
    SELECT json_agg(json_build_object(
             'entryId', e.id, 'clientId', e.client_id, 'status', e.status, 'serviceTypeId', e.service_type_id,
             'urgency', e.urgency, 'decisionDate', e.decision_date, 'priorityDate', e.priority_date,
             'clockRestartedOn', e.clock_restarted_on,
             'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
             'preferredUnitIds', e.preferred_unit_ids, 'preferredDistricts', e.preferred_districts,
             'onlyPreferredUnits', e.only_preferred_units,
             'hasLiveOffer', EXISTS (SELECT 1 FROM placement_offers o WHERE o.entry_id = e.id AND o.status IN ${LIVE_OFFER}),
             'client', json_build_object('language', c.language, 'needTagIds', c.need_tag_ids),
             'spouse', CASE WHEN se.id IS NULL THEN NULL ELSE json_build_object(
                 'entryId', se.id, 'clientId', sc.id, 'language', sc.language, 'needTagIds', sc.need_tag_ids,
                 'hasLiveOffer', EXISTS (SELECT 1 FROM placement_offers o WHERE o.entry_id = se.id AND o.status IN ${LIVE_OFFER})) END
           )) AS entries
      FROM queue_entries e
      JOIN care_clients c ON c.id = e.client_id
      LEFT JOIN care_clients sc ON sc.id = c.spouse_client_id AND c.place_together
      LEFT JOIN queue_entries se ON se.client_id = sc.id AND se.service_type_id = e.service_type_id
                                AND se.status IN ('queued', 'offered', 'interim')
     WHERE ${OPEN_ENTRY} AND ${where}`),
  ]);
  // Tag ids to codes: the matching rule speaks codes, the same list for clients and units.
  const codeOf = new Map(tags.rows.map((t) => [t.id, t.code]));
  const codes = (ids: string[]) => ids.map((id) => codeOf.get(id)).filter((c): c is string => !!c);
  return (res.rows[0]?.entries ?? []).map(({ client, spouse, ...e }) => ({
    ...e,
    client: { language: client.language, needTagCodes: codes(client.needTagIds) },
    spouse: spouse && { ...spouse, needTagCodes: codes(spouse.needTagIds) },
  }));
}
