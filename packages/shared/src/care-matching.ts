import { daysBetween } from './dates.ts';
import {
  compareText,
  isOpenEntry,
  legalClock,
  queueDate,
  urgencyRank,
  type Clock,
  type EntryStatus,
  type UrgencyClass,
} from './care-queue.ts';

/**
 * Matching a waiting client to a vacant place, one rule for the API and the screens. Hard
 * constraints filter (service type, the client's needs against the unit's tags, Finnish or Swedish
 * as the language of care, a couple needing two places in one unit); preferences and waiting time
 * only rank. Every candidate says why it is there, what ranked it and what it lacks.
 */

/** Languages of care the law gives a right to (Language Act 423/2003): a hard constraint. */
export const NATIONAL_LANGUAGES = ['fi', 'sv'] as const;

/**
 * Points that rank candidates within an urgency class (the class itself ranks first, as in the
 * queue): a point per day in the queue, preferences add.
 */
export const MATCH_POINTS = {
  perDayWaiting: 1,
  overdue: 100,
  preferredUnit: [60, 40, 20] as const,
  preferredDistrict: 30,
  otherLanguageOffered: 20,
  coupleRoom: 10,
} as const;

export const COUPLE_ROOM_TAG = 'couple_rooms';

/**
 * Unit tags that restrict who may be placed there: a secure (locked) dementia unit is only for
 * clients who need one, since a locked door limits a person's liberty.
 */
export const RESTRICTED_UNIT_TAGS = ['dementia_secure'] as const;

export interface MatchPlace {
  /** The vacancy being matched. */
  vacancyId: string;
  serviceTypeId: string;
  unit: { id: string; district: string; languages: readonly string[]; tagCodes: readonly string[] };
  /** When the place became free: among equal scores, the longest empty place is offered first. */
  availableFrom: string;
  /** Other vacancies of the same unit and service type that are open (not offered): for couples. */
  otherOpenVacancyIds: readonly string[];
}

export interface MatchPerson {
  language: string;
  needTagCodes: readonly string[];
}

export interface MatchEntry {
  entryId: string;
  clientId: string;
  status: EntryStatus;
  serviceTypeId: string;
  urgency: UrgencyClass;
  decisionDate: string;
  priorityDate: string | null;
  clockRestartedOn: string | null;
  createdAt: string;
  preferredUnitIds: readonly string[];
  preferredDistricts: readonly string[];
  onlyPreferredUnits: boolean;
  /** The entry holds a live offer already. */
  hasLiveOffer: boolean;
  client: MatchPerson;
  /** A spouse with an open entry for the same service type who is to live with the client (§14). */
  spouse: (MatchPerson & { entryId: string; clientId: string; hasLiveOffer: boolean }) | null;
}

export type MatchBlocker =
  | { code: 'service_type' }
  | { code: 'not_waiting' }
  | { code: 'has_live_offer' }
  | { code: 'need_not_met'; tag: string; who: 'client' | 'spouse' }
  | { code: 'unit_restricted'; tag: string; who: 'client' | 'spouse' }
  | { code: 'language'; language: string; who: 'client' | 'spouse' }
  | { code: 'couple_needs_two_places' }
  | { code: 'only_preferred_units' };

export type MatchReason =
  | { code: 'urgency'; urgency: UrgencyClass; points: 0 }
  | { code: 'days_waiting'; days: number; points: number }
  | { code: 'overdue'; points: number }
  | { code: 'preferred_unit'; rank: number; points: number }
  | { code: 'preferred_district'; district: string; points: number }
  | { code: 'language_offered'; language: string; points: number }
  | { code: 'couple_room'; points: number }
  | { code: 'needs_met'; tags: string[]; points: 0 }
  | { code: 'couple_two_places'; vacancyId: string; points: 0 };

export type MatchLack =
  | { code: 'not_preferred_unit' }
  | { code: 'not_preferred_district'; districts: string[] }
  | { code: 'language_not_offered'; language: string }
  | { code: 'couple_separate_rooms' };

export interface Match {
  entryId: string;
  fits: boolean;
  score: number;
  clock: Clock;
  blockers: MatchBlocker[];
  reasons: MatchReason[];
  lacks: MatchLack[];
  /** For a couple: the second vacancy offered with this one. */
  spouseVacancyId: string | null;
}

