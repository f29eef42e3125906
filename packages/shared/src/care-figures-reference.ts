import { daysBetween, helsinkiDateOf, maxDate, minDate } from './dates.ts';
import { daysSinceReady, legalClock, type UrgencyClass, type WaitingSetting } from './care-queue.ts';
import {
  dayAfter,
  emptyRawFigures,
  figureValues,
  median,
  monthRange,
  monthsBetween,
  percentile,
  PLACE_GROUPINGS,
  suppressComplements,
  type FigureQuery,
  type FigureResult,
  type RawFigures,
} from './care-figures.ts';

/**
 * The care figures (`care-figures.ts`) computed from plain records of the product's history: the
 * reference the reports SQL is tested against, over the same fixture. Readable rather than fast.
 */

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

/** Days of [a, b) ∩ [c, d) for half-open day ranges. */
function overlap(a: string, b: string, c: string, d: string): number {
  return Math.max(0, daysBetween(maxDate(a, c), minDate(b, d)));
}

const monthOf = (d: string) => d.slice(0, 7);

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
  const flowEnd = minDate(dayAfter(query.to), query.asOf); // exclusive
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
      const e = minDate(dayAfter(r.end), flowEnd);
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
    // A day never goes back: a change stamped earlier than the one before it counts on that day.
    const days: string[] = [];
    for (const c of changes) days.push(maxDate(helsinkiDateOf(c.at), days[days.length - 1] ?? ''));
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]!;
      const day = days[i]!;
      const until = i + 1 < changes.length ? days[i + 1]! : flowEnd;
      if (i + 1 < changes.length && until === day) continue; // superseded by a later change that day
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
          .map(([key, b]) => ({ key, figures: figureValues(rawOf(b), queueWideSplits) }));
  return {
    rows: suppressComplements(rows),
    total: { key: 'total', figures: figureValues(rawOf(total), queueWideApplies) },
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

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

function rawOf(b: Bucket): RawFigures {
  return {
    ...emptyRawFigures(),
    occupiedPlaceDays: b.occupied,
    placeDays: b.placeDays,
    units: b.units.size,
    filled: b.fillDays.length,
    fillDaysSum: sum(b.fillDays),
    fillDaysMedian: median(b.fillDays),
    fillDaysP90: percentile(b.fillDays, 0.9),
    fillDecided: b.fillDecided,
    filledWithin: b.filledWithin,
    queueClients: b.queueClients.size,
    overdueClients: b.overdueClients.size,
    placedClients: b.placedClients.size,
    placedEntries: b.decisionDays.length,
    decisionDaysSum: sum(b.decisionDays),
    decisionDaysMedian: median(b.decisionDays),
    decisionDaysP90: percentile(b.decisionDays, 0.9),
    readyEntries: b.readyDays.length,
    readyDaysSum: sum(b.readyDays),
    readyDaysMedian: median(b.readyDays),
    readyDaysP90: percentile(b.readyDays, 0.9),
    guaranteeDecided: b.guaranteeDecided,
    guaranteeMet: b.guaranteeMet,
    guaranteeClients: b.guaranteeClients.size,
    hospitalDays: b.hospitalDays,
    costCents: b.costCents,
    costClients: b.costClients.size,
    answered: b.answered,
    accepted: b.accepted,
    answeredClients: b.answeredClients.size,
    firstOffers: b.firstOfferHours.length,
    hoursToFirstOfferMedian: median(b.firstOfferHours),
    hoursToFirstOfferP90: percentile(b.firstOfferHours, 0.9),
  };
}
