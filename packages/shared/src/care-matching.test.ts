import { describe, expect, it } from 'vitest';
import type { EntryStatus } from './care-queue.ts';
import {
  COUPLE_ROOM_TAG,
  MATCH_POINTS,
  matchEntry,
  NATIONAL_LANGUAGES,
  rankCandidates,
  rankPlaces,
  type Match,
  type MatchEntry,
  type MatchPerson,
  type MatchPlace,
  type MatchReason,
} from './care-matching.ts';

// Matching (issue 9, "Matching that explains itself"; DOMAIN module 2, rules 3 and 6): hard
// constraints filter (service type, needs against unit tags, Finnish or Swedish as the language of
// care, a couple needing two places in one unit, waiting only for chosen units, an entry that is not
// waiting or already holds an offer); preferences and waiting time only rank; every candidate says
// why it is there, what ranked it and what it lacks.

const TODAY = '2024-06-01';

// --------------------------------------------------------------------------------------- factories

type PlaceOver = Partial<Omit<MatchPlace, 'unit'>> & { unit?: Partial<MatchPlace['unit']> };

/** A vacancy in a Finnish- and Swedish-speaking unit in Kallio, with no tags, empty since 20 May. */
function place(over: PlaceOver = {}): MatchPlace {
  const { unit, ...rest } = over;
  return {
    vacancyId: 'v1',
    serviceTypeId: 'st-24h',
    availableFrom: '2024-05-20',
    otherOpenVacancyIds: [],
    ...rest,
    unit: { id: 'u1', district: 'Kallio', languages: ['fi', 'sv'], tagCodes: [], ...unit },
  };
}

const person = (over: Partial<MatchPerson> = {}): MatchPerson => ({
  language: 'fi',
  needTagCodes: [],
  ...over,
});

type EntryOver = Partial<Omit<MatchEntry, 'client'>> & { client?: Partial<MatchPerson> };

/** A normal-urgency entry decided on 1 May 2024 (31 days before TODAY), any suitable place. */
function entry(over: EntryOver = {}): MatchEntry {
  const { client, ...rest } = over;
  return {
    entryId: 'e1',
    clientId: 'c1',
    status: 'queued',
    serviceTypeId: 'st-24h',
    urgency: 'normal',
    decisionDate: '2024-05-01',
    priorityDate: null,
    clockRestartedOn: null,
    createdAt: '2024-05-02T08:00:00.000Z',
    preferredUnitIds: [],
    preferredDistricts: [],
    onlyPreferredUnits: false,
    hasLiveOffer: false,
    spouse: null,
    ...rest,
    client: person(client),
  };
}

const spouse = (
  over: Partial<NonNullable<MatchEntry['spouse']>> = {},
): NonNullable<MatchEntry['spouse']> => ({
  entryId: 'e1-spouse',
  clientId: 'c1-spouse',
  hasLiveOffer: false,
  ...person(),
  ...over,
});

/** A couple's place: a second open vacancy in the same unit. */
const twoPlaces = (over: PlaceOver = {}) => place({ otherOpenVacancyIds: ['v2'], ...over });

const pointsOf = (m: Match, code: MatchReason['code']) =>
  m.reasons.filter((r) => r.code === code).reduce((sum, r) => sum + r.points, 0);
const codes = <T extends { code: string }>(xs: readonly T[]) => xs.map((x) => x.code);
/** Explanations are compared as sets: their order on screen is the client's business. */
function expectItems<T>(actual: readonly T[], expected: T[]) {
  expect(actual).toHaveLength(expected.length);
  expect([...actual] as unknown[]).toEqual(expect.arrayContaining(expected as unknown[]));
}

// ------------------------------------------------------------------------------ hard constraints

describe('matching: a plain fit', () => {
  it('fits, scores a point per day waited and explains it', () => {
    const m = matchEntry(place(), entry(), TODAY);
    expect(m).toMatchObject({
      entryId: 'e1',
      fits: true,
      blockers: [],
      lacks: [],
      spouseVacancyId: null,
      score: 31,
    });
    expect(m.reasons).toEqual([{ code: 'days_waiting', days: 31, points: 31 }]);
    expect(m.clock).toMatchObject({
      startDate: '2024-05-01',
      dueDate: '2024-08-01',
      daysWaiting: 31,
      state: 'within',
    });
  });
});

