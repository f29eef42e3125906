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

/**
 * Where one assessment writes what it found. Ranking thousands of entries for one vacancy needs
 * only whether each fits, its score and its blocker codes; the explanations (objects per reason,
 * lack and blocker) are written only for the candidates shown, by the same code path, so the score
 * shown and the score ranked by cannot differ.
 */
interface Explanation {
  blockers: MatchBlocker[];
  reasons: MatchReason[];
  lacks: MatchLack[];
}

const BLOCKER_BITS: Record<MatchBlocker['code'], number> = {
  service_type: 1,
  not_waiting: 2,
  has_live_offer: 4,
  need_not_met: 8,
  unit_restricted: 16,
  language: 32,
  couple_needs_two_places: 64,
  only_preferred_units: 128,
};
const BLOCKER_CODES = Object.keys(BLOCKER_BITS) as MatchBlocker['code'][];

interface Assessment {
  /** One bit per blocker code found (`BLOCKER_BITS`); 0 when the entry fits. */
  blocked: number;
  score: number;
  spouseVacancyId: string | null;
}

function personBlocks(
  facts: PlaceFacts,
  person: MatchPerson,
  who: 'client' | 'spouse',
  out: Explanation | null,
) {
  let blocked = 0;
  for (const tag of person.needTagCodes) {
    if (facts.tags.has(tag)) continue;
    blocked |= BLOCKER_BITS.need_not_met;
    out?.blockers.push({ code: 'need_not_met', tag, who });
  }
  for (const tag of facts.restricted) {
    if (person.needTagCodes.includes(tag)) continue;
    blocked |= BLOCKER_BITS.unit_restricted;
    out?.blockers.push({ code: 'unit_restricted', tag, who });
  }
  if (isNationalLanguage(person.language) && !facts.languages.has(person.language)) {
    blocked |= BLOCKER_BITS.language;
    out?.blockers.push({ code: 'language', language: person.language, who });
  }
  return blocked;
}

/** What ranking needs of an entry on a given day, whatever the place. */
interface EntryFacts {
  today: string;
  clock: Clock;
  queueDate: string;
  daysInQueue: number;
  urgencyRank: number;
}

// Worked out once per entry and day: the API keeps the open entries in memory between requests
// (until the queue changes), so ranking a vacancy reads these rather than recomputing the legal
// clock and dates of thousands of entries. The entry objects are never changed in place.
const entryFacts = new WeakMap<MatchEntry, EntryFacts>();

function factsOfEntry(entry: MatchEntry, today: string): EntryFacts {
  let facts = entryFacts.get(entry);
  if (!facts || facts.today !== today) {
    const date = queueDate(entry);
    facts = {
      today,
      clock: legalClock({
        decisionDate: entry.decisionDate,
        clockRestartedOn: entry.clockRestartedOn,
        urgency: entry.urgency,
        onlyPreferredUnits: entry.onlyPreferredUnits,
        today,
      }),
      queueDate: date,
      // Waiting time ranks from the queue date, the same date the queue order uses: a
      // coordinator's manual priority date moves the client in matching too, and a refusal that
      // restarts the legal clock (the municipality's deadline) keeps the client's time in the queue.
      daysInQueue: Math.max(0, daysBetween(date, today)),
      urgencyRank: urgencyRank(entry.urgency),
    };
    entryFacts.set(entry, facts);
  }
  return facts;
}

/** Points for a language of care other than Finnish or Swedish that the unit offers (once per match). */
function languagePoints(facts: PlaceFacts, person: MatchPerson, already: boolean, out: Explanation | null) {
  // Other languages of care have no legal right behind them: they rank, they do not filter.
  if (isNationalLanguage(person.language)) return 0;
  if (facts.languages.has(person.language)) {
    if (already) return 0;
    out?.reasons.push({
      code: 'language_offered',
      language: person.language,
      points: MATCH_POINTS.otherLanguageOffered,
    });
    return MATCH_POINTS.otherLanguageOffered;
  }
  if (out && !out.lacks.some((l) => l.code === 'language_not_offered'))
    out.lacks.push({ code: 'language_not_offered', language: person.language });
  return 0;
}

type PlainBlocker = Extract<
  MatchBlocker,
  {
    code:
      'service_type' | 'not_waiting' | 'has_live_offer' | 'couple_needs_two_places' | 'only_preferred_units';
  }
>['code'];

function block(code: PlainBlocker, out: Explanation | null) {
  out?.blockers.push({ code });
  return BLOCKER_BITS[code];
}

