import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { daysBetween, helsinkiDateOf } from '@civic/shared/dates';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The current time, moving on every `everyMs` while the screen is open (deadlines count down). */
export function useNow(everyMs = MINUTE): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A length of time in its largest sensible unit: "45 min", "5 h", "3 päivää". */
export function durationText(ms: number, t: TFunction): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return t('offers.time.minutes', { count: Math.max(1, Math.floor(abs / MINUTE)) });
  if (abs < 48 * HOUR) return t('offers.time.hours', { count: Math.floor(abs / HOUR) });
  return t('offers.time.days', { count: Math.floor(abs / (24 * HOUR)) });
}

export type DeadlineTone = 'overdue' | 'soon' | 'later';

/** How far a deadline (an instant) is: "in 5 h" or "2 h overdue", and how urgent that is. */
export function untilInstant(
  dueAt: string,
  now: number,
  t: TFunction,
  soonMs = 6 * HOUR,
): { text: string; tone: DeadlineTone } {
  const left = new Date(dueAt).getTime() - now;
  if (Math.abs(left) < MINUTE) return { text: t('offers.time.now'), tone: 'soon' };
  if (left < 0) return { text: t('offers.time.overdue', { time: durationText(left, t) }), tone: 'overdue' };
  return {
    text: t('offers.time.in', { time: durationText(left, t) }),
    tone: left <= soonMs ? 'soon' : 'later',
  };
}

/** How far a due day is from today in Helsinki: "today", "in 3 days", "2 days late". */
export function untilDay(dueOn: string, now: number, t: TFunction): { text: string; tone: DeadlineTone } {
  const days = daysBetween(helsinkiDateOf(new Date(now)), dueOn);
  if (days < 0) return { text: t('offers.time.daysLate', { count: -days }), tone: 'overdue' };
  if (days === 0) return { text: t('offers.time.today'), tone: 'soon' };
  if (days === 1) return { text: t('offers.time.tomorrow'), tone: 'soon' };
  return { text: t('offers.time.inDays', { count: days }), tone: 'later' };
}

/** Today in Helsinki (YYYY-MM-DD). */
export const helsinkiToday = (now: number = Date.now()) => helsinkiDateOf(new Date(now));