describe('matching: each hard constraint on its own', () => {
  it('needs the same service type', () => {
    const m = matchEntry(place({ serviceTypeId: 'st-short-term' }), entry(), TODAY);
    expect(m).toMatchObject({ fits: false, score: 0, blockers: [{ code: 'service_type' }] });
  });

  it.each(['placed', 'withdrawn', 'deceased', 'placed_elsewhere'] as EntryStatus[])(
    'leaves out an entry that is %s',
    (status) => {
      const m = matchEntry(place(), entry({ status }), TODAY);
      expect(m).toMatchObject({ fits: false, score: 0, blockers: [{ code: 'not_waiting' }] });
    },
  );

  it.each(['queued', 'interim'] as EntryStatus[])('matches an entry that is %s', (status) => {
    // An interim placement keeps the entry in the queue with its preferences and decision date (rule 7).
    const m = matchEntry(place(), entry({ status }), TODAY);
    expect(m).toMatchObject({ fits: true, score: 31 });
  });

  it('leaves out an entry that holds a live offer already', () => {
    expect(matchEntry(place(), entry({ hasLiveOffer: true }), TODAY)).toMatchObject({
      fits: false,
      score: 0,
      blockers: [{ code: 'has_live_offer' }],
    });
    expect(matchEntry(place(), entry({ status: 'offered', hasLiveOffer: true }), TODAY).blockers).toEqual([
      { code: 'has_live_offer' },
    ]);
  });

  it('needs every need tag of the client among the unit’s tags', () => {
    const unit = { tagCodes: ['dementia'] };
    const m = matchEntry(
      place({ unit }),
      entry({ client: { needTagCodes: ['dementia', 'secure_unit'] } }),
      TODAY,
    );
    expect(m).toMatchObject({
      fits: false,
      score: 0,
      blockers: [{ code: 'need_not_met', tag: 'secure_unit', who: 'client' }],
    });
    const both = matchEntry(place(), entry({ client: { needTagCodes: ['dementia', 'secure_unit'] } }), TODAY);
    expect(both.blockers).toEqual([
      { code: 'need_not_met', tag: 'dementia', who: 'client' },
      { code: 'need_not_met', tag: 'secure_unit', who: 'client' },
    ]);
  });

  it('keeps a secure dementia unit for those who need one, client and spouse alike', () => {
    const secure = place({ unit: { tagCodes: ['dementia_secure'] } });
    expect(matchEntry(secure, entry(), TODAY)).toMatchObject({
      fits: false,
      blockers: [{ code: 'unit_restricted', tag: 'dementia_secure', who: 'client' }],
    });
    expect(matchEntry(secure, entry({ client: { needTagCodes: ['dementia_secure'] } }), TODAY).fits).toBe(
      true,
    );
    const couple = matchEntry(
      twoPlaces({ unit: { tagCodes: ['dementia_secure'] } }),
      entry({ client: { needTagCodes: ['dementia_secure'] }, spouse: spouse() }),
      TODAY,
    );
    expect(couple.blockers).toEqual([{ code: 'unit_restricted', tag: 'dementia_secure', who: 'spouse' }]);
  });

  it('accepts a unit that has every needed tag and more', () => {
    const m = matchEntry(
      place({ unit: { tagCodes: ['secure_unit', 'dementia', 'sauna'] } }),
      entry({ client: { needTagCodes: ['dementia', 'secure_unit'] } }),
      TODAY,
    );
    expect(m.fits).toBe(true);
  });

  it('does not require a unit’s tags of a client who does not need them', () => {
    expect(matchEntry(place({ unit: { tagCodes: ['dementia'] } }), entry(), TODAY).fits).toBe(true);
  });

  it('treats Finnish and Swedish as the national languages', () => {
    expect(NATIONAL_LANGUAGES).toEqual(['fi', 'sv']);
  });

  it('needs a unit giving care in Finnish for a Finnish-speaking client', () => {
    const m = matchEntry(
      place({ unit: { languages: ['sv'] } }),
      entry({ client: { language: 'fi' } }),
      TODAY,
    );
    expect(m).toMatchObject({ fits: false, blockers: [{ code: 'language', language: 'fi', who: 'client' }] });
  });

  it('needs a unit giving care in Swedish for a Swedish-speaking client', () => {
    const m = matchEntry(
      place({ unit: { languages: ['fi'] } }),
      entry({ client: { language: 'sv' } }),
      TODAY,
    );
    expect(m).toMatchObject({ fits: false, blockers: [{ code: 'language', language: 'sv', who: 'client' }] });
    expect(
      matchEntry(place({ unit: { languages: ['sv'] } }), entry({ client: { language: 'sv' } }), TODAY).fits,
    ).toBe(true);
  });

  it.each(['ru', 'et', 'so', 'en'])(
    'only ranks another language of care (%s): it never filters',
    (language) => {
      const m = matchEntry(place({ unit: { languages: ['fi'] } }), entry({ client: { language } }), TODAY);
      expect(m).toMatchObject({ fits: true, blockers: [], score: 31 });
      expect(m.lacks).toEqual([{ code: 'language_not_offered', language }]);
    },
  );

  it('needs a second open place in the same unit for a couple', () => {
    const m = matchEntry(place(), entry({ spouse: spouse() }), TODAY);
    expect(m).toMatchObject({
      fits: false,
      score: 0,
      blockers: [{ code: 'couple_needs_two_places' }],
      spouseVacancyId: null,
    });
    const fits = matchEntry(place({ otherOpenVacancyIds: ['v2', 'v3'] }), entry({ spouse: spouse() }), TODAY);
    expect(fits).toMatchObject({ fits: true, blockers: [], spouseVacancyId: 'v2' });
  });

  it('does not make a couple room alone enough for two', () => {
    const m = matchEntry(
      place({ unit: { tagCodes: [COUPLE_ROOM_TAG] } }),
      entry({ spouse: spouse() }),
      TODAY,
    );
    expect(m.blockers).toEqual([{ code: 'couple_needs_two_places' }]);
  });

  it('needs the spouse’s needs met too', () => {
    const m = matchEntry(twoPlaces(), entry({ spouse: spouse({ needTagCodes: ['dementia'] }) }), TODAY);
    expect(m).toMatchObject({
      fits: false,
      spouseVacancyId: null,
      blockers: [{ code: 'need_not_met', tag: 'dementia', who: 'spouse' }],
    });
  });

  it('needs the spouse’s national language too', () => {
    const m = matchEntry(
      twoPlaces({ unit: { languages: ['fi'] } }),
      entry({ spouse: spouse({ language: 'sv' }) }),
      TODAY,
    );
    expect(m).toMatchObject({ fits: false, blockers: [{ code: 'language', language: 'sv', who: 'spouse' }] });
  });

  it('leaves out a couple whose spouse holds a live offer', () => {
    const m = matchEntry(twoPlaces(), entry({ spouse: spouse({ hasLiveOffer: true }) }), TODAY);
    expect(m).toMatchObject({ fits: false, blockers: [{ code: 'has_live_offer' }] });
  });

  it('offers an entry waiting only for chosen units no other unit', () => {
    const m = matchEntry(place(), entry({ onlyPreferredUnits: true, preferredUnitIds: ['u7', 'u8'] }), TODAY);
    expect(m).toMatchObject({ fits: false, score: 0, blockers: [{ code: 'only_preferred_units' }] });
  });

  it('offers an entry waiting only for chosen units one of them, outside the guarantee', () => {
    const m = matchEntry(place(), entry({ onlyPreferredUnits: true, preferredUnitIds: ['u7', 'u1'] }), TODAY);
    expect(m).toMatchObject({ fits: true, blockers: [] });
    expect(m.clock.state).toBe('outside_guarantee');
  });

  it('lists every blocker at once and scores a misfit 0', () => {
    const m = matchEntry(
      place({ serviceTypeId: 'st-other', unit: { languages: ['fi'] } }),
      entry({
        status: 'withdrawn',
        hasLiveOffer: true,
        onlyPreferredUnits: true,
        preferredUnitIds: ['u9'],
        client: { language: 'sv', needTagCodes: ['dementia'] },
        spouse: spouse({ needTagCodes: ['secure_unit'], language: 'sv' }),
      }),
      TODAY,
    );
    expect(m.fits).toBe(false);
    expect(m.score).toBe(0);
    expect(m.spouseVacancyId).toBe(null);
    expectItems(m.blockers, [
      { code: 'service_type' },
      { code: 'not_waiting' },
      { code: 'has_live_offer' },
      { code: 'need_not_met', tag: 'dementia', who: 'client' },
      { code: 'language', language: 'sv', who: 'client' },
      { code: 'need_not_met', tag: 'secure_unit', who: 'spouse' },
      { code: 'language', language: 'sv', who: 'spouse' },
      { code: 'couple_needs_two_places' },
      { code: 'only_preferred_units' },
    ]);
  });

  it('never lets preferences filter: a client preferring other units and districts still fits', () => {
    const m = matchEntry(
      place(),
      entry({ preferredUnitIds: ['u7'], preferredDistricts: ['Vuosaari'] }),
      TODAY,
    );
    expect(m).toMatchObject({ fits: true, blockers: [], score: 31 });
    expectItems(m.lacks, [
      { code: 'not_preferred_unit' },
      { code: 'not_preferred_district', districts: ['Vuosaari'] },
    ]);
  });
});

