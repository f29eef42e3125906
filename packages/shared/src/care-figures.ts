import { addMonths } from './dates.ts';

/**
 * Management figures of JOPA (DOMAIN.md, "Figures management asks for"), as pure functions over
 * the product's own history. These are the definitions: the reports API computes the same figures
 * in SQL (`packages/api/src/modules/reports/repo.ts`) and `care-figures-reference.ts` over plain
 * records; both end in `figureValues` here and are tested against the same hand-computed fixture
 * (`testing/care-figures-fixture.ts`).
 *
 * Conventions, the same for every figure:
 * - A period is `from`–`to`, Helsinki calendar days, both included. Flows (place-days, hospital
 *   days, costs) count completed days only: a day counts once it has ended, so the period is cut at
 *   the day before `asOf` (today). Events (a move-in, an offer, a report) count in the period when
 *   their Helsinki day is in it, up to `asOf`.
 * - Stocks (queue length, overdue) are taken at the end of the period's last day, or now when the
 *   period reaches today.
 * - Median: the middle value, or the mean of the two middle ones. p90: the smallest value with at
 *   least 90 % of the values at or below it (nearest rank). Rounded to one decimal, halves up.
 * - Groups of fewer than 5 clients are suppressed (`status: 'suppressed'`, no value), and so is a
 *   second group when only one would be, wherever the groups add up to the total.
 */

// ------------------------------------------------------------------------------------------ figures

export const CARE_FIGURES = [
  'occupancyRate',
  'vacancyDays',
  'timeToFillMedian',
  'timeToFillP90',
  'fillRate',
  'queueLength',
  'queueDaysFromDecisionMedian',
  'queueDaysFromDecisionP90',
  'queueDaysFromDecisionMean',
  'queueDaysFromReadyMedian',
  'queueDaysFromReadyP90',
  'queueDaysFromReadyMean',
  'hospitalDays',
  'waitingCost',
  'placements',
  'placedWithinGuarantee',
  'overdue',
  'offerAcceptanceRate',
  'hoursToFirstOfferMedian',
  'hoursToFirstOfferP90',
] as const;
export type CareFigure = (typeof CARE_FIGURES)[number];

export type FigureUnit = 'percent' | 'days' | 'hours' | 'count' | 'euros';

/**
 * What each figure is, in English for the API's readers (the apps show their own translations).
 * `place`: computed from units and places, so it splits by provider, unit and district; the others
 * that are not `place` are about the queue as a whole and have no unit (`queueWide`).
 */
export const CARE_FIGURE_INFO: Record<
  CareFigure,
  { unit: FigureUnit; additive: boolean; queueWide: boolean; personal: boolean; definition: string }
