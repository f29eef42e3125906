import type { FigureQuery } from '../care-figures.ts';
import type { FigureData } from '../care-figures-reference.ts';

/**
 * A small history with every figure computed by hand (the working is beside each expectation).
 * The shared formulas are tested against it (`care-figures.test.ts`) and so is the reports SQL,
 * with the same rows loaded into PostgreSQL (`packages/api/test/reports-figures.test.ts`).
 *
 * Period 1 March – 30 April 2026 (61 days), today 10 May 2026. Three units: U1 the city's own in
 * Kallio, U2 purchased in Kallio, U3 purchased in Malmi (the other service type, S2). Finland
 * moves to summer time on 29 March 2026, so 31 March 21:30 UTC is 1 April in Helsinki.
 */
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const FX = {
  provider: (n: number) => id('b0000000', n),
  unit: (n: number) => id('a0000000', n),
  serviceType: (n: number) => id('c0000000', n),
  client: (n: number) => id('d0000000', n),
  entry: (n: number) => id('e0000000', n),
  vacancy: (n: number) => id('f0000000', n),
  offer: (n: number) => id('0f000000', n),
};
const P = FX.provider;
const U = FX.unit;
const S1 = FX.serviceType(1);
const S2 = FX.serviceType(2);
const C = FX.client;
const E = FX.entry;
const V = FX.vacancy;
const O = FX.offer;

export const FIXTURE_PROVIDERS = [
  { id: P(1), name: 'Kaupungin hoiva', kind: 'own' as const },
  { id: P(2), name: 'Hoivayhtiö Kallio Oy', kind: 'purchased' as const },
  { id: P(3), name: 'Malmin Koti Oy', kind: 'purchased' as const },
];
export const FIXTURE_SERVICE_TYPES = [
  { id: S1, code: 'fx_housing' },
  { id: S2, code: 'fx_other' },
];