// ------------------------------------------------------------------------------------------ ranking

describe('matching: what ranks a candidate', () => {
  it('uses these points', () => {
    expect(MATCH_POINTS).toEqual({
      perDayWaiting: 1,
      overdue: 100,
      preferredUnit: [60, 40, 20],
      preferredDistrict: 30,
      otherLanguageOffered: 20,
      coupleRoom: 10,
    });
  });

  it.each(['urgent', 'high'] as const)(
    'names %s urgency as a reason without points (it ranks before points)',
    (urgency) => {
      // Decided today so that the urgent entry is due today and not yet overdue.
      const m = matchEntry(place(), entry({ urgency, decisionDate: TODAY }), TODAY);
      expect(m.reasons).toContainEqual({ code: 'urgency', urgency, points: 0 });
      expect(m.score).toBe(0);
    },
  );

  it('gives normal urgency no urgency reason', () => {
    expect(codes(matchEntry(place(), entry({ decisionDate: TODAY }), TODAY).reasons)).toEqual([
      'days_waiting',
    ]);
  });

  it.each([
    ['2024-06-01', 0],
    ['2024-05-31', 1],
    ['2024-05-01', 31],
    ['2024-03-05', 88],
    ['2024-06-10', 0], // a decision dated after today waits 0 days, never negative
  ])('gives a point per day in the queue (decided %s: %i)', (decisionDate, days) => {
    const m = matchEntry(place(), entry({ decisionDate }), TODAY);
    expect(m.reasons).toContainEqual({ code: 'days_waiting', days, points: days });
  });

  it('counts waiting time from a manual priority date, as the queue order does', () => {
    const movedUp = matchEntry(
      place(),
      entry({ decisionDate: '2024-05-01', priorityDate: '2024-03-01' }),
      TODAY,
    );
    expect(movedUp.reasons).toContainEqual({ code: 'days_waiting', days: 92, points: 92 });
    const movedDown = matchEntry(
      place(),
      entry({ decisionDate: '2024-03-01', priorityDate: '2024-05-01' }),
      TODAY,
    );
    expect(movedDown.reasons).toContainEqual({ code: 'days_waiting', days: 31, points: 31 });
    // The legal clock still runs from the decision.
    expect(movedUp.clock.startDate).toBe('2024-05-01');
    expect(movedDown.clock.startDate).toBe('2024-03-01');
  });

  it('keeps the time in the queue when a refusal restarts the legal clock', () => {
    const m = matchEntry(
      place(),
      entry({ decisionDate: '2024-02-01', clockRestartedOn: '2024-05-20' }),
      TODAY,
    );
    expect(m.clock).toMatchObject({ startDate: '2024-05-20', daysWaiting: 12, state: 'within' });
    expect(m.reasons).toEqual([{ code: 'days_waiting', days: 121, points: 121 }]);
  });

  it('adds 100 points for an overdue entry', () => {
    // Decided 1 Feb 2024: due 1 May 2024, overdue on 1 June (121 days).
    const m = matchEntry(place(), entry({ decisionDate: '2024-02-01' }), TODAY);
    expect(m.clock.state).toBe('overdue');
    expectItems(m.reasons, [
      { code: 'days_waiting', days: 121, points: 121 },
      { code: 'overdue', points: 100 },
    ]);
    expect(m.score).toBe(221);
  });

  it('gives no overdue points on the due date itself', () => {
    // Decided 1 Mar 2024: due 1 June 2024 = today.
    const m = matchEntry(place(), entry({ decisionDate: '2024-03-01' }), TODAY);
    expect(m.clock.state).toBe('critical');
    expect(pointsOf(m, 'overdue')).toBe(0);
    expect(m.score).toBe(92);
  });

  it('makes urgent care overdue the day after the decision', () => {
    const m = matchEntry(place(), entry({ urgency: 'urgent', decisionDate: '2024-05-31' }), TODAY);
    expect(m.score).toBe(1 + 100);
  });

  it('gives an entry outside the guarantee no overdue points', () => {
    const m = matchEntry(
      place(),
      entry({ decisionDate: '2024-02-01', onlyPreferredUnits: true, preferredUnitIds: ['u1'] }),
      TODAY,
    );
    expect(pointsOf(m, 'overdue')).toBe(0);
    expect(m.score).toBe(121 + 60);
  });

  it.each([
    [['u1', 'u2', 'u3'], 1, 60],
    [['u2', 'u1', 'u3'], 2, 40],
    [['u2', 'u3', 'u1'], 3, 20],
    [['u2', 'u3', 'u4', 'u1'], 4, 20], // later choices keep the last points
  ])(
    'ranks a preferred unit by its place in the list (%j: choice %i, %i points)',
    (preferredUnitIds, rank, points) => {
      const m = matchEntry(place(), entry({ preferredUnitIds }), TODAY);
      expect(m.reasons).toContainEqual({ code: 'preferred_unit', rank, points });
      expect(m.lacks).toEqual([]);
      expect(m.score).toBe(31 + points);
    },
  );

  it('says so when the unit is not among the preferred ones', () => {
    const m = matchEntry(place(), entry({ preferredUnitIds: ['u2'] }), TODAY);
    expect(m.lacks).toEqual([{ code: 'not_preferred_unit' }]);
    expect(pointsOf(m, 'preferred_unit')).toBe(0);
  });

  it('adds 30 points for a preferred district', () => {
    const m = matchEntry(place(), entry({ preferredDistricts: ['Vuosaari', 'Kallio'] }), TODAY);
    expect(m.reasons).toContainEqual({ code: 'preferred_district', district: 'Kallio', points: 30 });
    expect(m.lacks).toEqual([]);
    expect(m.score).toBe(61);
  });

  it('names the wished districts when the place is elsewhere', () => {
    const m = matchEntry(place(), entry({ preferredDistricts: ['Vuosaari', 'Malmi'] }), TODAY);
    expect(m.lacks).toEqual([{ code: 'not_preferred_district', districts: ['Vuosaari', 'Malmi'] }]);
    expect(m.score).toBe(31);
  });

  it('does not count a district lack against a preferred unit in another district', () => {
    const m = matchEntry(
      place(),
      entry({ preferredUnitIds: ['u1'], preferredDistricts: ['Vuosaari'] }),
      TODAY,
    );
    expect(m.lacks).toEqual([]);
    expect(m.score).toBe(31 + 60);
  });

  it('adds both a preferred unit and its preferred district', () => {
    const m = matchEntry(place(), entry({ preferredUnitIds: ['u1'], preferredDistricts: ['Kallio'] }), TODAY);
    expect(m.score).toBe(31 + 60 + 30);
  });

  it('says nothing is lacking for a client who takes any suitable place', () => {
    const m = matchEntry(place({ unit: { district: 'Malmi', tagCodes: [] } }), entry(), TODAY);
    expect(m.lacks).toEqual([]);
  });

  it('adds 20 points when the unit gives care in the client’s other language', () => {
    const m = matchEntry(
      place({ unit: { languages: ['fi', 'ru'] } }),
      entry({ client: { language: 'ru' } }),
      TODAY,
    );
    expect(m.reasons).toContainEqual({ code: 'language_offered', language: 'ru', points: 20 });
    expect(m.lacks).toEqual([]);
    expect(m.score).toBe(51);
  });

  it('gives a Finnish or Swedish speaker no language points (their language is a constraint, not a bonus)', () => {
    expect(
      pointsOf(matchEntry(place(), entry({ client: { language: 'fi' } }), TODAY), 'language_offered'),
    ).toBe(0);
    expect(
      pointsOf(matchEntry(place(), entry({ client: { language: 'sv' } }), TODAY), 'language_offered'),
    ).toBe(0);
  });

  it('weighs the spouse’s other language, and counts a shared language once', () => {
    const unit = { languages: ['fi', 'et'] };
    const spouseOnly = matchEntry(twoPlaces({ unit }), entry({ spouse: spouse({ language: 'et' }) }), TODAY);
    expect(spouseOnly.reasons).toContainEqual({ code: 'language_offered', language: 'et', points: 20 });
    const shared = matchEntry(
      twoPlaces({ unit }),
      entry({ client: { language: 'et' }, spouse: spouse({ language: 'et' }) }),
      TODAY,
    );
    expect(pointsOf(shared, 'language_offered')).toBe(20);
    const mixed = matchEntry(
      twoPlaces({ unit }),
      entry({ client: { language: 'et' }, spouse: spouse({ language: 'ru' }) }),
      TODAY,
    );
    expect(mixed.reasons).toContainEqual({ code: 'language_offered', language: 'et', points: 20 });
    expect(mixed.lacks).toContainEqual({ code: 'language_not_offered', language: 'ru' });
    expect(mixed.fits).toBe(true);
  });

  it('adds 10 points for a couple room, and says when a couple would live in separate rooms', () => {
    const room = matchEntry(
      twoPlaces({ unit: { tagCodes: [COUPLE_ROOM_TAG] } }),
      entry({ spouse: spouse() }),
      TODAY,
    );
    expect(COUPLE_ROOM_TAG).toBe('couple_rooms');
    expectItems(room.reasons, [
      { code: 'days_waiting', days: 31, points: 31 },
      { code: 'couple_two_places', vacancyId: 'v2', points: 0 },
      { code: 'couple_room', points: 10 },
    ]);
    expect(room.lacks).toEqual([]);
    expect(room.score).toBe(41);
    const separate = matchEntry(twoPlaces(), entry({ spouse: spouse() }), TODAY);
    expect(separate.lacks).toEqual([{ code: 'couple_separate_rooms' }]);
    expect(separate.score).toBe(31);
  });

  it('gives a single client no couple-room points or lacks', () => {
    const m = matchEntry(place({ unit: { tagCodes: [COUPLE_ROOM_TAG] } }), entry(), TODAY);
    expect(m.score).toBe(31);
    expect(m.lacks).toEqual([]);
  });

  it('shows which needs the unit meets, for both spouses, once each', () => {
    const m = matchEntry(
      twoPlaces({ unit: { tagCodes: ['dementia', 'wheelchair', 'secure_unit'] } }),
      entry({
        client: { needTagCodes: ['dementia', 'wheelchair'] },
        spouse: spouse({ needTagCodes: ['dementia', 'secure_unit'] }),
      }),
      TODAY,
    );
    const needs = m.reasons.find((r) => r.code === 'needs_met');
    expect(needs).toMatchObject({ points: 0 });
    expect(needs && 'tags' in needs ? [...needs.tags].sort() : []).toEqual([
      'dementia',
      'secure_unit',
      'wheelchair',
    ]);
    expect(codes(matchEntry(place(), entry(), TODAY).reasons)).not.toContain('needs_met');
  });

  it('explains a full candidate: every reason, every lack, and a score that is their sum', () => {
    const m = matchEntry(
      twoPlaces({ unit: { languages: ['fi', 'ru'], tagCodes: ['dementia', 'wheelchair', COUPLE_ROOM_TAG] } }),
      entry({
        urgency: 'high',
        decisionDate: '2024-03-01', // 92 days, due today: critical, not overdue
        preferredUnitIds: ['u2', 'u1'],
        preferredDistricts: ['Kallio'],
        client: { language: 'ru', needTagCodes: ['dementia', 'wheelchair'] },
        spouse: spouse({ needTagCodes: ['dementia'] }),
      }),
      TODAY,
    );
    expect(m.fits).toBe(true);
    expect(m.blockers).toEqual([]);
    expect(m.spouseVacancyId).toBe('v2');
    expectItems(m.reasons, [
      { code: 'urgency', urgency: 'high', points: 0 },
      { code: 'days_waiting', days: 92, points: 92 },
      { code: 'preferred_unit', rank: 2, points: 40 },
      { code: 'preferred_district', district: 'Kallio', points: 30 },
      { code: 'language_offered', language: 'ru', points: 20 },
      { code: 'needs_met', tags: ['dementia', 'wheelchair'], points: 0 },
      { code: 'couple_two_places', vacancyId: 'v2', points: 0 },
      { code: 'couple_room', points: 10 },
    ]);
    expect(m.lacks).toEqual([]);
    expect(m.score).toBe(92 + 40 + 30 + 20 + 10);
    expect(m.score).toBe(m.reasons.reduce((s, r) => s + r.points, 0));
  });

  it('lists every lack of a fitting candidate', () => {
    const m = matchEntry(
      twoPlaces({ unit: { languages: ['fi'] } }),
      entry({
        preferredUnitIds: ['u5'],
        preferredDistricts: ['Malmi'],
        client: { language: 'so' },
        spouse: spouse(),
      }),
      TODAY,
    );
    expect(m.fits).toBe(true);
    expectItems(m.lacks, [
      { code: 'not_preferred_unit' },
      { code: 'not_preferred_district', districts: ['Malmi'] },
      { code: 'language_not_offered', language: 'so' },
      { code: 'couple_separate_rooms' },
    ]);
    expect(m.score).toBe(31);
  });
});

