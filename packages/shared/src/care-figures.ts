import { addMonths, daysBetween, helsinkiDateOf, maxDate, minDate } from './dates.ts';
import { daysSinceReady, legalClock, type UrgencyClass, type WaitingSetting } from './care-queue.ts';

/**
 * Management figures of JOPA (DOMAIN.md, "Figures management asks for"), as pure functions over
 * the product's own history. These are the definitions: the reports API computes the same figures
 * in SQL (`packages/api/src/modules/reports/repo.ts`), and both are tested against the same
 * hand-computed fixtures (`testing/care-figures-fixture.ts`).
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

// ---------------------------------------------------------------------------------------- the data

export interface FigureUnitRecord {
  id: string;
  providerId: string;
  providerKind: 'own' | 'purchased';
  district: string;
}
export interface CapacityChangeRecord {
  unitId: string;
  serviceTypeId: string;
  /** When the figures changed (an instant); its Helsinki day is the day they changed on. */
  at: string;
  /** Order of the changes (the history's sequence); the last one of a day is that day's state. */
  seq: number;
  maxCapacity: number;
  occupied: number;
}
export interface VacancyRecord {
  id: string;
  unitId: string;
  serviceTypeId: string;
  availableFrom: string;
  reportedAt: string;
  status: 'open' | 'offered' | 'filled' | 'withdrawn';
  statusChangedAt: string;
}
export interface OfferRecord {
  id: string;
  vacancyId: string;
  entryId: string;
  clientId: string;
  status: string;
  interim: boolean;
  offeredAt: string;
  movedInOn: string | null;
}
export interface EntryRecord {
  id: string;
  clientId: string;
  serviceTypeId: string;
  decisionDate: string;
  readyDate: string | null;
  urgency: UrgencyClass;
  onlyPreferredUnits: boolean;
  clockRestartedOn: string | null;
  status: string;
  endedOn: string | null;
  createdAt: string;
}
export interface WaitingPeriodRecord {
  clientId: string;
  setting: WaitingSetting;
  since: string;
  until: string | null;
}
export interface WaitingPriceRecord {
  setting: WaitingSetting;
  validFrom: string;
  /** Euros with cents, as in the price table. */
  dailyPrice: number;
}