export const FIXTURE: FigureData = {
  units: [
    { id: U(1), providerId: P(1), providerKind: 'own', district: 'Kallio' },
    { id: U(2), providerId: P(2), providerKind: 'purchased', district: 'Kallio' },
    { id: U(3), providerId: P(3), providerKind: 'purchased', district: 'Malmi' },
  ],
  capacityChanges: [
    { unitId: U(1), serviceTypeId: S1, at: '2026-02-15T10:00:00Z', seq: 1, maxCapacity: 10, occupied: 8 },
    // Two changes on 10 March: the later one is that day's state.
    { unitId: U(1), serviceTypeId: S1, at: '2026-03-10T08:00:00Z', seq: 2, maxCapacity: 10, occupied: 9 },
    { unitId: U(1), serviceTypeId: S1, at: '2026-03-10T12:00:00Z', seq: 3, maxCapacity: 10, occupied: 10 },
    // 1 April 00:30 in Helsinki (summer time).
    { unitId: U(1), serviceTypeId: S1, at: '2026-03-31T21:30:00Z', seq: 4, maxCapacity: 12, occupied: 10 },
    { unitId: U(2), serviceTypeId: S1, at: '2026-03-20T09:00:00Z', seq: 5, maxCapacity: 20, occupied: 18 },
    { unitId: U(2), serviceTypeId: S1, at: '2026-04-15T09:00:00Z', seq: 6, maxCapacity: 20, occupied: 20 },
    { unitId: U(3), serviceTypeId: S2, at: '2026-01-01T08:00:00Z', seq: 7, maxCapacity: 5, occupied: 5 },
    // After the period: changes nothing in it.
    { unitId: U(3), serviceTypeId: S2, at: '2026-05-05T08:00:00Z', seq: 8, maxCapacity: 5, occupied: 3 },
  ],
  vacancies: [
    v(1, 1, S1, '2026-03-01', '2026-02-27T08:00:00Z', 'filled', '2026-03-15T09:00:00Z'),
    v(2, 2, S1, '2026-03-05', '2026-03-04T12:00:00Z', 'filled', '2026-03-20T09:00:00Z'),
    v(3, 2, S1, '2026-03-25', '2026-03-25T06:00:00Z', 'filled', '2026-04-02T09:00:00Z'),
    v(4, 1, S1, '2026-03-01', '2026-03-01T07:00:00Z', 'filled', '2026-03-03T09:00:00Z'),
    // Reported 1 April 01:30 in Helsinki.
    v(5, 3, S2, '2026-04-01', '2026-03-31T22:30:00Z', 'filled', '2026-04-20T09:00:00Z'),
    v(6, 1, S1, '2026-04-10', '2026-04-09T10:00:00Z', 'filled', '2026-04-28T09:00:00Z'),
    v(7, 2, S1, '2026-03-01', '2026-02-28T10:00:00Z', 'filled', '2026-04-10T09:00:00Z'),
    v(8, 2, S1, '2026-04-01', '2026-04-01T05:00:00Z', 'filled', '2026-04-14T09:00:00Z'),
    v(9, 1, S1, '2026-03-10', '2026-03-10T08:00:00Z', 'filled', '2026-03-12T09:00:00Z'),
    // Filled by the provider without an offer: the day it was marked filled counts.
    v(10, 2, S1, '2026-04-05', '2026-04-05T07:00:00Z', 'filled', '2026-04-07T09:00:00Z'),
    v(11, 3, S2, '2026-03-15', '2026-03-14T10:00:00Z', 'withdrawn', '2026-03-20T10:00:00Z'),
    v(12, 1, S1, '2026-04-25', '2026-04-24T10:00:00Z', 'open'),
    v(13, 2, S1, '2026-04-28', '2026-04-28T10:00:00Z', 'filled', '2026-05-05T09:00:00Z'),
    v(14, 3, S2, '2026-04-29', '2026-04-29T06:00:00Z', 'open'),
  ],
  offers: [
    o(1, 1, 1, 1, 'moved_in', '2026-03-02T10:00:00Z', '2026-03-15'),
    o(2, 2, 2, 2, 'moved_in', '2026-03-05T12:00:00Z', '2026-03-20'),
    // 4 March 20:00 in Helsinki, declined by the client: the place's first offer.
    o(21, 2, 10, 10, 'client_declined', '2026-03-04T18:00:00Z'),
    o(3, 3, 3, 3, 'moved_in', '2026-03-25T09:30:00Z', '2026-04-02'),
    o(4, 4, 4, 4, 'moved_in', '2026-03-01T09:00:00Z', '2026-03-03'),
    o(5, 5, 5, 5, 'moved_in', '2026-04-02T10:30:00Z', '2026-04-20'),
    o(16, 5, 12, 12, 'cancelled', '2026-04-01T09:00:00Z'),
    o(6, 6, 6, 6, 'moved_in', '2026-04-10T10:00:00Z', '2026-04-28'),
    o(15, 6, 11, 11, 'expired', '2026-04-09T12:00:00Z'),
    o(7, 7, 7, 7, 'moved_in', '2026-03-30T10:00:00Z', '2026-04-10'),
    o(8, 8, 18, 17, 'moved_in', '2026-04-01T09:30:00Z', '2026-04-14'),
    // An interim placement: fills the place, but the client still waits.
    { ...o(9, 9, 8, 8, 'moved_in', '2026-03-11T08:00:00Z', '2026-03-12'), interim: true },
    o(17, 13, 11, 11, 'client_declined', '2026-04-28T12:00:00Z'),
    o(13, 13, 16, 15, 'moved_in', '2026-04-29T10:00:00Z', '2026-05-05'),
  ],
  entries: [
    e(1, 1, S1, '2026-01-05', '2026-01-20', 'placed', '2026-03-15'),
    e(2, 2, S1, '2025-12-01', '2025-12-10', 'placed', '2026-03-20'),
    e(3, 3, S1, '2026-02-10', null, 'placed', '2026-04-02', { urgency: 'high' }),
    e(4, 4, S1, '2026-03-01', '2026-03-02', 'placed', '2026-03-03', { urgency: 'urgent' }),
    e(5, 5, S2, '2026-01-15', '2026-02-01', 'placed', '2026-04-20', { onlyPreferredUnits: true }),
    e(6, 6, S1, '2026-02-01', '2026-02-15', 'placed', '2026-04-28', { clockRestartedOn: '2026-03-01' }),
    e(7, 7, S1, '2025-11-20', '2025-11-25', 'placed', '2026-04-10'),
    e(8, 8, S1, '2026-02-20', '2026-02-25', 'interim', null),
    e(9, 9, S1, '2026-01-02', '2026-01-10', 'placed', '2026-02-25'),
    e(10, 10, S1, '2026-01-10', '2026-01-12', 'queued', null),
    e(11, 11, S1, '2026-04-05', null, 'queued', null),
    e(12, 12, S1, '2025-10-01', '2025-10-05', 'queued', null, { onlyPreferredUnits: true }),
    e(13, 13, S1, '2026-01-20', '2026-02-01', 'withdrawn', '2026-03-25'),
    e(14, 14, S1, '2026-05-03', '2026-05-03', 'queued', null),
    // The same client as entry 10, waiting for the other service type too: its days count once.
    e(15, 10, S2, '2026-02-01', '2026-03-20', 'queued', null),
    e(16, 15, S1, '2026-03-10', '2026-03-12', 'placed', '2026-05-05'),
    e(17, 16, S1, '2026-04-20', '2026-04-20', 'queued', null, { urgency: 'urgent' }),
    e(18, 17, S1, '2026-03-02', '2026-03-02', 'placed', '2026-04-14', { urgency: 'high' }),
  ],
  waitingPeriods: [
    w(1, 'hospital', '2026-01-10', '2026-03-15'),
    w(2, 'home', '2025-11-01', '2026-02-01'),
    w(2, 'hospital', '2026-02-01', '2026-03-20'),
    w(3, 'home', '2026-02-01', '2026-04-02'),
    w(4, 'hospital', '2026-02-20', '2026-03-03'),
    w(5, 'home', '2026-01-01', '2026-03-01'),
    w(5, 'short_term_care', '2026-03-01', '2026-04-20'),
    w(6, 'home', '2026-01-15', '2026-04-01'),
    w(6, 'hospital', '2026-04-01', '2026-04-28'),
    w(7, 'hospital', '2025-11-01', '2026-04-10'),
    w(8, 'hospital', '2026-02-10', '2026-03-12'),
    w(8, 'interim_placement', '2026-03-12', null),
    w(9, 'hospital', '2026-01-05', '2026-02-25'),
    w(10, 'hospital', '2026-01-08', null),
    w(11, 'home', '2026-04-05', null),
    w(12, 'hospital', '2025-09-01', null),
    w(13, 'hospital', '2026-01-15', '2026-03-25'),
    w(14, 'hospital', '2026-04-20', null),
    w(15, 'home', '2026-03-01', '2026-05-05'),
    w(16, 'hospital', '2026-04-18', null),
    w(17, 'short_term_care', '2026-02-15', '2026-04-14'),
  ],
  prices: [
    // The hospital day the product is installed with, a raise from April, and short-term care.
    { setting: 'hospital', validFrom: '2020-01-01', dailyPrice: 520 },
    { setting: 'hospital', validFrom: '2026-04-01', dailyPrice: 540 },
    { setting: 'short_term_care', validFrom: '2026-01-01', dailyPrice: 200 },
  ],
};