// --------------------------------------------------------------------------- candidates for a place

const ids = (ms: readonly { entryId: string }[]) => ms.map((m) => m.entryId);

describe('rankCandidates', () => {
  it('returns the fitting entries best first and counts the left-out ones by reason', () => {
    const entries = [
      entry({ entryId: 'short-wait', decisionDate: '2024-05-25' }),
      entry({ entryId: 'urgent', urgency: 'urgent', decisionDate: '2024-06-01' }),
      entry({ entryId: 'long-wait', decisionDate: '2024-03-01' }),
      entry({ entryId: 'wrong-type', serviceTypeId: 'st-other' }),
      entry({ entryId: 'dementia', client: { needTagCodes: ['dementia', 'secure_unit'] } }),
      entry({ entryId: 'swedish-dementia', client: { language: 'sv', needTagCodes: ['dementia'] } }),
      entry({ entryId: 'offered', status: 'offered', hasLiveOffer: true }),
      entry({ entryId: 'couple', spouse: spouse() }),
      entry({ entryId: 'only-u9', onlyPreferredUnits: true, preferredUnitIds: ['u9'] }),
    ];
    const { candidates, excluded } = rankCandidates(place({ unit: { languages: ['fi'] } }), entries, TODAY);
    expect(ids(candidates)).toEqual(['urgent', 'long-wait', 'short-wait']);
    expect(candidates.map((c) => c.score)).toEqual([0, 92, 7]);
    expect(candidates.every((c) => c.fits)).toBe(true);
    // One count per entry and reason: two missing tags of one client count once.
    expect(excluded).toEqual({
      service_type: 1,
      need_not_met: 2,
      language: 1,
      has_live_offer: 1,
      couple_needs_two_places: 1,
      only_preferred_units: 1,
    });
  });

  it('returns nothing for an empty queue', () => {
    expect(rankCandidates(place(), [], TODAY)).toEqual({ candidates: [], excluded: {} });
  });

  it('ranks by urgency class before any points, as the queue does', () => {
    // 900 days in the queue and overdue against high-urgency care decided today.
    const normal = entry({ entryId: 'normal', decisionDate: '2021-12-14', preferredDistricts: ['Kallio'] });
    const high = entry({ entryId: 'high', urgency: 'high', decisionDate: TODAY });
    const urgent = entry({ entryId: 'urgent', urgency: 'urgent', decisionDate: TODAY });
    for (const order of [
      [normal, high, urgent],
      [urgent, normal, high],
      [high, urgent, normal],
    ]) {
      expect(ids(rankCandidates(place(), order, TODAY).candidates)).toEqual(['urgent', 'high', 'normal']);
    }
  });

  it('ranks a client moved up by a priority date above those decided earlier', () => {
    const { candidates } = rankCandidates(
      place(),
      [
        entry({ entryId: 'decided-earlier', decisionDate: '2024-04-01' }),
        entry({ entryId: 'moved-up', decisionDate: '2024-05-20', priorityDate: '2024-03-15' }),
      ],
      TODAY,
    );
    expect(ids(candidates)).toEqual(['moved-up', 'decided-earlier']);
  });

  describe('breaks equal scores by queue order', () => {
    const both = (a: MatchEntry, b: MatchEntry) => {
      const forward = rankCandidates(place(), [a, b], TODAY).candidates;
      const backward = rankCandidates(place(), [b, a], TODAY).candidates;
      expect(forward[0]!.score).toBe(forward[1]!.score);
      expect(ids(backward)).toEqual(ids(forward));
      return ids(forward);
    };

    it('then the earlier queue date', () => {
      // 31 days against 1 day and a preferred district (1 + 30).
      const older = entry({ entryId: 'older', decisionDate: '2024-05-01' });
      const newer = entry({ entryId: 'newer', decisionDate: '2024-05-31', preferredDistricts: ['Kallio'] });
      expect(both(newer, older)).toEqual(['older', 'newer']);
    });

    it('then who was entered first', () => {
      const first = entry({ entryId: 'b-first', createdAt: '2024-05-02T08:00:00.000Z' });
      const second = entry({ entryId: 'a-second', createdAt: '2024-05-02T09:00:00.000Z' });
      expect(both(second, first)).toEqual(['b-first', 'a-second']);
    });

    it('then the entry id', () => {
      expect(both(entry({ entryId: 'e-b' }), entry({ entryId: 'e-a' }))).toEqual(['e-a', 'e-b']);
    });
  });

  it('gives a couple both places of the unit', () => {
    const { candidates } = rankCandidates(
      place({ otherOpenVacancyIds: ['v7'] }),
      [entry({ entryId: 'couple', spouse: spouse() }), entry({ entryId: 'single' })],
      TODAY,
    );
    expect(candidates.map((c) => [c.entryId, c.spouseVacancyId])).toEqual([
      ['couple', 'v7'],
      ['single', null],
    ]);
  });
  // Ranking skips the explanations of thousands of entries; what it ranks by must be exactly what
  // a coordinator is shown for the same pair, and every left-out entry counted by its blockers.
  it('ranks by the same score and blockers that matchEntry explains, for every combination', () => {
    const people = [
      person(),
      person({ language: 'sv' }),
      person({ language: 'ru' }),
      person({ language: 'en', needTagCodes: ['dementia'] }),
      person({ language: 'sv', needTagCodes: ['dementia_secure', 'dementia'] }),
    ];
    const places = [
      place(),
      twoPlaces({ unit: { languages: ['fi', 'ru'], tagCodes: [COUPLE_ROOM_TAG, 'dementia'] } }),
      twoPlaces({
        unit: {
          id: 'u2',
          district: 'Vuosaari',
          languages: ['sv', 'en'],
          tagCodes: ['dementia_secure', 'dementia'],
        },
      }),
    ];
    const entries: MatchEntry[] = [];
    let n = 0;
    for (const client of people)
      for (const partner of [null, ...people])
        for (const prefs of [
          {},
          { preferredUnitIds: ['u2', 'u1'] },
          { preferredDistricts: ['Vuosaari'] },
          { preferredUnitIds: ['u9'], onlyPreferredUnits: true },
        ])
          for (const urgency of ['normal', 'urgent'] as const)
            entries.push(
              entry({
                entryId: `e${n++}`,
                urgency,
                decisionDate: n % 3 ? '2024-05-01' : '2024-01-15',
                hasLiveOffer: n % 17 === 0,
                ...prefs,
                client,
                spouse: partner ? spouse({ ...partner, entryId: `s${n}` }) : null,
              }),
            );
    for (const p of places) {
      const { candidates, excluded } = rankCandidates(p, entries, TODAY);
      const explained = entries.map((e) => matchEntry(p, e, TODAY));
      const fitting = explained.filter((m) => m.fits);
      expect(candidates.length).toBe(fitting.length);
      expect(fitting.length).toBeGreaterThan(10);
      for (const c of candidates) {
        const m = explained.find((x) => x.entryId === c.entryId)!;
        expect([c.score, c.spouseVacancyId]).toEqual([m.score, m.spouseVacancyId]);
        expect(m.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(m.score);
      }
      const counts: Record<string, number> = {};
      for (const m of explained)
        for (const code of new Set(codes(m.blockers))) counts[code] = (counts[code] ?? 0) + 1;
      expect(excluded).toEqual(counts);
    }
  });
});

// ------------------------------------------------------------------------------- places for a client

const vacancies = (xs: readonly { place: MatchPlace }[]) => xs.map((x) => x.place.vacancyId);

describe('rankPlaces', () => {
  it('returns the fitting vacancies best first, each with its match', () => {
    const places = [
      place({ vacancyId: 'plain', unit: { id: 'u3' } }),
      place({ vacancyId: 'second-choice', unit: { id: 'u2' } }),
      place({ vacancyId: 'first-choice', unit: { id: 'u1' }, availableFrom: '2024-05-31' }),
      place({ vacancyId: 'swedish-only', unit: { id: 'u4', languages: ['sv'] } }),
      place({ vacancyId: 'other-type', serviceTypeId: 'st-other' }),
    ];
    const ranked = rankPlaces(entry({ preferredUnitIds: ['u1', 'u2'] }), places, TODAY);
    expect(vacancies(ranked)).toEqual(['first-choice', 'second-choice', 'plain']);
    expect(ranked.map((r) => r.match.score)).toEqual([91, 71, 31]);
    expect(ranked[2]!.match.lacks).toEqual([{ code: 'not_preferred_unit' }]);
  });

  it('offers the longest-empty place first among equal scores, then by vacancy id', () => {
    const places = [
      place({ vacancyId: 'v-c', availableFrom: '2024-05-25' }),
      place({ vacancyId: 'v-b', availableFrom: '2024-04-30' }),
      place({ vacancyId: 'v-d', availableFrom: '2024-05-01' }),
      place({ vacancyId: 'v-a', availableFrom: '2024-05-01' }),
    ];
    expect(vacancies(rankPlaces(entry(), places, TODAY))).toEqual(['v-b', 'v-a', 'v-d', 'v-c']);
    expect(vacancies(rankPlaces(entry(), [...places].reverse(), TODAY))).toEqual([
      'v-b',
      'v-a',
      'v-d',
      'v-c',
    ]);
  });

  it('lets the score win over the time a place has been empty', () => {
    const places = [
      place({ vacancyId: 'old', availableFrom: '2024-01-01', unit: { district: 'Malmi' } }),
      place({ vacancyId: 'new', availableFrom: '2024-05-31', unit: { district: 'Kallio' } }),
    ];
    expect(vacancies(rankPlaces(entry({ preferredDistricts: ['Kallio'] }), places, TODAY))).toEqual([
      'new',
      'old',
    ]);
  });

  it('offers a couple only places with a second open vacancy in the same unit', () => {
    const places = [
      place({ vacancyId: 'alone' }),
      place({ vacancyId: 'pair', otherOpenVacancyIds: ['pair-2'] }),
    ];
    const ranked = rankPlaces(entry({ spouse: spouse() }), places, TODAY);
    expect(vacancies(ranked)).toEqual(['pair']);
    expect(ranked[0]!.match.spouseVacancyId).toBe('pair-2');
  });

  it('offers nothing to an entry that is not waiting or holds an offer', () => {
    expect(rankPlaces(entry({ status: 'placed' }), [place()], TODAY)).toEqual([]);
    expect(rankPlaces(entry({ hasLiveOffer: true }), [place()], TODAY)).toEqual([]);
  });
});
