import { OFFER_STATUSES, type OfferStatus } from '@civic/shared/care-queue';
import { daysBetween, helsinkiDateOf } from '@civic/shared/dates';
import type { PortalOffer } from '@civic/shared/queue';

/**
 * Where an offer stands for the provider: what waits for them, and by when. Pure, so the rules
 * are tested without a clock (`now` is passed in).
 */

/** The provider's turn: confirm or decline (`proposed`), or record the move-in (`accepted`). */
export const AWAITING_STATUSES = ['proposed', 'accepted'] as const satisfies readonly OfferStatus[];
export const OTHER_STATUSES = OFFER_STATUSES.filter((s) => !awaitsProvider(s));

export function awaitsProvider(status: OfferStatus): boolean {
  return (AWAITING_STATUSES as readonly OfferStatus[]).includes(status);
}

/** The inbox's choices: everything (those awaiting action first), only those, or one status. */
export type OfferFilter = 'all' | 'action' | OfferStatus;
export const OFFER_FILTERS: readonly OfferFilter[] = ['all', 'action', ...OFFER_STATUSES];

export function parseOfferFilter(value: string | null): OfferFilter {
  return OFFER_FILTERS.includes(value as OfferFilter) ? (value as OfferFilter) : 'all';
}

export function statusesOf(filter: Exclude<OfferFilter, 'all'>): OfferStatus[] {
  return filter === 'action' ? [...AWAITING_STATUSES] : [filter];
}

/** Under this, an answer due at a time of day is close (the answer window is a day by default). */
export const SOON_MS = 6 * 3_600_000;

export type DeadlineTone = 'overdue' | 'soon' | 'later' | 'info';

export type Deadline =
  | {
      /** The provider's answer (`answer`), or the client's, which the coordinator records (`client`). */
      kind: 'answer' | 'client';
      due: string;
      dueIsDate: false;
      /** Milliseconds left; negative when past. */
      left: number;
      tone: DeadlineTone;
    }
  | {
      /** The move-in, due on a Helsinki calendar day. */
      kind: 'moveIn';
      due: string;
      dueIsDate: true;
      /** Days left; 0 is today, negative when past. */
      left: number;
      tone: DeadlineTone;
    };

/** The deadline that matters now, or none for an offer that has ended. */
export function deadlineOf(offer: PortalOffer, now: Date): Deadline | null {
  switch (offer.status) {
    case 'proposed':
    case 'provider_confirmed': {
      const left = Date.parse(offer.responseDueAt) - now.getTime();
      const own = offer.status === 'proposed';
      // The client's deadline is for the coordinator to keep: shown, never as the provider's alarm.
      const tone: DeadlineTone = !own ? 'info' : left < 0 ? 'overdue' : left <= SOON_MS ? 'soon' : 'later';
      return { kind: own ? 'answer' : 'client', due: offer.responseDueAt, dueIsDate: false, left, tone };
    }
    case 'accepted': {
      if (!offer.moveInDueOn) return null;
      const left = daysBetween(helsinkiDateOf(now), offer.moveInDueOn);
      const tone: DeadlineTone = left < 0 ? 'overdue' : left <= 1 ? 'soon' : 'later';
      return { kind: 'moveIn', due: offer.moveInDueOn, dueIsDate: true, left, tone };
    }
    default:
      return null;
  }
}

/** When a deadline falls, as an instant, to put offers of both kinds in one order. */
function dueInstant(d: Deadline): number {
  // A day's deadline is its end in Helsinki (22:00 or 21:00 UTC); an hour either way orders the same.
  return d.dueIsDate ? Date.parse(`${d.due}T21:59:59Z`) : Date.parse(d.due);
}

/** Soonest deadline first (overdue ones at the top); offers without one last, newest first. */
export function byDeadline(now: Date) {
  return (a: PortalOffer, b: PortalOffer): number => {
    const da = deadlineOf(a, now);
    const db = deadlineOf(b, now);
    if (da && db) return dueInstant(da) - dueInstant(db);
    if (da || db) return da ? -1 : 1;
    return b.offeredAt.localeCompare(a.offeredAt);
  };
}

/**
 * A duration as "in 5 hours" / "2 days ago" in the language: minutes under an hour, hours under two
 * days, days beyond. Time left is rounded down, so a deadline never looks further off than it is.
 */
export function relativeTime(ms: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(ms);
  const sign = ms < 0 ? -1 : 1;
  if (abs < 3_600_000) return rtf.format(sign * Math.max(1, Math.floor(abs / 60_000)), 'minute');
  if (abs < 48 * 3_600_000) return rtf.format(sign * Math.floor(abs / 3_600_000), 'hour');
  return rtf.format(sign * Math.floor(abs / 86_400_000), 'day');
}

/** Days from today as "today", "tomorrow", "in 3 days", "2 days ago". */
export function relativeDays(days: number, locale: string): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
}

export const uiLocale = (lang: string) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);

/**
 * The offers waiting for the provider, as one query: the dashboard's section and the inbox's first
 * section share it (and its cache). A provider rarely has more; the inbox pages the rest.
 */
export const AWAITING_QUERY = { status: [...AWAITING_STATUSES], pageSize: 100 };