export const FIXTURE_QUERY: FigureQuery = {
  from: '2026-03-01',
  to: '2026-04-30',
  asOf: '2026-05-10',
  groupBy: 'total',
  fillWithinDays: 14,
};

/**
 * The hand-computed answers. Place-days: U1 9×8/9×10 (1–9 March) + 22×10/22×10 (10–31 March) +
 * 30×10/30×12 (April) = 592/670; U2 26×18/26×20 (20 March – 14 April) + 16×20/16×20 = 788/840;
 * U3 61×5/61×5 = 305/305.
 */
export const EXPECTED_TOTAL = {
  // 1685 / 1815 = 92.84 %
  occupancyRate: 92.8,
  // Filled 1 March – 30 April: V1 14, V2 15, V3 8, V4 2, V5 19, V6 18, V7 40, V8 13, V9 2, V10 2
  vacancyDays: 133,
  timeToFillMedian: 13.5,
  timeToFillP90: 19,
  // Decided: V1 ✓ V2 ✗ V3 ✓ V4 ✓ V5 ✗ V6 ✗ V7 ✗ V8 ✓ V9 ✓ V10 ✓ V12 ✗ V13 ✓ (V11 withdrawn, V14 too new)
  fillRate: 58.3,
  // At 30 April: clients 8, 10 (two entries), 11, 12, 15 (placed 5 May), 16
  queueLength: 6,
  // Placed: E1 69, E2 109, E3 51, E4 2, E5 95, E6 58 (clock restarted 1 March), E7 141, E18 43
  queueDaysFromDecisionMedian: 63.5,
  queueDaysFromDecisionP90: 141,
  queueDaysFromDecisionMean: 71,
  // With a ready date: E1 54, E2 100, E4 1, E5 78, E6 72, E7 136, E18 43
  queueDaysFromReadyMedian: 72,
  queueDaysFromReadyP90: 136,
  queueDaysFromReadyMean: 69.1,
  // C1 14, C2 19, C4 1, C6 27, C7 40, C8 11, C10 61 (once), C12 61, C13 24, C16 11
  hospitalDays: 269,
  // Hospital at 520 € to March, 540 € from April; short-term care 200 € (C5 50 days, C17 43 days)
  waitingCost: 160620,
  placements: 8,
  // Met: E1, E3, E6, E18 of E1, E2, E3, E4, E6, E7, E18 (E5 outside the guarantee) = 4 / 7
  placedWithinGuarantee: 57.1,
  // C10 (due 10 April) and C16 (urgent, due 20 April): 2, fewer than 5
  overdue: null,
  // Made 1 March – 30 April and answered: O1–O9 and O13 accepted, O21 and O17 declined = 10 / 12
  offerAcceptanceRate: 83.3,
  // Reported in the period with an offer: V2 6, V3 3.5, V4 2, V5 10.5, V6 2, V8 4.5, V9 24, V13 2
  hoursToFirstOfferMedian: 4,
  hoursToFirstOfferP90: 24,
};