/** The one matching rule: blockers, score and (when asked) every reason behind them. */
function assess(
  place: MatchPlace,
  facts: PlaceFacts,
  entry: MatchEntry,
  today: string,
  out: Explanation | null,
): Assessment {
  let blocked = 0;
  if (entry.serviceTypeId !== place.serviceTypeId) blocked |= block('service_type', out);
  if (!isOpenEntry(entry.status)) blocked |= block('not_waiting', out);
  if (entry.hasLiveOffer || entry.spouse?.hasLiveOffer) blocked |= block('has_live_offer', out);
  blocked |= personBlocks(facts, entry.client, 'client', out);
  let spouseVacancyId: string | null = null;
  if (entry.spouse) {
    blocked |= personBlocks(facts, entry.spouse, 'spouse', out);
    spouseVacancyId = place.otherOpenVacancyIds[0] ?? null;
    if (!spouseVacancyId) blocked |= block('couple_needs_two_places', out);
  }
  const preferredRank = entry.preferredUnitIds.indexOf(place.unit.id);
  if (entry.onlyPreferredUnits && preferredRank < 0) blocked |= block('only_preferred_units', out);
  // A left-out entry is only counted by its blocker codes, unless it is being explained.
  if (blocked && !out) return { blocked, score: 0, spouseVacancyId: null };

  let score = 0;
  // The urgency class orders candidates before any points (see rankCandidates).
  if (entry.urgency !== 'normal') out?.reasons.push({ code: 'urgency', urgency: entry.urgency, points: 0 });
  const { daysInQueue, clock } = factsOfEntry(entry, today);
  score += daysInQueue * MATCH_POINTS.perDayWaiting;
  out?.reasons.push({
    code: 'days_waiting',
    days: daysInQueue,
    points: daysInQueue * MATCH_POINTS.perDayWaiting,
  });
  if (clock.state === 'overdue') {
    score += MATCH_POINTS.overdue;
    out?.reasons.push({ code: 'overdue', points: MATCH_POINTS.overdue });
  }
  if (preferredRank >= 0) {
    const points =
      MATCH_POINTS.preferredUnit[Math.min(preferredRank, MATCH_POINTS.preferredUnit.length - 1)]!;
    score += points;
    out?.reasons.push({ code: 'preferred_unit', rank: preferredRank + 1, points });
  } else if (entry.preferredUnitIds.length) {
    out?.lacks.push({ code: 'not_preferred_unit' });
  }
  if (entry.preferredDistricts.length) {
    if (entry.preferredDistricts.includes(place.unit.district)) {
      score += MATCH_POINTS.preferredDistrict;
      out?.reasons.push({
        code: 'preferred_district',
        district: place.unit.district,
        points: MATCH_POINTS.preferredDistrict,
      });
    } else if (preferredRank < 0) {
      out?.lacks.push({ code: 'not_preferred_district', districts: [...entry.preferredDistricts] });
    }
  }
  const clientLanguage = languagePoints(facts, entry.client, false, out);
  score += clientLanguage;
  if (entry.spouse) score += languagePoints(facts, entry.spouse, clientLanguage > 0, out);
  if (out) {
    const needs = entry.spouse
      ? [...new Set([...entry.client.needTagCodes, ...entry.spouse.needTagCodes])]
      : [...entry.client.needTagCodes];
    if (needs.length) out.reasons.push({ code: 'needs_met', tags: needs, points: 0 });
  }
  if (entry.spouse && spouseVacancyId) {
    out?.reasons.push({ code: 'couple_two_places', vacancyId: spouseVacancyId, points: 0 });
    if (facts.tags.has(COUPLE_ROOM_TAG)) {
      score += MATCH_POINTS.coupleRoom;
      out?.reasons.push({ code: 'couple_room', points: MATCH_POINTS.coupleRoom });
    } else out?.lacks.push({ code: 'couple_separate_rooms' });
  }
  return blocked ? { blocked, score: 0, spouseVacancyId: null } : { blocked, score, spouseVacancyId };
}

/** How one waiting entry fits one vacant place: the blockers, or the score with its reasons. */
export function matchEntry(place: MatchPlace, entry: MatchEntry, today: string): Match {
  const out: Explanation = { blockers: [], reasons: [], lacks: [] };
  const { blocked, score, spouseVacancyId } = assess(place, factsOf(place), entry, today, out);
  return {
    entryId: entry.entryId,
    fits: blocked === 0,
    score,
    clock: factsOfEntry(entry, today).clock,
    ...out,
    spouseVacancyId,
  };
}

/** A fitting candidate in rank order; `matchEntry` gives its full explanation. */
export interface RankedEntry {
  entryId: string;
  entry: MatchEntry;
  fits: true;
  score: number;
  spouseVacancyId: string | null;
}

/**
 * Fitting candidates best first: by urgency class (as the queue), then by score (time in the queue
 * and preferences), then by queue order. Left-out entries are counted by blocker code.
 */
export function rankCandidates(place: MatchPlace, entries: readonly MatchEntry[], today: string) {
  // Sort keys computed once per candidate, not once per comparison.
  const fitting: { ranked: RankedEntry; urgency: number; queueDate: string }[] = [];
  const excluded: Partial<Record<MatchBlocker['code'], number>> = {};
  const facts = factsOf(place);
  for (const entry of entries) {
    const { blocked, score, spouseVacancyId } = assess(place, facts, entry, today, null);
    if (!blocked) {
      const { urgencyRank: urgency, queueDate: date } = factsOfEntry(entry, today);
      fitting.push({
        ranked: { entryId: entry.entryId, entry, fits: true, score, spouseVacancyId },
        urgency,
        queueDate: date,
      });
      continue;
    }
    for (const code of BLOCKER_CODES) {
      if (blocked & BLOCKER_BITS[code]) excluded[code] = (excluded[code] ?? 0) + 1;
    }
  }
  fitting.sort(
    (a, b) =>
      a.urgency - b.urgency ||
      b.ranked.score - a.ranked.score ||
      compareText(a.queueDate, b.queueDate) ||
      compareText(a.ranked.entry.createdAt, b.ranked.entry.createdAt) ||
      compareText(a.ranked.entryId, b.ranked.entryId),
  );
  return { candidates: fitting.map((x) => x.ranked), excluded };
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
