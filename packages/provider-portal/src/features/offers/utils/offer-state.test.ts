import { describe, expect, it } from 'vitest';
import { portalOffer } from '../testing/offers.ts';
import { byDeadline, deadlineOf, parseOfferFilter, relativeDays, relativeTime } from './offer-state.ts';
import { moveInProblem } from './move-in.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('an offer deadline', () => {
  const proposed = portalOffer({ status: 'proposed', responseDueAt: '2026-12-03T08:00:00.000Z' });

  it('is the answer due while the unit has not answered: later, soon within 6 hours, then overdue', () => {
    expect(deadlineOf(proposed, at('2026-12-02T20:00:00Z'))).toMatchObject({
      kind: 'answer',
      tone: 'later',
      left: 12 * HOUR,
    });
    expect(deadlineOf(proposed, at('2026-12-03T02:00:00Z'))).toMatchObject({ tone: 'soon', left: 6 * HOUR });
    expect(deadlineOf(proposed, at('2026-12-03T08:00:01Z'))).toMatchObject({ tone: 'overdue' });
  });

  it("is the client's answer once confirmed, shown but never as the unit's alarm", () => {
    const confirmed = { ...proposed, status: 'provider_confirmed' as const };
    expect(deadlineOf(confirmed, at('2026-12-03T09:00:00Z'))).toMatchObject({ kind: 'client', tone: 'info' });
  });

  it('is the move-in day once accepted, by Helsinki calendar days', () => {
    const accepted = portalOffer({ status: 'accepted', moveInDueOn: '2026-12-10' });
    expect(deadlineOf(accepted, at('2026-12-07T12:00:00Z'))).toMatchObject({
      kind: 'moveIn',
      left: 3,
      tone: 'later',
    });
    // 23:30 UTC on the 8th is already the 9th in Helsinki: one day left.
    expect(deadlineOf(accepted, at('2026-12-08T23:30:00Z'))).toMatchObject({ left: 1, tone: 'soon' });
    expect(deadlineOf(accepted, at('2026-12-11T10:00:00Z'))).toMatchObject({ left: -1, tone: 'overdue' });
  });

  it('is none for an offer that has ended', () => {
    for (const status of [
      'moved_in',
      'provider_declined',
      'client_declined',
      'expired',
      'cancelled',
    ] as const) {
      expect(deadlineOf(portalOffer({ status }), at('2026-12-02T10:00:00Z'))).toBeNull();
    }
  });

  it('orders offers soonest first, the overdue at the top and the ended last', () => {
    const now = at('2026-12-05T10:00:00Z');
    const a = portalOffer({ id: 'a', status: 'proposed', responseDueAt: '2026-12-05T18:00:00.000Z' });
    const late = portalOffer({ id: 'late', status: 'accepted', moveInDueOn: '2026-12-04' });
    const c = portalOffer({ id: 'c', status: 'accepted', moveInDueOn: '2026-12-08' });
    const ended = portalOffer({ id: 'ended', status: 'moved_in' });
    expect([ended, c, a, late].sort(byDeadline(now)).map((o) => o.id)).toEqual(['late', 'a', 'c', 'ended']);
  });
});

describe('relative times', () => {
  it('say minutes, hours or days in the language, rounding time left down', () => {
    expect(relativeTime(5 * HOUR + 50 * 60_000, 'fi-FI')).toBe('5 tunnin päästä');
    expect(relativeTime(5 * HOUR, 'sv-FI')).toBe('om 5 timmar');
    expect(relativeTime(5 * HOUR, 'en-GB')).toBe('in 5 hours');
    expect(relativeTime(20 * 60_000, 'en-GB')).toBe('in 20 minutes');
    expect(relativeTime(-2 * HOUR, 'fi-FI')).toBe('2 tuntia sitten');
    expect(relativeTime(3 * 24 * HOUR, 'en-GB')).toBe('in 3 days');
    expect(relativeDays(0, 'fi-FI')).toBe('tänään');
    expect(relativeDays(1, 'sv-FI')).toBe('i morgon');
  });
});

describe('the inbox filter in the address', () => {
  it('takes a status, "action" or nothing; anything else is all offers', () => {
    expect(parseOfferFilter('accepted')).toBe('accepted');
    expect(parseOfferFilter('action')).toBe('action');
    expect(parseOfferFilter(null)).toBe('all');
    expect(parseOfferFilter('bogus')).toBe('all');
  });
});

describe('a move-in date', () => {
  const offeredAt = '2026-11-30T22:30:00.000Z'; // 1 December in Helsinki
  it('is a real day, not before the offer (Helsinki day) and not after today', () => {
    expect(moveInProblem('2026-12-02', offeredAt, '2026-12-02')).toBeNull();
    expect(moveInProblem('2026-12-01', offeredAt, '2026-12-02')).toBeNull();
    expect(moveInProblem('2026-11-30', offeredAt, '2026-12-02')).toBe('beforeOffer');
    expect(moveInProblem('2026-12-03', offeredAt, '2026-12-02')).toBe('inFuture');
    expect(moveInProblem('', offeredAt, '2026-12-02')).toBe('invalidDate');
    expect(moveInProblem('2026-02-30', offeredAt, '2026-12-02')).toBe('invalidDate');
  });
});