function v(
  n: number,
  unit: number,
  serviceTypeId: string,
  availableFrom: string,
  reportedAt: string,
  status: 'open' | 'offered' | 'filled' | 'withdrawn',
  /** When it reached its state: a filled place when the move-in was recorded. */
  statusChangedAt = reportedAt,
) {
  return { id: V(n), unitId: U(unit), serviceTypeId, availableFrom, reportedAt, status, statusChangedAt };
}

function o(
  n: number,
  vacancy: number,
  entry: number,
  client: number,
  status: string,
  offeredAt: string,
  movedInOn: string | null = null,
) {
  return {
    id: O(n),
    vacancyId: V(vacancy),
    entryId: E(entry),
    clientId: C(client),
    status,
    interim: false,
    offeredAt,
    movedInOn,
  };
}

function e(
  n: number,
  client: number,
  serviceTypeId: string,
  decisionDate: string,
  readyDate: string | null,
  status: string,
  endedOn: string | null,
  over: Partial<{
    urgency: 'urgent' | 'high' | 'normal';
    onlyPreferredUnits: boolean;
    clockRestartedOn: string;
  }> = {},
) {
  return {
    id: E(n),
    clientId: C(client),
    serviceTypeId,
    decisionDate,
    readyDate,
    urgency: over.urgency ?? ('normal' as const),
    onlyPreferredUnits: over.onlyPreferredUnits ?? false,
    clockRestartedOn: over.clockRestartedOn ?? null,
    status,
    endedOn,
    createdAt: `${decisionDate}T08:00:00Z`,
  };
}

function w(
  client: number,
  setting: 'home' | 'hospital' | 'short_term_care' | 'interim_placement',
  since: string,
  until: string | null,
) {
  return { clientId: C(client), setting, since, until };
}

/** An expected figure: a value, or the status that replaces it. */
export type Expected = number | 'suppressed' | 'not_applicable' | 'no_data';

