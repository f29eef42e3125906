import { describe, expect, it } from 'vitest';
import {
  VACANCY_EVENTS,
  VACANCY_STATUSES,
  allowedVacancyEvents,
  applyVacancy,
  vacancySources,
  capacityProblems,
  freshness,
  occupancyRate,
  placesOutOfUse,
  vacancyTransition,
  type CapacityFigures,
} from './care-capacity.ts';

const f = (over: Partial<CapacityFigures> = {}): CapacityFigures => ({
  maxCapacity: 30,
  occupied: 25,
  reserved: 1,
  vacantAccepting: 2,
  closedToAdmissions: false,
  ...over,
});

describe('capacityProblems', () => {
  it('accepts figures that add up', () => {
    expect(capacityProblems(f())).toEqual([]);
    expect(capacityProblems(f({ occupied: 27 }))).toEqual([]);
  });
  it('refuses a sum above the maximum, negative or fractional counts', () => {
    expect(capacityProblems(f({ occupied: 28 }))).toEqual([
      { field: '/maxCapacity', message: 'sum_exceeds_capacity' },
    ]);
    expect(capacityProblems(f({ reserved: -1 }))).toEqual([{ field: '/reserved', message: 'not_a_count' }]);
    expect(capacityProblems(f({ occupied: 2.5 }))).toEqual([{ field: '/occupied', message: 'not_a_count' }]);
    expect(capacityProblems(f({ maxCapacity: 20_000 }))).toEqual([
      { field: '/maxCapacity', message: 'too_large' },
    ]);
  });
  it('refuses vacant places in a unit closed to admissions', () => {
    expect(capacityProblems(f({ closedToAdmissions: true }))).toEqual([
      { field: '/vacantAccepting', message: 'closed_unit_cannot_accept' },
    ]);
    expect(capacityProblems(f({ closedToAdmissions: true, vacantAccepting: 0 }))).toEqual([]);
  });
  it('does not let figures drop below what vacancies commit', () => {
    expect(capacityProblems(f({ vacantAccepting: 1 }), { open: 2, offered: 1 })).toEqual([
      { field: '/vacantAccepting', message: 'below_open_vacancies' },
    ]);
    expect(capacityProblems(f({ reserved: 0 }), { open: 0, offered: 1 })).toEqual([
      { field: '/reserved', message: 'below_offered_vacancies' },
    ]);
  });
  it('derives places out of use and occupancy', () => {
    expect(placesOutOfUse(f())).toBe(2);
    expect(occupancyRate(f())).toBe(83.3);
    expect(occupancyRate(f({ maxCapacity: 0, occupied: 0, reserved: 0, vacantAccepting: 0 }))).toBe(0);
  });
});

