import { addMonths, daysBetween, minDate } from './dates.ts';

/**
 * The long-term care queue's rules (Elderly Services Act 980/2012 and the city's practice), pure so
 * the API, the staff app and the reports compute the same clock and the same order.
 */

// ---------------------------------------------------------------------------------------- urgency

/** Urgency classes, most urgent first. `urgent` care must start without delay (§18). */
export const URGENCY_CLASSES = ['urgent', 'high', 'normal'] as const;
export type UrgencyClass = (typeof URGENCY_CLASSES)[number];
export const urgencyRank = (u: UrgencyClass) => URGENCY_CLASSES.indexOf(u);

// ------------------------------------------------------------------------------------ entry states

export const ENTRY_STATUSES = [
  'queued',
  'offered',
  'interim',
  'placed',
  'withdrawn',
  'deceased',
  'placed_elsewhere',
] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
/** Still waiting: at most one such entry per client and service type (a database fact). */
export const OPEN_ENTRY_STATUSES = ['queued', 'offered', 'interim'] as const satisfies readonly EntryStatus[];
export const CLOSE_REASONS = ['withdrawn', 'deceased', 'placed_elsewhere'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const isOpenEntry = (s: EntryStatus) => (OPEN_ENTRY_STATUSES as readonly EntryStatus[]).includes(s);

export const ENTRY_EVENTS = ['offer', 'offer_ended', 'move_in', 'move_in_interim', 'close'] as const;
export type EntryEvent = (typeof ENTRY_EVENTS)[number];

/**
 * How an entry moves. An interim placement keeps the entry open (with its preferences and its
 * original decision date): an ended offer returns it to `interim` when the client already lives in
 * an interim place, to `queued` otherwise.
 */
export function entryTransition(
  from: EntryStatus,
  event: EntryEvent,
  ctx: { inInterimPlace: boolean; closeReason?: CloseReason },
): { ok: true; to: EntryStatus } | { ok: false } {
  const open = isOpenEntry(from);
  switch (event) {
    case 'offer':
      return from === 'queued' || from === 'interim' ? { ok: true, to: 'offered' } : { ok: false };
    case 'offer_ended':
      return from === 'offered' ? { ok: true, to: ctx.inInterimPlace ? 'interim' : 'queued' } : { ok: false };
    case 'move_in':
      return from === 'offered' ? { ok: true, to: 'placed' } : { ok: false };
    case 'move_in_interim':
      return from === 'offered' ? { ok: true, to: 'interim' } : { ok: false };
    case 'close':
      return open && ctx.closeReason ? { ok: true, to: ctx.closeReason } : { ok: false };
  }
}

// ------------------------------------------------------------------------------------ offer states

export const OFFER_STATUSES = [
  'proposed',
  'provider_confirmed',
  'accepted',
  'moved_in',
  'provider_declined',
  'client_declined',
  'expired',
  'cancelled',
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
/** An offer holding its vacancy: one per vacancy and one per queue entry at a time (database facts). */
export const LIVE_OFFER_STATUSES = [
  'proposed',
  'provider_confirmed',
  'accepted',
] as const satisfies readonly OfferStatus[];
export const isLiveOffer = (s: OfferStatus) => (LIVE_OFFER_STATUSES as readonly OfferStatus[]).includes(s);

export const OFFER_EVENTS = [
  'provider_confirm',
  'provider_decline',
  'client_accept',
  'client_decline',
  'expire',
  'move_in',
  'cancel',
] as const;
export type OfferEvent = (typeof OFFER_EVENTS)[number];

const OFFER_TRANSITIONS: Record<OfferStatus, Partial<Record<OfferEvent, OfferStatus>>> = {
  // The provider confirms it can take the client; the client may say no at any point before moving in.
  proposed: {
    provider_confirm: 'provider_confirmed',
    provider_decline: 'provider_declined',
    client_decline: 'client_declined',
    expire: 'expired',
    cancel: 'cancelled',
  },
  provider_confirmed: {
    provider_decline: 'provider_declined',
    client_accept: 'accepted',
    client_decline: 'client_declined',
    expire: 'expired',
    cancel: 'cancelled',
  },
  // Accepted: the place is held until the provider records the move-in (or the offer is cancelled).
  accepted: { move_in: 'moved_in', client_decline: 'client_declined', cancel: 'cancelled' },
  moved_in: {},
  provider_declined: {},
  client_declined: {},
  expired: {},
  cancelled: {},
};

export function offerTransition(
  from: OfferStatus,
  event: OfferEvent,
): { ok: true; to: OfferStatus } | { ok: false } {
  const to = OFFER_TRANSITIONS[from][event];
  return to ? { ok: true, to } : { ok: false };
}

export function allowedOfferEvents(from: OfferStatus): OfferEvent[] {
  return OFFER_EVENTS.filter((e) => OFFER_TRANSITIONS[from][e] !== undefined);
}

/** Who may cause an offer event: the provider through the portal, the city's coordinator, the system. */
export const OFFER_EVENT_ACTORS: Record<OfferEvent, 'provider' | 'coordinator' | 'system'> = {
  provider_confirm: 'provider',
  provider_decline: 'provider',
  client_accept: 'coordinator',
  client_decline: 'coordinator',
  expire: 'system',
  move_in: 'provider',
  cancel: 'coordinator',
};

// -------------------------------------------------------------------------------------- legal clock

/** Care must start within 3 months of the decision (§18); warnings at these days of waiting. */
export const GUARANTEE_MONTHS = 3;
export const WARNING_DAYS = 60;
export const CRITICAL_DAYS = 80;

export const CLOCK_STATES = ['within', 'warning', 'critical', 'overdue', 'outside_guarantee'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export interface ClockInput {
  decisionDate: string;
  /** When a refusal restarted the clock (a setting), the date it restarted from. */
  clockRestartedOn?: string | null;
  urgency: UrgencyClass;
  /** The client waits only for specific units: outside the 3-month guarantee. */
  onlyPreferredUnits: boolean;
  /** Today in Helsinki. */
  today: string;
  /** When the wait ended (move-in or closing); the clock stops there. */
  endedOn?: string | null;
}

export interface Clock {
  startDate: string;
  /** The last day care may start on within the guarantee; for urgent care the decision day. */
  dueDate: string;
  /** Days waited from the clock's start to today (or to the end of the wait). */
  daysWaiting: number;
  /** Days left until the due date (negative when overdue). */
  daysLeft: number;
  state: ClockState;
  /** For an ended wait: whether care started by the due date (null while waiting or outside). */
  metDeadline: boolean | null;
}

export function legalClock(input: ClockInput): Clock {
  const startDate =
    input.clockRestartedOn && input.clockRestartedOn > input.decisionDate
      ? input.clockRestartedOn
      : input.decisionDate;
  const dueDate = input.urgency === 'urgent' ? startDate : addMonths(startDate, GUARANTEE_MONTHS);
  const until = input.endedOn ? minDate(input.endedOn, input.today) : input.today;
  const daysWaiting = Math.max(0, daysBetween(startDate, until));
  const daysLeft = daysBetween(until, dueDate);
  const metDeadline = input.onlyPreferredUnits || !input.endedOn ? null : input.endedOn <= dueDate;
  let state: ClockState;
  if (input.onlyPreferredUnits) state = 'outside_guarantee';
  else if (until > dueDate) state = 'overdue';
  else if (input.urgency === 'urgent' || daysWaiting >= CRITICAL_DAYS) state = 'critical';
  else if (daysWaiting >= WARNING_DAYS) state = 'warning';
  else state = 'within';
  return { startDate, dueDate, daysWaiting, daysLeft, state, metDeadline };
}

/**
 * The cost clock: days a client ready to move has waited since the placement-ready date (to today or
 * to the end of the wait). Zero before the ready date.
 */
export function daysSinceReady(readyDate: string | null, today: string, endedOn?: string | null): number {
  if (!readyDate) return 0;
  const until = endedOn ? minDate(endedOn, today) : today;
  return Math.max(0, daysBetween(readyDate, until));
}

// --------------------------------------------------------------------------------------- queue order

export interface QueueOrderKey {
  urgency: UrgencyClass;
  decisionDate: string;
  /** A coordinator's manual change of the queue date (with a logged reason); wins over the decision date. */
  priorityDate?: string | null;
  /** Tie-breakers: who was entered first, then the id, so the order is total and stable. */
  createdAt: string;
  id: string;
}

export const queueDate = (k: Pick<QueueOrderKey, 'decisionDate' | 'priorityDate'>) =>
  k.priorityDate ?? k.decisionDate;

/** Queue order: urgency class first, then the queue date (first come, first served). */
export function compareQueueOrder(a: QueueOrderKey, b: QueueOrderKey): number {
  return (
    urgencyRank(a.urgency) - urgencyRank(b.urgency) ||
    queueDate(a).localeCompare(queueDate(b)) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

// ------------------------------------------------------------------------------------------- refusals

export interface RefusalState {
  refusalCount: number;
  clockRestartedOn: string | null;
  needsReassessment: boolean;
}

/**
 * A client's refusal of an offer. Only a refusal of a suitable offer counts: the first is recorded
 * with its reason (and restarts the legal clock when the setting says so), a second flags the entry
 * for reassessment of the client's needs.
 */
export function applyRefusal(
  state: RefusalState,
  refusal: { suitable: boolean; on: string; restartsClock: boolean },
): RefusalState & { counted: boolean; flaggedForReassessment: boolean } {
  if (!refusal.suitable) return { ...state, counted: false, flaggedForReassessment: false };
  const refusalCount = state.refusalCount + 1;
  const flagged = refusalCount >= 2 && !state.needsReassessment;
  return {
    refusalCount,
    clockRestartedOn: refusalCount === 1 && refusal.restartsClock ? refusal.on : state.clockRestartedOn,
    needsReassessment: state.needsReassessment || refusalCount >= 2,
    counted: true,
    flaggedForReassessment: flagged,
  };
}

// ------------------------------------------------------------------------------------ waiting places

export const WAITING_SETTINGS = [
  'home',
  'hospital',
  'short_term_care',
  'interim_placement',
  'other',
] as const;
export type WaitingSetting = (typeof WAITING_SETTINGS)[number];
/** Settings a coordinator enters; `interim_placement` is set by a move-in to an interim place. */
export const ENTERED_WAITING_SETTINGS = [
  'home',
  'hospital',
  'short_term_care',
  'other',
] as const satisfies readonly WaitingSetting[];