export interface FigureData {
  units: FigureUnitRecord[];
  capacityChanges: CapacityChangeRecord[];
  vacancies: VacancyRecord[];
  offers: OfferRecord[];
  entries: EntryRecord[];
  waitingPeriods: WaitingPeriodRecord[];
  prices: WaitingPriceRecord[];
}

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

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Days of [a, b) ∩ [c, d) for half-open day ranges. */
function overlap(a: string, b: string, c: string, d: string): number {
  return Math.max(0, daysBetween(maxDate(a, c), minDate(b, d)));
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const monthOf = (d: string) => d.slice(0, 7);

/** Every month `YYYY-MM` from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m <= to; m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}

/** The first and last day of a month `YYYY-MM`. */
function monthRange(month: string): { start: string; end: string } {
  const start = `${month}-01`;
  const next = addMonths(start, 1);
  return { start, end: new Date(Date.parse(`${next}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10) };
}

// ----------------------------------------------------------------------------------- the figures

type Bucket = {
  occupied: number;
  placeDays: number;
  units: Set<string>;
  fillDays: number[];
  fillDecided: number;
  filledWithin: number;
  queueClients: Set<string>;
  overdueClients: Set<string>;
  decisionDays: number[];
  readyDays: number[];
  placedClients: Set<string>;
  guaranteeMet: number;
  guaranteeDecided: number;
  guaranteeClients: Set<string>;
  hospitalDays: number;
  costCents: number;
  costClients: Set<string>;
  accepted: number;
  answered: number;
  answeredClients: Set<string>;
  firstOfferHours: number[];
};

const newBucket = (): Bucket => ({
  occupied: 0,
  placeDays: 0,
  units: new Set(),
  fillDays: [],
  fillDecided: 0,
  filledWithin: 0,
  queueClients: new Set(),
  overdueClients: new Set(),
  decisionDays: [],
  readyDays: [],
  placedClients: new Set(),
  guaranteeMet: 0,
  guaranteeDecided: 0,
  guaranteeClients: new Set(),
  hospitalDays: 0,
  costCents: 0,
  costClients: new Set(),
  accepted: 0,
  answered: 0,
  answeredClients: new Set(),
  firstOfferHours: [],
});

/**
 * Every figure for the period, split by `groupBy`, and the total over the same filtered data (so
 * medians of the total are the medians of all, not of the groups).
 */
export function careFigures(data: FigureData, query: FigureQuery): FigureResult {
  const lastDay = minDate(query.to, query.asOf);
  // Flows count completed days: up to the day before today.
  const flowEnd = minDate(nextDay(query.to), query.asOf); // exclusive
  const unitsById = new Map(data.units.map((u) => [u.id, u]));
  const placeFiltered =
    !!query.providerKind || !!query.providerId?.length || !!query.unitId?.length || !!query.district?.length;
  // The queue as a whole has no place: its figures apply unless places are filtered, and split by
  // service type and month only (the total row still has them when grouping by place).
  const queueWideApplies = !placeFiltered;
  const queueWideSplits = queueWideApplies && !PLACE_GROUPINGS.includes(query.groupBy);
  const serviceOk = (st: string) => !query.serviceTypeId?.length || query.serviceTypeId.includes(st);
  const unitOk = (unitId: string) => {
    const u = unitsById.get(unitId);
    if (!u) return false;
    if (query.providerKind && u.providerKind !== query.providerKind) return false;
    if (query.providerId?.length && !query.providerId.includes(u.providerId)) return false;
    if (query.unitId?.length && !query.unitId.includes(u.id)) return false;
    if (query.district?.length && !query.district.includes(u.district)) return false;
    return true;
  };
  const placeKey = (unitId: string, serviceTypeId: string, day: string): string => {
    const u = unitsById.get(unitId)!;
    switch (query.groupBy) {
      case 'total':
        return 'total';
      case 'providerKind':
        return u.providerKind;
      case 'provider':
        return u.providerId;
      case 'unit':
        return u.id;
      case 'district':
        return u.district;
      case 'serviceType':
        return serviceTypeId;
      case 'month':
        return monthOf(day);
    }
  };
  const queueKey = (serviceTypeId: string, day: string) =>
    query.groupBy === 'serviceType' ? serviceTypeId : query.groupBy === 'month' ? monthOf(day) : 'total';

  const buckets = new Map<string, Bucket>();
  const total = newBucket();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = newBucket()));
    return b;
  };
  /** Adds to the group's bucket and the total's (once, when grouping by nothing). */
  const both = (key: string, add: (b: Bucket) => void) => {
    add(total);
    if (query.groupBy !== 'total') add(bucket(key));
  };
  /** The same for a figure of the queue as a whole: to the total only when grouping by place. */
  const queueWide = (key: string, add: (b: Bucket) => void) => {
    add(total);
    if (queueWideSplits && query.groupBy !== 'total') add(bucket(key));
  };
  // Months up to the last day figures exist for (none of a period still to come).
  const months = lastDay >= query.from ? monthsBetween(query.from, lastDay) : [];
  if (query.groupBy === 'month') months.forEach((m) => bucket(m));
  /** A half-open day range cut by month when grouping by month, otherwise whole. */
  const pieces = (start: string, end: string): { day: string; days: number }[] => {
    if (query.groupBy !== 'month') return [{ day: start, days: overlap(start, end, query.from, flowEnd) }];
    return months.map((m) => {
      const r = monthRange(m);
      const s = maxDate(r.start, query.from);
      const e = minDate(nextDay(r.end), flowEnd);
      return { day: r.start, days: overlap(start, end, s, e) };
    });
  };

  // Occupancy: each unit's end-of-day state holds from its day until the next change's day.
  const byUnit = new Map<string, CapacityChangeRecord[]>();
  for (const c of data.capacityChanges) {
    if (!serviceOk(c.serviceTypeId) || !unitOk(c.unitId)) continue;
    const k = `${c.unitId}|${c.serviceTypeId}`;
    (byUnit.get(k) ?? byUnit.set(k, []).get(k)!).push(c);
  }
  for (const [k, changes] of byUnit) {
    changes.sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]!;
      const day = helsinkiDateOf(c.at);
      const next = changes[i + 1];
      const until = next ? helsinkiDateOf(next.at) : flowEnd;
      if (next && until <= day) continue; // superseded by a later change the same day
      for (const p of pieces(day, until)) {
        if (p.days <= 0) continue;
        both(placeKey(c.unitId, c.serviceTypeId, p.day), (b) => {
          b.occupied += c.occupied * p.days;
          b.placeDays += c.maxCapacity * p.days;
          b.units.add(k);
        });
      }
    }
  }

  // Vacancies: filled (the move-in of its offer, or the day it was marked filled), fill rate, first offer.
  const offersByVacancy = new Map<string, OfferRecord[]>();
  for (const o of data.offers)
    (offersByVacancy.get(o.vacancyId) ?? offersByVacancy.set(o.vacancyId, []).get(o.vacancyId)!).push(o);
  for (const v of data.vacancies) {
    if (!serviceOk(v.serviceTypeId) || !unitOk(v.unitId)) continue;
    const offers = offersByVacancy.get(v.id) ?? [];
    const movedIn = offers.find((o) => o.status === 'moved_in')?.movedInOn ?? null;
    const fillDay = v.status === 'filled' ? (movedIn ?? helsinkiDateOf(v.statusChangedAt)) : null;
    if (fillDay && fillDay >= query.from && fillDay <= lastDay) {
      const days = Math.max(0, daysBetween(v.availableFrom, fillDay));
      both(placeKey(v.unitId, v.serviceTypeId, fillDay), (b) => b.fillDays.push(days));
    }
    if (v.availableFrom >= query.from && v.availableFrom <= lastDay && v.status !== 'withdrawn') {
      const within = fillDay !== null && daysBetween(v.availableFrom, fillDay) <= query.fillWithinDays;
      const decided = within || daysBetween(v.availableFrom, query.asOf) > query.fillWithinDays;
      if (decided) {
        both(placeKey(v.unitId, v.serviceTypeId, v.availableFrom), (b) => {
          b.fillDecided++;
          if (within) b.filledWithin++;
        });
      }
    }
    const reportedDay = helsinkiDateOf(v.reportedAt);
    if (offers.length && reportedDay >= query.from && reportedDay <= lastDay) {
      const first = Math.min(...offers.map((o) => Date.parse(o.offeredAt)));
      const hours = (first - Date.parse(v.reportedAt)) / 3_600_000;
      both(placeKey(v.unitId, v.serviceTypeId, reportedDay), (b) => b.firstOfferHours.push(hours));
    }
  }

  // Offers answered by the client.
  const vacanciesById = new Map(data.vacancies.map((v) => [v.id, v]));
  for (const o of data.offers) {
    const v = vacanciesById.get(o.vacancyId);
    if (!v || !serviceOk(v.serviceTypeId) || !unitOk(v.unitId)) continue;
    const day = helsinkiDateOf(o.offeredAt);
    if (day < query.from || day > lastDay) continue;
    const accepted = o.status === 'accepted' || o.status === 'moved_in';
    if (!accepted && o.status !== 'client_declined') continue;
    both(placeKey(v.unitId, v.serviceTypeId, day), (b) => {
      b.answered++;
      if (accepted) b.accepted++;
      b.answeredClients.add(o.clientId);
    });
  }

  // Placements: the wait of the entries placed in the period, by the unit moved into.
  const placementOf = new Map<string, OfferRecord>();
  for (const o of data.offers) if (o.status === 'moved_in' && !o.interim) placementOf.set(o.entryId, o);
  for (const e of data.entries) {
    if (e.status !== 'placed' || !e.endedOn || e.endedOn < query.from || e.endedOn > lastDay) continue;
    const offer = placementOf.get(e.id);
    const v = offer && vacanciesById.get(offer.vacancyId);
    if (!v || !serviceOk(e.serviceTypeId) || !unitOk(v.unitId)) continue;
    const clock = legalClock({ ...e, today: query.asOf, endedOn: e.endedOn });
    both(placeKey(v.unitId, e.serviceTypeId, e.endedOn), (b) => {
      b.placedClients.add(e.clientId);
      b.decisionDays.push(clock.daysWaiting);
      if (e.readyDate) b.readyDays.push(daysSinceReady(e.readyDate, query.asOf, e.endedOn));
      if (clock.metDeadline !== null) {
        b.guaranteeDecided++;
        b.guaranteeClients.add(e.clientId);
        if (clock.metDeadline) b.guaranteeMet++;
      }
    });
  }

  if (queueWideApplies) {
    // Queue length and overdue at the end of the period (each month's end when grouping by month).
    const points =
      query.groupBy === 'month'
        ? months.map((m) => minDate(monthRange(m).end, lastDay))
        : lastDay >= query.from
          ? [lastDay]
          : [];
    for (const e of data.entries) {
      if (!serviceOk(e.serviceTypeId)) continue;
      for (const p of points) {
        if (e.decisionDate > p || (e.endedOn !== null && e.endedOn <= p)) continue;
        const clock = legalClock({ ...e, endedOn: null, today: p });
        const add = (b: Bucket) => {
          b.queueClients.add(e.clientId);
          if (clock.state === 'overdue') b.overdueClients.add(e.clientId);
        };
        if (p === lastDay) add(total);
        if (queueWideSplits && query.groupBy !== 'total') add(bucket(queueKey(e.serviceTypeId, p)));
      }
    }
    waitingCosts(data, query, flowEnd, serviceOk, (serviceTypeId, clientId, setting, start, end, cents) => {
      for (const p of pieces(start, end)) {
        if (p.days <= 0) continue;
        queueWide(queueKey(serviceTypeId, p.day), (b) => {
          if (setting === 'hospital') b.hospitalDays += p.days;
          b.costCents += p.days * cents;
          b.costClients.add(clientId);
        });
      }
    });
  }

  const rows =
    query.groupBy === 'total'
      ? []
      : [...buckets.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, b]) => ({ key, figures: figuresOf(b, queueWideSplits) }));
  return {
    rows: suppressComplements(rows),
    total: { key: 'total', figures: figuresOf(total, queueWideApplies) },
  };
}

/**
 * Cost of waiting: per client, the days from each entry's ready date to the end of its wait,
 * merged so a client waiting for two service types counts once (the merged run goes to the entry
 * that started it), cut by where the client waited and by the price valid on each day.
 */
function waitingCosts(
  data: FigureData,
  query: FigureQuery,
  flowEnd: string,
  serviceOk: (st: string) => boolean,
  add: (
    serviceTypeId: string,
    clientId: string,
    setting: WaitingSetting,
    start: string,
    end: string,
    cents: number,
  ) => void,
) {
  const priced = new Map<WaitingSetting, { from: string; until: string; cents: number }[]>();
  const bySetting = new Map<WaitingSetting, WaitingPriceRecord[]>();
  for (const p of data.prices)
    (bySetting.get(p.setting) ?? bySetting.set(p.setting, []).get(p.setting)!).push(p);
  for (const [setting, list] of bySetting) {
    list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    priced.set(
      setting,
      list.map((p, i) => ({
        from: p.validFrom,
        until: list[i + 1]?.validFrom ?? '9999-12-31',
        cents: Math.round(p.dailyPrice * 100),
      })),
    );
  }
  const entriesByClient = new Map<string, EntryRecord[]>();
  for (const e of data.entries) {
    if (!e.readyDate) continue;
    (entriesByClient.get(e.clientId) ?? entriesByClient.set(e.clientId, []).get(e.clientId)!).push(e);
  }
  const periodsByClient = new Map<string, WaitingPeriodRecord[]>();
  for (const w of data.waitingPeriods) {
    (periodsByClient.get(w.clientId) ?? periodsByClient.set(w.clientId, []).get(w.clientId)!).push(w);
  }
  for (const [clientId, entries] of entriesByClient) {
    const runs = entries
      .map((e) => ({ e, start: e.readyDate!, end: e.endedOn ?? query.asOf }))
      .filter((r) => r.start < r.end)
      .sort((a, b) =>
        a.start !== b.start
          ? a.start < b.start
            ? -1
            : 1
          : a.e.createdAt !== b.e.createdAt
            ? a.e.createdAt < b.e.createdAt
              ? -1
              : 1
            : a.e.id < b.e.id
              ? -1
              : 1,
      );
    const merged: { serviceTypeId: string; start: string; end: string }[] = [];
    for (const r of runs) {
      const last = merged[merged.length - 1];
      if (last && r.start < last.end) last.end = maxDate(last.end, r.end);
      else merged.push({ serviceTypeId: r.e.serviceTypeId, start: r.start, end: r.end });
    }
    for (const run of merged) {
      if (!serviceOk(run.serviceTypeId)) continue;
      for (const w of periodsByClient.get(clientId) ?? []) {
        for (const price of priced.get(w.setting) ?? []) {
          const start = [run.start, w.since, price.from, query.from].reduce(maxDate);
          const end = [run.end, w.until ?? query.asOf, price.until, flowEnd].reduce(minDate);
          if (start < end) add(run.serviceTypeId, clientId, w.setting, start, end, price.cents);
        }
      }
    }
  }
}

function figuresOf(b: Bucket, queueWideApplies: boolean): Record<CareFigure, FigureValue> {
  const na: FigureValue = { value: null, status: 'not_applicable', n: null };
  const fill = b.fillDays;
  const out: Record<CareFigure, FigureValue> = {
    occupancyRate: place(b.placeDays ? roundRatio(b.occupied * 100, b.placeDays) : null, b.units.size),
    vacancyDays: personal(
      fill.reduce((s, x) => s + x, 0),
      fill.length,
      true,
    ),
    timeToFillMedian: personal(round1(median(fill)), fill.length),
    timeToFillP90: personal(percentile(fill, 0.9), fill.length),
    fillRate: personal(b.fillDecided ? roundRatio(b.filledWithin * 100, b.fillDecided) : null, b.fillDecided),
    queueLength: queueWideApplies ? personal(b.queueClients.size, b.queueClients.size, true) : na,
    queueDaysFromDecisionMedian: personal(round1(median(b.decisionDays)), b.placedClients.size),
    queueDaysFromDecisionP90: personal(percentile(b.decisionDays, 0.9), b.placedClients.size),
    queueDaysFromDecisionMean: personal(mean(b.decisionDays), b.placedClients.size),
    queueDaysFromReadyMedian: personal(round1(median(b.readyDays)), b.readyDays.length),
    queueDaysFromReadyP90: personal(percentile(b.readyDays, 0.9), b.readyDays.length),
    queueDaysFromReadyMean: personal(mean(b.readyDays), b.readyDays.length),
    hospitalDays: queueWideApplies ? personal(b.hospitalDays, b.costClients.size, true) : na,
    waitingCost: queueWideApplies ? personal(b.costCents / 100, b.costClients.size, true) : na,
    placements: personal(b.placedClients.size, b.placedClients.size, true),
    placedWithinGuarantee: personal(
      b.guaranteeDecided ? roundRatio(b.guaranteeMet * 100, b.guaranteeDecided) : null,
      b.guaranteeClients.size,
    ),
    overdue: queueWideApplies ? personal(b.overdueClients.size, b.overdueClients.size, true) : na,
    offerAcceptanceRate: personal(
      b.answered ? roundRatio(b.accepted * 100, b.answered) : null,
      b.answeredClients.size,
    ),
    hoursToFirstOfferMedian: personal(round1(median(b.firstOfferHours)), b.firstOfferHours.length),
    hoursToFirstOfferP90: personal(round1(percentile(b.firstOfferHours, 0.9)), b.firstOfferHours.length),
  };
  return out;
}

const mean = (xs: number[]) =>
  xs.length
    ? roundRatio(
        xs.reduce((s, x) => s + x, 0),
        xs.length,
      )
    : null;

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