/** What a place's checks need, worked out once per place rather than once per candidate. */
interface PlaceFacts {
  tags: ReadonlySet<string>;
  languages: ReadonlySet<string>;
  /** The restricting tags this unit has. */
  restricted: readonly string[];
}
const placeFacts = new WeakMap<MatchPlace, PlaceFacts>();

function factsOf(place: MatchPlace): PlaceFacts {
  let facts = placeFacts.get(place);
  if (!facts) {
    const tags = new Set(place.unit.tagCodes);
    facts = {
      tags,
      languages: new Set(place.unit.languages),
      restricted: RESTRICTED_UNIT_TAGS.filter((tag) => tags.has(tag)),
    };
    placeFacts.set(place, facts);
  }
  return facts;
}

const isNationalLanguage = (language: string) => (NATIONAL_LANGUAGES as readonly string[]).includes(language);

function addPersonBlockers(
  out: MatchBlocker[],
  facts: PlaceFacts,
  person: MatchPerson,
  who: 'client' | 'spouse',
) {
  for (const tag of person.needTagCodes) {
    if (!facts.tags.has(tag)) out.push({ code: 'need_not_met', tag, who });
  }
  for (const tag of facts.restricted) {
    if (!person.needTagCodes.includes(tag)) out.push({ code: 'unit_restricted', tag, who });
  }
  if (isNationalLanguage(person.language) && !facts.languages.has(person.language)) {
    out.push({ code: 'language', language: person.language, who });
  }
}

// The legal clock of the (few hundred) distinct decision dates in a queue, shared by all entries
// with the same inputs: ranking reads it for thousands of entries per request.
const clocks = new Map<string, Clock>();

function clockOf(entry: MatchEntry, today: string): Clock {
  const key = `${today}|${entry.decisionDate}|${entry.clockRestartedOn ?? ''}|${entry.urgency}|${entry.onlyPreferredUnits ? 1 : 0}`;
  let clock = clocks.get(key);
  if (!clock) {
    clock = Object.freeze(
      legalClock({
        decisionDate: entry.decisionDate,
        clockRestartedOn: entry.clockRestartedOn,
        urgency: entry.urgency,
        onlyPreferredUnits: entry.onlyPreferredUnits,
        today,
      }),
    );
    if (clocks.size >= 20_000) clocks.clear();
    clocks.set(key, clock);
  }
  return clock;
}

function addLanguageReason(
  reasons: MatchReason[],
  lacks: MatchLack[],
  facts: PlaceFacts,
  person: MatchPerson,
) {
  // Other languages of care have no legal right behind them: they rank, they do not filter.
  if (isNationalLanguage(person.language)) return;
  if (facts.languages.has(person.language)) {
    if (!reasons.some((r) => r.code === 'language_offered'))
      reasons.push({
        code: 'language_offered',
        language: person.language,
        points: MATCH_POINTS.otherLanguageOffered,
      });
  } else if (!lacks.some((l) => l.code === 'language_not_offered')) {
    lacks.push({ code: 'language_not_offered', language: person.language });
  }
}

