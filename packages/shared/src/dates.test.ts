import { afterEach, describe, expect, it, vi } from 'vitest';
import { addMonths, daysBetween, daysInMonth, helsinkiDateOf, maxDate, minDate } from './dates.ts';

// Expected values are written out by hand (checked against a calendar), never computed with the code
// under test. A month-based period ends on the same day of the month, or on the month's last day when
// that month is shorter (Act on the Calculation of Statutory Time Limits 150/1930 §2).

describe('addMonths', () => {
  it.each([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-01-15', 0, '2024-01-15'],
    ['2024-01-10', 3, '2024-04-10'],
    // Month ends clamp to the shorter month's last day.
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2100-01-31', 1, '2100-02-28'], // 2100 is not a leap year
    ['2000-01-31', 1, '2000-02-29'], // 2000 is
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-05-31', 3, '2024-08-31'],
    ['2024-08-31', 1, '2024-09-30'],
    ['2023-11-30', 3, '2024-02-29'], // into a leap February
    ['2024-11-30', 3, '2025-02-28'], // into a common February
    ['2023-11-29', 3, '2024-02-29'],
    ['2022-11-29', 3, '2023-02-28'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2023-12-31', 3, '2024-03-31'],
    // Across the year end.
    ['2024-10-31', 3, '2025-01-31'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2024-11-30', 14, '2026-01-30'],
    // Leap days.
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-02-29', 1, '2024-03-29'],
    ['2024-02-29', 3, '2024-05-29'],
    // Backwards.
    ['2024-03-31', -1, '2024-02-29'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-01-31', -2, '2023-11-30'],
    ['2025-02-28', -12, '2024-02-28'],
    ['2025-03-31', -13, '2024-02-29'],
    ['2024-05-29', -3, '2024-02-29'],
    ['2024-06-10', -24, '2022-06-10'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('is not reversible at month ends (clamping loses the day)', () => {
    expect(addMonths(addMonths('2024-01-31', 1), -1)).toBe('2024-01-29');
  });

  it.each([
    '2024-1-05',
    '2024-01-05T00:00:00Z',
    '05.01.2024',
    '',
    '2024-13-01',
    '2024-00-10',
    '2024-02-30',
    '2023-02-29',
    '2024-04-31',
    '2024-01-00',
  ])('refuses %j', (bad) => {
    expect(() => addMonths(bad, 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-01-10', '2024-01-10', 0],
    ['2024-01-10', '2024-01-11', 1],
    ['2024-01-11', '2024-01-10', -1],
    ['2024-01-10', '2024-04-10', 91],
    ['2024-02-28', '2024-03-01', 2], // leap February
    ['2023-02-28', '2023-03-01', 1],
    ['2023-03-01', '2024-03-01', 366],
    ['2024-03-01', '2025-03-01', 365],
    ['2023-12-31', '2024-01-01', 1],
    ['2024-01-01', '2025-01-01', 366],
    ['2023-01-01', '2024-01-01', 365],
    ['2023-11-30', '2024-02-29', 91],
    ['2024-11-30', '2025-02-28', 90],
    ['2000-02-28', '2100-03-01', 36526],
    // Across the daylight saving switches (Helsinki: 31 March and 27 October 2024): a day is a day.
    ['2024-03-30', '2024-03-31', 1],
    ['2024-03-31', '2024-04-01', 1],
    ['2024-03-30', '2024-04-01', 2],
    ['2024-10-26', '2024-10-27', 1],
    ['2024-10-27', '2024-10-28', 1],
    ['2024-10-26', '2024-10-28', 2],
    ['2024-03-01', '2024-11-01', 245],
    ['2024-11-01', '2024-03-01', -245],
  ])('%s → %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2024-03-01', 'tomorrow')).toThrow(RangeError);
  });
});

describe('helsinkiDateOf', () => {
  it.each([
    // Winter (UTC+2): Helsinki midnight is 22:00 UTC the day before.
    ['2024-01-15T00:00:00Z', '2024-01-15'],
    ['2024-01-14T23:59:59Z', '2024-01-15'], // before midnight UTC, already the next day in Helsinki
    ['2024-01-15T21:59:59.999Z', '2024-01-15'],
    ['2024-01-15T22:00:00Z', '2024-01-16'],
    // Summer (UTC+3): Helsinki midnight is 21:00 UTC.
    ['2024-07-01T20:59:59.999Z', '2024-07-01'],
    ['2024-07-01T21:00:00Z', '2024-07-02'],
    ['2024-07-01T23:30:00Z', '2024-07-02'],
    // Spring switch, last Sunday of March 2024 (31 March, 03:00 → 04:00 local at 01:00 UTC).
    ['2024-03-30T21:59:59Z', '2024-03-30'],
    ['2024-03-30T22:00:00Z', '2024-03-31'], // midnight still in winter time
    ['2024-03-31T00:59:59Z', '2024-03-31'],
    ['2024-03-31T01:00:00Z', '2024-03-31'],
    ['2024-03-31T20:59:59Z', '2024-03-31'],
    ['2024-03-31T21:00:00Z', '2024-04-01'], // the next midnight already in summer time
    // Autumn switch, last Sunday of October 2024 (27 October, 04:00 → 03:00 local at 01:00 UTC).
    ['2024-10-26T20:59:59Z', '2024-10-26'],
    ['2024-10-26T21:00:00Z', '2024-10-27'], // midnight still in summer time
    ['2024-10-27T00:59:59Z', '2024-10-27'],
    ['2024-10-27T01:00:00Z', '2024-10-27'],
    ['2024-10-27T21:59:59Z', '2024-10-27'],
    ['2024-10-27T22:00:00Z', '2024-10-28'], // the next midnight in winter time
    // 2025's switches: 30 March and 26 October.
    ['2025-03-29T21:59:59Z', '2025-03-29'],
    ['2025-03-29T22:00:00Z', '2025-03-30'],
    ['2025-03-30T21:00:00Z', '2025-03-31'],
    ['2025-10-25T21:00:00Z', '2025-10-26'],
    ['2025-10-26T21:59:59Z', '2025-10-26'],
    ['2025-10-26T22:00:00Z', '2025-10-27'],
    // Year end and a leap day.
    ['2024-12-31T21:59:59Z', '2024-12-31'],
    ['2024-12-31T22:00:00Z', '2025-01-01'],
    ['2024-02-28T22:00:00Z', '2024-02-29'],
    // An offset in the input is honoured.
    ['2024-01-16T00:30:00+02:00', '2024-01-16'],
    ['2024-01-15T23:30:00-01:00', '2024-01-16'],
  ])('%s is %s in Helsinki', (instant, expected) => {
    expect(helsinkiDateOf(instant)).toBe(expected);
    expect(helsinkiDateOf(new Date(instant))).toBe(expected);
  });

  it('refuses an invalid instant', () => {
    expect(() => helsinkiDateOf('not a time')).toThrow(RangeError);
  });
});

describe('independent of the machine time zone', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['Pacific/Kiritimati', -840],
    ['America/Los_Angeles', 480],
    ['UTC', 0],
  ])('gives the same answers in %s', (tz, offsetMinutes) => {
    vi.stubEnv('TZ', tz);
    // The machine's zone really changed (Node re-reads TZ when it is set).
    expect(new Date('2024-01-01T00:00:00Z').getTimezoneOffset()).toBe(offsetMinutes);
    expect(helsinkiDateOf('2024-03-30T22:00:00Z')).toBe('2024-03-31');
    expect(helsinkiDateOf('2024-10-27T21:59:59Z')).toBe('2024-10-27');
    expect(helsinkiDateOf(new Date('2024-01-15T22:00:00Z'))).toBe('2024-01-16');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
  });
});

describe('small helpers', () => {
  it('knows the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m))).toEqual([
      31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('picks the earlier and the later date', () => {
    expect(minDate('2024-02-29', '2024-03-01')).toBe('2024-02-29');
    expect(minDate('2024-03-01', '2024-02-29')).toBe('2024-02-29');
    expect(maxDate('2024-02-29', '2024-03-01')).toBe('2024-03-01');
    expect(maxDate('2023-12-31', '2023-12-31')).toBe('2023-12-31');
  });
});