> = {
  occupancyRate: {
    unit: 'percent',
    additive: false,
    queueWide: false,
    personal: false,
    definition:
      "Occupied place-days / place-days: each completed day of the period, each unit's occupied places and its maximum capacity as they stood at the end of that day.",
  },
  vacancyDays: {
    unit: 'days',
    additive: true,
    queueWide: false,
    personal: true,
    definition:
      'Days places stood empty before they were filled: move-in day − available-from day, summed over the vacancies filled in the period.',
  },
  timeToFillMedian: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition: 'Median of move-in day − available-from day over the vacancies filled in the period.',
  },
  timeToFillP90: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      '90th percentile of move-in day − available-from day over the vacancies filled in the period.',
  },
  fillRate: {
    unit: 'percent',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      'Share of the vacancies available from a day in the period that were filled within N days. Withdrawn places, and open ones whose N days have not passed yet, are left out.',
  },
  queueLength: {
    unit: 'count',
    additive: true,
    queueWide: true,
    personal: true,
    definition:
      'Clients waiting at the end of the period (or now): a decision on or before that day and the wait not ended.',
  },
  queueDaysFromDecisionMedian: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      'Median days from the decision (the legal clock, restarted by a refusal when the setting says so) to the move-in, over the clients placed in the period.',
  },
  queueDaysFromDecisionP90: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      '90th percentile of days from the decision to the move-in, over the clients placed in the period.',
  },
  queueDaysFromDecisionMean: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition: 'Mean days from the decision to the move-in, over the clients placed in the period.',
  },
  queueDaysFromReadyMedian: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      'Median days from the placement-ready date (the cost clock) to the move-in, over the clients placed in the period who had one.',
  },
  queueDaysFromReadyP90: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      '90th percentile of days from the placement-ready date to the move-in, over the clients placed in the period.',
  },
  queueDaysFromReadyMean: {
    unit: 'days',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      'Mean days from the placement-ready date to the move-in, over the clients placed in the period.',
  },
  hospitalDays: {
    unit: 'days',
    additive: true,
    queueWide: true,
    personal: true,
    definition:
      'Completed days of the period that clients ready for placement waited in hospital (from the placement-ready date until the wait ended); each client-day once.',
  },
  waitingCost: {
    unit: 'euros',
    additive: true,
    queueWide: true,
    personal: true,
    definition:
      "Cost of waiting: each completed day a client ready for placement waited in a setting with a price (a hospital above all) × that setting's daily price valid on that day, from the managed price table.",
  },
  placements: {
    unit: 'count',
    additive: true,
    queueWide: false,
    personal: true,
    definition: 'Clients who moved into a permanent place in the period (interim placements not counted).',
  },
  placedWithinGuarantee: {
    unit: 'percent',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      'Share of the clients placed in the period whose care started by the legal due date (3 months from the decision; urgent care the same day). Clients waiting only for specific units are outside the guarantee and left out.',
  },
  overdue: {
    unit: 'count',
    additive: true,
    queueWide: true,
    personal: true,
    definition:
      'Clients waiting past their legal due date at the end of the period (or now); those outside the guarantee are not counted.',
  },
  offerAcceptanceRate: {
    unit: 'percent',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      "Of the offers made in the period that the client answered, the share accepted (accepted or moved in; declined after accepting counts as declined). Providers' declines, lapsed and cancelled offers are left out.",
  },
  hoursToFirstOfferMedian: {
    unit: 'hours',
    additive: false,
    queueWide: false,
    personal: true,
    definition:
      'Median hours from a vacancy report to the first offer of that place, over the vacancies reported in the period that have an offer.',
  },
  hoursToFirstOfferP90: {
    unit: 'hours',
    additive: false,
    queueWide: false,
    personal: true,
    definition: '90th percentile of hours from a vacancy report to its first offer.',
  },
};

/** The smallest group of clients a figure may be shown for. */
export const MIN_GROUP_SIZE = 5;

