import type { FieldError } from './problem.ts';

/**
 * Care place capacity (DOMAIN.md, module 2) in the figures capacity trackers use, per unit and
 * service type. Pure, so the portal's forms and the API refuse the same inconsistent figures.
 *
 *   maxCapacity ≥ occupied + reserved + vacantAccepting
 *
 * The rest of the maximum (if any) is places not in use (renovation, staffing). A unit closed to
 * admissions accepts nobody, so it has no vacant-and-accepting places. Open vacancies are counted
 * in vacantAccepting and offered ones in reserved, so those figures can never drop below them.
 */
export interface CapacityFigures {
  maxCapacity: number;
  occupied: number;
  reserved: number;
  vacantAccepting: number;
  closedToAdmissions: boolean;
}

/** What the unit's vacancies already commit: figures may not drop below these. */
export interface VacancyCommitments {
  open: number;
  offered: number;
}

export const CAPACITY_LIMIT = 10_000;

export function capacityProblems(
  f: CapacityFigures,
  commitments: VacancyCommitments = { open: 0, offered: 0 },
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['maxCapacity', 'occupied', 'reserved', 'vacantAccepting'] as const) {
    const v = f[key];
    if (!Number.isInteger(v) || v < 0) errors.push({ field: `/${key}`, message: 'not_a_count' });
    else if (v > CAPACITY_LIMIT) errors.push({ field: `/${key}`, message: 'too_large' });
  }
  if (errors.length) return errors;
  if (f.occupied + f.reserved + f.vacantAccepting > f.maxCapacity) {
    errors.push({ field: '/maxCapacity', message: 'sum_exceeds_capacity' });
  }
  if (f.closedToAdmissions && f.vacantAccepting > 0) {
    errors.push({ field: '/vacantAccepting', message: 'closed_unit_cannot_accept' });
  }
  if (f.vacantAccepting < commitments.open) {
    errors.push({ field: '/vacantAccepting', message: 'below_open_vacancies' });
  }
  if (f.reserved < commitments.offered) {
    errors.push({ field: '/reserved', message: 'below_offered_vacancies' });
  }
  return errors;
}

/** Places neither occupied, reserved nor vacant: out of use. */
export function placesOutOfUse(f: CapacityFigures): number {
  return Math.max(0, f.maxCapacity - f.occupied - f.reserved - f.vacantAccepting);
}

/** Occupancy rate in percent (0 when the unit has no capacity). */
export function occupancyRate(f: Pick<CapacityFigures, 'maxCapacity' | 'occupied'>): number {
  return f.maxCapacity === 0 ? 0 : Math.round((f.occupied / f.maxCapacity) * 1000) / 10;
}

// ------------------------------------------------------------------------------------ vacancies

export const VACANCY_STATUSES = ['open', 'offered', 'filled', 'withdrawn'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export const VACANCY_EVENTS = ['offer', 'offer_declined', 'fill', 'withdraw'] as const;
export type VacancyEvent = (typeof VACANCY_EVENTS)[number];

const VACANCY_TRANSITIONS: Record<VacancyStatus, Partial<Record<VacancyEvent, VacancyStatus>>> = {
  open: { offer: 'offered', withdraw: 'withdrawn', fill: 'filled' },
  offered: { fill: 'filled', offer_declined: 'open', withdraw: 'withdrawn' },
  filled: {},
  withdrawn: {},
};

export function vacancyTransition(
  from: VacancyStatus,
  event: VacancyEvent,
): { ok: true; to: VacancyStatus } | { ok: false } {
  const to = VACANCY_TRANSITIONS[from][event];
  return to ? { ok: true, to } : { ok: false };
}

export function allowedVacancyEvents(from: VacancyStatus): VacancyEvent[] {
  return VACANCY_EVENTS.filter((e) => VACANCY_TRANSITIONS[from][e] !== undefined);
}

/**
 * Where the place of a newly reported vacancy comes from: a resident moved out (`occupied`, the
 * usual case in a full unit) or a place out of use is taken back into use (`out_of_use`).
 */
export const VACANCY_SOURCES = ['out_of_use', 'occupied'] as const;
export type VacancySource = (typeof VACANCY_SOURCES)[number];

/** The sources a vacancy could be reported from with these figures (none in a closed unit). */
export function vacancySources(f: CapacityFigures): VacancySource[] {
  if (f.closedToAdmissions) return [];
  return VACANCY_SOURCES.filter((s) => (s === 'occupied' ? f.occupied > 0 : placesOutOfUse(f) > 0));
}

/**
 * How a vacancy moves the unit's figures, so both change in one transaction:
 * announcing one makes a place vacant-and-accepting, taken from places out of use (the maximum must
 * have room) or from the occupied ones (a resident moved out); an offer reserves it; filling occupies
 * it; withdrawing gives it back to out of use.
 */
export function applyVacancy(
  f: CapacityFigures,
  change:
    { kind: 'announce'; from?: VacancySource } | { kind: 'event'; from: VacancyStatus; event: VacancyEvent },
): { ok: true; figures: CapacityFigures } | { ok: false; reason: string } {
  const next = { ...f };
  if (change.kind === 'announce') {
    if (f.closedToAdmissions) return { ok: false, reason: 'closed_to_admissions' };
    if ((change.from ?? 'out_of_use') === 'occupied') {
      if (f.occupied < 1) return { ok: false, reason: 'no_occupied_place' };
      next.occupied -= 1;
    } else if (placesOutOfUse(f) < 1) {
      return { ok: false, reason: 'no_free_place' };
    }
    next.vacantAccepting += 1;
    return { ok: true, figures: next };
  }
  const t = vacancyTransition(change.from, change.event);
  if (!t.ok) return { ok: false, reason: 'invalid_transition' };
  const take = (key: 'vacantAccepting' | 'reserved') => {
    next[key] -= 1;
    return next[key] >= 0;
  };
  const fromKey = change.from === 'open' ? 'vacantAccepting' : 'reserved';
  if (!take(fromKey)) return { ok: false, reason: 'figures_out_of_step' };
  if (t.to === 'offered') next.reserved += 1;
  if (t.to === 'open') next.vacantAccepting += 1;
  if (t.to === 'filled') next.occupied += 1;
  return { ok: true, figures: next };
}

/** Hours since figures were last confirmed, and whether that is stale. */
export function freshness(confirmedAt: string | null, now: Date, staleAfterDays: number) {
  if (!confirmedAt) return { ageHours: null, stale: true };
  const ageHours = Math.max(0, (now.getTime() - new Date(confirmedAt).getTime()) / 3_600_000);
  return { ageHours: Math.round(ageHours * 10) / 10, stale: ageHours > staleAfterDays * 24 };
}
