/**
 * Calendar-date arithmetic on ISO dates (`YYYY-MM-DD`), independent of the machine's time zone.
 * A "day" here is a Helsinki calendar day; convert instants with `helsinkiDateOf` first.
 */

const DAY_MS = 86_400_000;

function parse(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  // A day the calendar does not have (30 February, month 13) would silently roll over into the next
  // month and move a legal due date.
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`Not an ISO date: ${date}`);
  }
  return { y, m, d };
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

// Arithmetic, not Date objects: the matching rule parses thousands of dates per request.
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * The same day `months` later; when that month is shorter, its last day (31 January + 1 month is
 * 28 or 29 February, 30 November + 3 months is the last day of February).
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return iso(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

// Day numbers of the dates seen lately: a queue holds a few hundred distinct dates, and the
// matching rule asks for each of them thousands of times per request.
const dayNumbers = new Map<string, number>();

function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    const { y, m, d } = parse(date);
    n = Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
    if (dayNumbers.size >= 20_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

// Made once (see helsinkiToday in keys.ts): a DateTimeFormat is costly to build and cheap to use.
const HELSINKI_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });
const HELSINKI_DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The Helsinki calendar date of an instant (daylight saving included). */
export function helsinkiDateOf(instant: Date | string): string {
  return HELSINKI_DATE.format(new Date(instant));
}

export const minDate = (a: string, b: string) => (a <= b ? a : b);
export const maxDate = (a: string, b: string) => (a >= b ? a : b);

/** Age in whole years on a day (a birthday on 29 February counts from 1 March in other years). */
export function ageOn(birthDate: string, on: string): number {
  const b = parse(birthDate);
  const d = parse(on);
  const hadBirthday = d.m > b.m || (d.m === b.m && d.d >= b.d);
  return d.y - b.y - (hadBirthday ? 0 : 1);
}

/** An instant as a Helsinki date and time for people and spreadsheets: `2026-12-01 23:45`. */
export function helsinkiDateTime(instant: Date | string): string {
  return HELSINKI_DATE_TIME.format(new Date(instant));
}

/** The day `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