describe('vacancy transitions', () => {
  it('allow exactly open → offered → filled, back to open when an offer is declined, and withdrawal before filling', () => {
    const table = Object.fromEntries(
      VACANCY_STATUSES.map((s) => [
        s,
        Object.fromEntries(
          VACANCY_EVENTS.map((e) => [e, (vacancyTransition(s, e) as { to?: string }).to ?? null]),
        ),
      ]),
    );
    expect(table).toEqual({
      open: { offer: 'offered', offer_declined: null, fill: 'filled', withdraw: 'withdrawn' },
      offered: { offer: null, offer_declined: 'open', fill: 'filled', withdraw: 'withdrawn' },
      filled: { offer: null, offer_declined: null, fill: null, withdraw: null },
      withdrawn: { offer: null, offer_declined: null, fill: null, withdraw: null },
    });
    expect(allowedVacancyEvents('filled')).toEqual([]);
  });

  it('move the figures so they always add up', () => {
    let figures = f({ maxCapacity: 10, occupied: 7, reserved: 0, vacantAccepting: 0 });
    const step = (change: Parameters<typeof applyVacancy>[1]) => {
      const r = applyVacancy(figures, change);
      if (!r.ok) throw new Error(r.reason);
      figures = r.figures;
      expect(capacityProblems(figures)).toEqual([]);
      return figures;
    };
    expect(step({ kind: 'announce' })).toMatchObject({ vacantAccepting: 1 });
    expect(step({ kind: 'event', from: 'open', event: 'offer' })).toMatchObject({
      vacantAccepting: 0,
      reserved: 1,
    });
    expect(step({ kind: 'event', from: 'offered', event: 'offer_declined' })).toMatchObject({
      vacantAccepting: 1,
      reserved: 0,
    });
    expect(step({ kind: 'event', from: 'open', event: 'fill' })).toMatchObject({
      vacantAccepting: 0,
      occupied: 8,
    });
    expect(step({ kind: 'announce' })).toMatchObject({ vacantAccepting: 1 });
    expect(step({ kind: 'event', from: 'open', event: 'withdraw' })).toMatchObject({
      vacantAccepting: 0,
      occupied: 8,
    });
  });

  it('report a vacancy in a full unit in one step: a resident moved out, so occupied goes down', () => {
    const full = f({ maxCapacity: 20, occupied: 19, reserved: 1, vacantAccepting: 0 });
    expect(placesOutOfUse(full)).toBe(0);
    expect(vacancySources(full)).toEqual(['occupied']);
    expect(applyVacancy(full, { kind: 'announce' })).toEqual({ ok: false, reason: 'no_free_place' });
    const r = applyVacancy(full, { kind: 'announce', from: 'occupied' });
    expect(r).toEqual({ ok: true, figures: { ...full, occupied: 18, vacantAccepting: 1 } });
    if (r.ok) expect(capacityProblems(r.figures, { open: 1, offered: 1 })).toEqual([]);
  });

  it('offer every source the figures allow, and none in a closed unit', () => {
    expect(vacancySources(f({ maxCapacity: 10, occupied: 7, reserved: 0, vacantAccepting: 0 }))).toEqual([
      'out_of_use',
      'occupied',
    ]);
    expect(vacancySources(f({ maxCapacity: 2, occupied: 0, reserved: 1, vacantAccepting: 1 }))).toEqual([]);
    expect(
      applyVacancy(f({ maxCapacity: 2, occupied: 0, reserved: 1, vacantAccepting: 1 }), {
        kind: 'announce',
        from: 'occupied',
      }),
    ).toEqual({ ok: false, reason: 'no_occupied_place' });
    expect(
      vacancySources(f({ maxCapacity: 10, occupied: 5, vacantAccepting: 0, closedToAdmissions: true })),
    ).toEqual([]);
  });

  it('refuse an announcement with no room, in a closed unit, or a transition that is not allowed', () => {
    expect(applyVacancy(f({ maxCapacity: 28 }), { kind: 'announce' })).toEqual({
      ok: false,
      reason: 'no_free_place',
    });
    expect(applyVacancy(f({ closedToAdmissions: true, vacantAccepting: 0 }), { kind: 'announce' })).toEqual({
      ok: false,
      reason: 'closed_to_admissions',
    });
    expect(applyVacancy(f(), { kind: 'event', from: 'filled', event: 'withdraw' })).toEqual({
      ok: false,
      reason: 'invalid_transition',
    });
    expect(applyVacancy(f({ reserved: 0 }), { kind: 'event', from: 'offered', event: 'fill' })).toEqual({
      ok: false,
      reason: 'figures_out_of_step',
    });
  });
});

describe('freshness', () => {
  it('marks figures stale after the given days, and never-confirmed ones stale', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(freshness('2026-11-20T12:00:00Z', now, 7)).toEqual({ ageHours: 24, stale: false });
    expect(freshness('2026-11-10T12:00:00Z', now, 7)).toEqual({ ageHours: 264, stale: true });
    expect(freshness(null, now, 7)).toEqual({ ageHours: null, stale: true });
  });
});
