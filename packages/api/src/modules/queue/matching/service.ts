import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import {
  matchEntry,
  rankCandidates,
  rankPlaces,
  type MatchEntry,
  type MatchPlace,
  type RankedEntry,
} from '@civic/shared/care-matching';
import { helsinkiToday } from '@civic/shared/keys';
import type { CandidateList, PlaceMatch } from '@civic/shared/queue';
import type { Executor } from '../../../db/client.ts';
import { notFound } from '../../../lib/errors.ts';
import { capacityService } from '../../care/capacity.ts';
import { auditClientsShown } from '../access.ts';
import { loadEntries } from '../entries/repo.ts';
import { openEntriesOfServiceType } from './cache.ts';
import { loadMatchEntries, loadPlaces } from './repo.ts';

export interface RankedCandidate {
  match: RankedEntry;
  entry: MatchEntry;
}

/**
 * Every fitting candidate for a vacancy, best first, by the shared matching rule. A couple appears
 * once, under the better-ranked spouse. Used by the candidate list and by the offer itself (which
 * records the chosen client's rank and asks for a reason when it is not the first).
 */
export async function rankForVacancy(app: FastifyInstance, db: Executor, vacancyId: string, today: string) {
  const [place] = await loadPlaces(db, sql`v.id = ${vacancyId}`);
  if (!place) throw notFound('Vacancy');
  const entries = await openEntriesOfServiceType(db, app, place.serviceTypeId);
  const { candidates, excluded } = rankCandidates(place, entries, today);
  const seen = new Set<string>();
  const ranked: RankedCandidate[] = [];
  for (const match of candidates) {
    if (seen.has(match.entryId)) continue;
    seen.add(match.entryId);
    if (match.entry.spouse) seen.add(match.entry.spouse.entryId);
    ranked.push({ match, entry: match.entry });
  }
  return { place, ranked, excluded };
}

export async function candidatesForVacancy(
  request: FastifyRequest,
  vacancyId: string,
  limit = 20,
): Promise<CandidateList> {
  const { db } = request.server;
  const today = helsinkiToday();
  const vacancy = await capacityService(request.server).vacancy(request, vacancyId);
  const { place, ranked, excluded } = await rankForVacancy(request.server, db, vacancyId, today);
  // Only the candidates shown are explained (reasons and lacks), by the same rule that ranked them.
  const shown = ranked.slice(0, limit).map((c) => ({ ...c, match: matchEntry(place, c.entry, today) }));
  const spouseEntryIds = shown.map((c) => c.entry.spouse?.entryId).filter((id): id is string => !!id);
  const ids = [...shown.map((c) => c.match.entryId), ...spouseEntryIds];
  const { items } = await loadEntries(request.server, ids, today);
  const entryById = new Map(items.map((e) => [e.id, e]));
  const candidates = shown.map((c, i) => {
    const spouseEntry = c.entry.spouse ? entryById.get(c.entry.spouse.entryId) : undefined;
    return {
      rank: i + 1,
      score: c.match.score,
      entry: entryById.get(c.match.entryId)!,
      reasons: c.match.reasons,
      lacks: c.match.lacks,
      spouse:
        spouseEntry && c.match.spouseVacancyId
          ? {
              entryId: spouseEntry.id,
              clientId: spouseEntry.client.id,
              name: `${spouseEntry.client.firstName} ${spouseEntry.client.lastName}`,
              vacancyId: c.match.spouseVacancyId,
            }
          : null,
    };
  });
  await auditClientsShown(
    request,
    'care.matching.candidates',
    items.map((e) => e.client.id),
    { vacancyId },
  );
  return { vacancy, candidates, total: ranked.length, excluded };
}

/** The same rule from the client's side: open vacancies that fit one waiting entry, best first. */
export async function placesForEntry(request: FastifyRequest, entryId: string): Promise<PlaceMatch[]> {
  const { db } = request.server;
  const today = helsinkiToday();
  const [entry] = await loadMatchEntries(db, sql`e.id = ${entryId}`);
  if (!entry) {
    const exists = await db.execute(sql`SELECT 1 FROM queue_entries WHERE id = ${entryId}`);
    if (!exists.rows.length) throw notFound('Queue entry');
    return []; // an entry that is no longer waiting fits nothing
  }
  const places: MatchPlace[] = await loadPlaces(
    db,
    sql`v.status = 'open' AND u.active AND v.service_type_id = ${entry.serviceTypeId}`,
  );
  const ranked = rankPlaces(entry, places, today);
  const board = ranked.length
    ? await capacityService(request.server).board(
        request,
        { status: ['open'], pageSize: 200 },
        ranked.map((r) => r.place.vacancyId),
      )
    : { items: [] };
  const vacancyById = new Map(board.items.map((v) => [v.id, v]));
  await request.audit({
    action: 'care.matching.places',
    targetType: 'queue_entry',
    targetId: entryId,
    subjectClientId: entry.clientId,
    purpose: 'care_placement',
  });
  return ranked
    .filter((r) => vacancyById.has(r.place.vacancyId))
    .map((r) => ({
      vacancy: vacancyById.get(r.place.vacancyId)!,
      score: r.match.score,
      reasons: r.match.reasons,
      lacks: r.match.lacks,
      spouseVacancyId: r.match.spouseVacancyId,
    }));
}