/** Own (U1) against purchased (U2, U3). */
export const EXPECTED_BY_PROVIDER_KIND: Record<string, Partial<Record<string, Expected>>> = {
  own: {
    occupancyRate: 88.4, // 592 / 670
    vacancyDays: 'suppressed', // 4 vacancies
    timeToFillMedian: 'suppressed',
    fillRate: 60, // V1 ✓ V4 ✓ V6 ✗ V9 ✓ V12 ✗
    queueLength: 'not_applicable',
    waitingCost: 'not_applicable',
    overdue: 'not_applicable',
    queueDaysFromDecisionMedian: 'suppressed', // 3 clients
    placements: 'suppressed',
    offerAcceptanceRate: 'suppressed', // 4 clients
    hoursToFirstOfferMedian: 'suppressed', // V4, V6, V9
  },
  purchased: {
    occupancyRate: 95.5, // 1093 / 1145
    // 6 vacancies, but own's is withheld and the total shown: 133 − own would give it away.
    vacancyDays: 'suppressed',
    timeToFillMedian: 14, // 2, 8, 13, 15, 19, 40
    timeToFillP90: 40,
    fillRate: 57.1, // 4 / 7
    queueDaysFromDecisionMedian: 95, // 43, 51, 95, 109, 141
    queueDaysFromDecisionP90: 141,
    queueDaysFromDecisionMean: 87.8,
    queueDaysFromReadyMedian: 'suppressed', // 4 with a ready date
    placements: 'suppressed', // 5, withheld with own's 3
    placedWithinGuarantee: 'suppressed', // 4 (E5 outside the guarantee)
    offerAcceptanceRate: 75, // 6 / 8
    hoursToFirstOfferMedian: 4.5, // 2, 3.5, 4.5, 6, 10.5
    hoursToFirstOfferP90: 10.5,
  },
};

export const EXPECTED_BY_MONTH: Record<string, Partial<Record<string, Expected>>> = {
  '2026-03': {
    occupancyRate: 94, // 663 / 705
    vacancyDays: 'suppressed', // V1, V2, V4, V9
    fillRate: 66.7, // 4 / 6
    queueLength: 9, // at 31 March
    overdue: 'suppressed', // C7
    queueDaysFromDecisionMedian: 'suppressed', // E1, E2, E4
    hospitalDays: 162,
    waitingCost: 96440,
    offerAcceptanceRate: 85.7, // 6 / 7
    hoursToFirstOfferMedian: 'suppressed', // V2, V3, V4, V9
  },
  '2026-04': {
    occupancyRate: 92.1, // 1022 / 1110
    vacancyDays: 'suppressed', // 6, withheld with March's
    timeToFillMedian: 15.5, // 2, 8, 13, 18, 19, 40
    timeToFillP90: 40,
    fillRate: 50, // 3 / 6
    queueLength: 6,
    overdue: 'suppressed',
    queueDaysFromDecisionMedian: 58, // 43, 51, 58, 95, 141
    queueDaysFromDecisionP90: 141,
    queueDaysFromDecisionMean: 77.6,
    queueDaysFromReadyMedian: 'suppressed',
    placements: 'suppressed',
    hospitalDays: 107,
    waitingCost: 64180,
    offerAcceptanceRate: 80, // 4 / 5
    // V5 was reported on 1 April in Helsinki (31 March in UTC): 4 in April, not 5 in March.
    hoursToFirstOfferMedian: 'suppressed',
  },
};

export const EXPECTED_BY_SERVICE_TYPE: Record<string, Partial<Record<string, Expected>>> = {
  [S1]: {
    occupancyRate: 91.4, // 1380 / 1510
    queueLength: 'suppressed', // 6, withheld with S2's 1
    waitingCost: 'suppressed',
  },
  [S2]: { occupancyRate: 100, queueLength: 'suppressed', waitingCost: 'suppressed' },
};

/** Purchased places in Kallio: U2 only; the queue as a whole has no place. */
export const EXPECTED_PURCHASED_IN_KALLIO: Partial<Record<string, Expected>> = {
  occupancyRate: 93.8, // 788 / 840
  vacancyDays: 78, // V2 15, V3 8, V7 40, V8 13, V10 2
  timeToFillMedian: 13,
  timeToFillP90: 40,
  queueLength: 'not_applicable',
  hospitalDays: 'not_applicable',
};
