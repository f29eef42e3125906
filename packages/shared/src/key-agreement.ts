import { Type } from 'typebox';

/**
 * Key agreement lifecycle (DOMAIN.md, module 1). The API refuses every transition this function
 * does not allow, with the reason it gives, so the rule lives in one place.
 *
 * A draft is signed on the site manager's device (→ active) or sent as a one-time link
 * (→ awaiting_signature). A link can be resent, declined, cancelled or left to expire; an expired
 * one can be resent or cancelled. Keys come back some at a time (→ partially_returned) or all
 * together (→ returned). Returned, cancelled and declined are final. A request to an outside
 * signing service (Visma Sign) follows the same path with its own events: request_signature sends
 * one (or a new one replacing the last), request_ended is the service ending it unsigned.
 */
export const KEY_AGREEMENT_STATES = [
  'draft',
  'awaiting_signature',
  'active',
  'partially_returned',
  'returned',
  'cancelled',
  'declined',
  'expired',
] as const;
export type KeyAgreementState = (typeof KEY_AGREEMENT_STATES)[number];
export const KeyAgreementStateSchema = Type.Enum(KEY_AGREEMENT_STATES);

export const KEY_AGREEMENT_EVENTS = [
  /** The renter signs on the site manager's device, or through the link. */
  'sign',
  /** A one-time signing link is e-mailed to the renter. */
  'send_link',
  /** A new link replaces an unused or expired one. */
  'resend_link',
  /** The renter declines, with a reason. */
  'decline',
  /** Staff call the agreement off before it is signed. */
  'cancel',
  /** The signing link was not used in time (a background job). */
  'link_expired',
  /** Some of the keys come back. */
  'return_some',
  /** The last keys come back. */
  'return_all',
  /** A request goes to an outside signing service, or a new one replaces the last. */
  'request_signature',
  /** The signing service ended the request unsigned (cancelled there, or it ran out of time). */
  'request_ended',
] as const;
export type KeyAgreementEvent = (typeof KEY_AGREEMENT_EVENTS)[number];

const TRANSITIONS: Record<KeyAgreementState, Partial<Record<KeyAgreementEvent, KeyAgreementState>>> = {
  draft: {
    sign: 'active',
    send_link: 'awaiting_signature',
    request_signature: 'awaiting_signature',
    cancel: 'cancelled',
  },
  awaiting_signature: {
    sign: 'active',
    resend_link: 'awaiting_signature',
    request_signature: 'awaiting_signature',
    decline: 'declined',
    cancel: 'cancelled',
    link_expired: 'expired',
    request_ended: 'expired',
  },
  expired: {
    resend_link: 'awaiting_signature',
    request_signature: 'awaiting_signature',
    cancel: 'cancelled',
  },
  active: { return_some: 'partially_returned', return_all: 'returned' },
  partially_returned: { return_some: 'partially_returned', return_all: 'returned' },
  returned: {},
  cancelled: {},
  declined: {},
};

export type TransitionResult =
  { ok: true; to: KeyAgreementState } | { ok: false; reason: 'final_state' | 'not_allowed' };

export function keyAgreementTransition(from: KeyAgreementState, event: KeyAgreementEvent): TransitionResult {
  const to = TRANSITIONS[from][event];
  if (to) return { ok: true, to };
  return { ok: false, reason: isFinalKeyAgreementState(from) ? 'final_state' : 'not_allowed' };
}

/** No event leaves these states. */
export function isFinalKeyAgreementState(state: KeyAgreementState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

/** While in these states the agreement's keys are out (or reserved for the renter) and cannot be lent again. */
export function holdsKeys(state: KeyAgreementState): boolean {
  return (
    state === 'draft' ||
    state === 'awaiting_signature' ||
    state === 'active' ||
    state === 'partially_returned'
  );
}

/** The events a user could trigger next, for showing only the actions that can work. */
export function allowedKeyAgreementEvents(from: KeyAgreementState): KeyAgreementEvent[] {
  return KEY_AGREEMENT_EVENTS.filter((e) => TRANSITIONS[from][e] !== undefined);
}