/** How one waiting entry fits one vacant place: the blockers, or the score with its reasons. */
export function matchEntry(place: MatchPlace, entry: MatchEntry, today: string): Match {
  const facts = factsOf(place);
  const clock = clockOf(entry, today);
  const blockers: MatchBlocker[] = [];
  if (entry.serviceTypeId !== place.serviceTypeId) blockers.push({ code: 'service_type' });
  if (!isOpenEntry(entry.status)) blockers.push({ code: 'not_waiting' });
  if (entry.hasLiveOffer || entry.spouse?.hasLiveOffer) blockers.push({ code: 'has_live_offer' });
  addPersonBlockers(blockers, facts, entry.client, 'client');
  let spouseVacancyId: string | null = null;
  if (entry.spouse) {
    addPersonBlockers(blockers, facts, entry.spouse, 'spouse');
    spouseVacancyId = place.otherOpenVacancyIds[0] ?? null;
    if (!spouseVacancyId) blockers.push({ code: 'couple_needs_two_places' });
  }
  const preferredRank = entry.preferredUnitIds.indexOf(place.unit.id);
  if (entry.onlyPreferredUnits && preferredRank < 0) blockers.push({ code: 'only_preferred_units' });

  const reasons: MatchReason[] = [];
  const lacks: MatchLack[] = [];
  // The urgency class orders candidates before any points (see rankCandidates).
  if (entry.urgency !== 'normal') reasons.push({ code: 'urgency', urgency: entry.urgency, points: 0 });
  // Waiting time ranks from the queue date, the same date the queue order uses: a coordinator's
  // manual priority date moves the client in matching too, and a refusal that restarts the legal
  // clock (the municipality's deadline) does not throw away the client's time in the queue.
  const daysInQueue = Math.max(0, daysBetween(queueDate(entry), today));
  reasons.push({
    code: 'days_waiting',
    days: daysInQueue,
    points: daysInQueue * MATCH_POINTS.perDayWaiting,
  });
  if (clock.state === 'overdue') reasons.push({ code: 'overdue', points: MATCH_POINTS.overdue });
  if (preferredRank >= 0) {
    const points =
      MATCH_POINTS.preferredUnit[Math.min(preferredRank, MATCH_POINTS.preferredUnit.length - 1)]!;
    reasons.push({ code: 'preferred_unit', rank: preferredRank + 1, points });
  } else if (entry.preferredUnitIds.length) {
    lacks.push({ code: 'not_preferred_unit' });
  }
  if (entry.preferredDistricts.length) {
    if (entry.preferredDistricts.includes(place.unit.district)) {
      reasons.push({
        code: 'preferred_district',
        district: place.unit.district,
        points: MATCH_POINTS.preferredDistrict,
      });
    } else if (preferredRank < 0) {
      lacks.push({ code: 'not_preferred_district', districts: [...entry.preferredDistricts] });
    }
  }
  addLanguageReason(reasons, lacks, facts, entry.client);
  if (entry.spouse) addLanguageReason(reasons, lacks, facts, entry.spouse);
  const needs = entry.spouse
    ? [...new Set([...entry.client.needTagCodes, ...entry.spouse.needTagCodes])]
    : [...entry.client.needTagCodes];
  if (needs.length) reasons.push({ code: 'needs_met', tags: needs, points: 0 });
  if (entry.spouse && spouseVacancyId) {
    reasons.push({ code: 'couple_two_places', vacancyId: spouseVacancyId, points: 0 });
    if (facts.tags.has(COUPLE_ROOM_TAG))
      reasons.push({ code: 'couple_room', points: MATCH_POINTS.coupleRoom });
    else lacks.push({ code: 'couple_separate_rooms' });
  }
  const fits = blockers.length === 0;
  return {
    entryId: entry.entryId,
    fits,
    score: fits ? reasons.reduce((sum, r) => sum + r.points, 0) : 0,
    clock,
    blockers,
    reasons,
    lacks,
    spouseVacancyId: fits ? spouseVacancyId : null,
  };
}

/**
 * Fitting candidates best first: by urgency class (as the queue), then by score (time in the queue
 * and preferences), then by queue order.
 */
export function rankCandidates(place: MatchPlace, entries: readonly MatchEntry[], today: string) {
  // Sort keys computed once per candidate, not once per comparison.
  const fitting: { match: Match; entry: MatchEntry; urgency: number; queueDate: string }[] = [];
  const excluded: Partial<Record<MatchBlocker['code'], number>> = {};
  for (const entry of entries) {
    const match = matchEntry(place, entry, today);
    if (match.fits) {
      fitting.push({ match, entry, urgency: urgencyRank(entry.urgency), queueDate: queueDate(entry) });
      continue;
    }
    const counted: string[] = [];
    for (const { code } of match.blockers) {
      if (counted.includes(code)) continue;
      counted.push(code);
      excluded[code] = (excluded[code] ?? 0) + 1;
    }
  }
  fitting.sort(
    (a, b) =>
      a.urgency - b.urgency ||
      b.match.score - a.match.score ||
      compareText(a.queueDate, b.queueDate) ||
      compareText(a.entry.createdAt, b.entry.createdAt) ||
      compareText(a.entry.entryId, b.entry.entryId),
  );
  return { candidates: fitting.map((x) => x.match), excluded };
}

/** The same rule from the client's side: the vacancies that fit one entry, best first. */
export function rankPlaces(entry: MatchEntry, places: readonly MatchPlace[], today: string) {
  return places
    .map((place) => ({ place, match: matchEntry(place, entry, today) }))
    .filter((x) => x.match.fits)
    .sort(
      (a, b) =>
        b.match.score - a.match.score ||
        a.place.availableFrom.localeCompare(b.place.availableFrom) ||
        a.place.vacancyId.localeCompare(b.place.vacancyId),
    );
}