export const FIGURE_STATUSES = ['ok', 'suppressed', 'no_data', 'not_applicable'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

export interface FigureValue {
  value: number | null;
  status: FigureStatus;
  /** How many clients (or vacancies, units) the figure stands on; withheld when suppressed. */
  n: number | null;
}

export const CARE_GROUPINGS = [
  'total',
  'providerKind',
  'provider',
  'unit',
  'district',
  'serviceType',
  'month',
] as const;
export type CareGrouping = (typeof CARE_GROUPINGS)[number];
/** Groupings by place: queue-wide figures (queue length, overdue, waiting cost) do not split by these. */
export const PLACE_GROUPINGS: readonly CareGrouping[] = ['providerKind', 'provider', 'unit', 'district'];

export interface FigureQuery {
  from: string;
  to: string;
  /** Today in Helsinki. */
  asOf: string;
  groupBy: CareGrouping;
  /** N of the fill rate. */
  fillWithinDays: number;
  providerKind?: 'own' | 'purchased';
  providerId?: readonly string[];
  unitId?: readonly string[];
  district?: readonly string[];
  serviceTypeId?: readonly string[];
}

export interface FigureRow {
  key: string;
  figures: Record<CareFigure, FigureValue>;
}

export interface FigureResult {
  rows: FigureRow[];
  total: FigureRow;
}

// --------------------------------------------------------------------------------- small helpers

const DAY_MS = 86_400_000;

/** `value` rounded to one decimal, halves up (`numerator / denominator` kept exact until the end). */
export function roundRatio(numerator: number, denominator: number, decimals = 1): number {
  const f = 10 ** decimals;
  return Math.round((numerator * f) / denominator) / f;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (PostgreSQL's percentile_disc): the value at rank ⌈p·n⌉. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length - 1e-9) - 1)]!;
}

export const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The next calendar day. */
export const dayAfter = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Every month `YYYY-MM` from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m <= to; m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string): { start: string; end: string } {
  const start = `${month}-01`;
  const next = addMonths(start, 1);
  return { start, end: new Date(Date.parse(`${next}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10) };
}

/**
 * What a group's figures are made of, as counts, sums and order statistics: the reference
 * implementation and the SQL both produce these, and `figureValues` turns them into figures.
 */
export interface RawFigures {
  occupiedPlaceDays: number;
  placeDays: number;
  /** Units (per service type) with figures in the period. */
  units: number;
  filled: number;
  fillDaysSum: number;
  fillDaysMedian: number | null;
  fillDaysP90: number | null;
  fillDecided: number;
  filledWithin: number;
  queueClients: number;
  overdueClients: number;
  placedClients: number;
  placedEntries: number;
  decisionDaysSum: number;
  decisionDaysMedian: number | null;
  decisionDaysP90: number | null;
  readyEntries: number;
  readyDaysSum: number;
  readyDaysMedian: number | null;
  readyDaysP90: number | null;
  guaranteeDecided: number;
  guaranteeMet: number;
  guaranteeClients: number;
  hospitalDays: number;
  costCents: number;
  costClients: number;
  answered: number;
  accepted: number;
  answeredClients: number;
  firstOffers: number;
  hoursToFirstOfferMedian: number | null;
  hoursToFirstOfferP90: number | null;
}

export const emptyRawFigures = (): RawFigures => ({
  occupiedPlaceDays: 0,
  placeDays: 0,
  units: 0,
  filled: 0,
  fillDaysSum: 0,
  fillDaysMedian: null,
  fillDaysP90: null,
  fillDecided: 0,
  filledWithin: 0,
  queueClients: 0,
  overdueClients: 0,
  placedClients: 0,
  placedEntries: 0,
  decisionDaysSum: 0,
  decisionDaysMedian: null,
  decisionDaysP90: null,
  readyEntries: 0,
  readyDaysSum: 0,
  readyDaysMedian: null,
  readyDaysP90: null,
  guaranteeDecided: 0,
  guaranteeMet: 0,
  guaranteeClients: 0,
  hospitalDays: 0,
  costCents: 0,
  costClients: 0,
  answered: 0,
  accepted: 0,
  answeredClients: 0,
  firstOffers: 0,
  hoursToFirstOfferMedian: null,
  hoursToFirstOfferP90: null,
});

const ratio = (numerator: number, denominator: number, scale = 1) =>
  denominator ? roundRatio(numerator * scale, denominator) : null;

/**
 * A group's figures from its raw parts: rounded, suppressed under 5 clients, and `not_applicable`
 * for the queue-wide ones where the group is a place (`queueWide` false).
 */
export function figureValues(r: RawFigures, queueWide: boolean): Record<CareFigure, FigureValue> {
  const na: FigureValue = { value: null, status: 'not_applicable', n: null };
  return {
    occupancyRate: place(ratio(r.occupiedPlaceDays, r.placeDays, 100), r.units),
    vacancyDays: personal(r.fillDaysSum, r.filled, true),
    timeToFillMedian: personal(round1(r.fillDaysMedian), r.filled),
    timeToFillP90: personal(r.fillDaysP90, r.filled),
    fillRate: personal(ratio(r.filledWithin, r.fillDecided, 100), r.fillDecided),
    queueLength: queueWide ? personal(r.queueClients, r.queueClients, true) : na,
    queueDaysFromDecisionMedian: personal(round1(r.decisionDaysMedian), r.placedClients),
    queueDaysFromDecisionP90: personal(r.decisionDaysP90, r.placedClients),
    queueDaysFromDecisionMean: personal(ratio(r.decisionDaysSum, r.placedEntries), r.placedClients),
    queueDaysFromReadyMedian: personal(round1(r.readyDaysMedian), r.readyEntries),
    queueDaysFromReadyP90: personal(r.readyDaysP90, r.readyEntries),
    queueDaysFromReadyMean: personal(ratio(r.readyDaysSum, r.readyEntries), r.readyEntries),
    hospitalDays: queueWide ? personal(r.hospitalDays, r.costClients, true) : na,
    waitingCost: queueWide ? personal(r.costCents / 100, r.costClients, true) : na,
    placements: personal(r.placedClients, r.placedClients, true),
    placedWithinGuarantee: personal(ratio(r.guaranteeMet, r.guaranteeDecided, 100), r.guaranteeClients),
    overdue: queueWide ? personal(r.overdueClients, r.overdueClients, true) : na,
    offerAcceptanceRate: personal(ratio(r.accepted, r.answered, 100), r.answeredClients),
    hoursToFirstOfferMedian: personal(round1(r.hoursToFirstOfferMedian), r.firstOffers),
    hoursToFirstOfferP90: personal(round1(r.hoursToFirstOfferP90), r.firstOffers),
  };
}

/** A figure about places: never suppressed. */
function place(value: number | null, n: number): FigureValue {
  return value === null ? { value: null, status: 'no_data', n } : { value, status: 'ok', n };
}

/**
 * A figure about clients: suppressed under MIN_GROUP_SIZE. A count (`zeroIsData`) of nobody is 0;
 * a median of nobody is no data.
 */
export function personal(value: number | null, n: number, zeroIsData = false): FigureValue {
  if (n === 0)
    return zeroIsData ? { value: 0, status: 'ok', n: 0 } : { value: null, status: 'no_data', n: 0 };
  if (n < MIN_GROUP_SIZE) return { value: null, status: 'suppressed', n: null };
  return { value, status: 'ok', n };
}

/**
 * Secondary suppression: where groups add up to the total, one suppressed group could be worked
 * out from the total and the others, so the next smallest group is suppressed with it.
 */
export function suppressComplements(rows: FigureRow[]): FigureRow[] {
  for (const figure of CARE_FIGURES) {
    if (!CARE_FIGURE_INFO[figure].additive) continue;
    const suppressed = rows.filter((r) => r.figures[figure].status === 'suppressed');
    if (suppressed.length !== 1) continue;
    const candidates = rows.filter(
      (r) => r.figures[figure].status === 'ok' && (r.figures[figure].n ?? 0) > 0,
    );
    if (!candidates.length) continue;
    const smallest = candidates.reduce((a, b) =>
      (b.figures[figure].n ?? 0) < (a.figures[figure].n ?? 0) ||
      ((b.figures[figure].n ?? 0) === (a.figures[figure].n ?? 0) && b.key < a.key)
        ? b
        : a,
    );
    smallest.figures[figure] = { value: null, status: 'suppressed', n: null };
  }
  return rows;
}

// ------------------------------------------------------------------ the half-year publication (§26)

/**
 * The municipality publishes its waiting times every six months (Elderly Services Act 980/2012
 * §26): per service type, the clients placed in the half-year and how long they waited from the
 * decision, the share placed within the guarantee, and who still waited at its end.
 */
export const PUBLICATION_FIGURES = [
  'placements',
  'queueDaysFromDecisionMean',
  'queueDaysFromDecisionMedian',
  'queueDaysFromDecisionP90',
  'placedWithinGuarantee',
  'queueLength',
  'overdue',
] as const satisfies readonly CareFigure[];
export type PublicationFigure = (typeof PUBLICATION_FIGURES)[number];

export function halfYear(year: number, half: 1 | 2): { from: string; to: string } {
  const y = String(year).padStart(4, '0');
  return half === 1 ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` };
}

/** The last half-year that has ended by `today`. */
export function lastEndedHalfYear(today: string): { year: number; half: 1 | 2 } {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '07-01' ? { year, half: 1 } : { year: year - 1, half: 2 };
}
