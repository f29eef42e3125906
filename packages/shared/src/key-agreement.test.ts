import { describe, expect, it } from 'vitest';
import {
  allowedKeyAgreementEvents,
  holdsKeys,
  isFinalKeyAgreementState,
  KEY_AGREEMENT_EVENTS,
  KEY_AGREEMENT_STATES,
  keyAgreementTransition,
  type KeyAgreementEvent,
  type KeyAgreementState,
} from './key-agreement.ts';

// The whole table, written out independently of the implementation: every (state, event) pair not
// listed here must be refused.
const ALLOWED: [KeyAgreementState, KeyAgreementEvent, KeyAgreementState][] = [
  ['draft', 'sign', 'active'],
  ['draft', 'send_link', 'awaiting_signature'],
  ['draft', 'cancel', 'cancelled'],
  ['draft', 'request_signature', 'awaiting_signature'],
  ['awaiting_signature', 'request_signature', 'awaiting_signature'],
  ['awaiting_signature', 'request_ended', 'expired'],
  ['expired', 'request_signature', 'awaiting_signature'],
  ['awaiting_signature', 'sign', 'active'],
  ['awaiting_signature', 'resend_link', 'awaiting_signature'],
  ['awaiting_signature', 'decline', 'declined'],
  ['awaiting_signature', 'cancel', 'cancelled'],
  ['awaiting_signature', 'link_expired', 'expired'],
  ['expired', 'resend_link', 'awaiting_signature'],
  ['expired', 'cancel', 'cancelled'],
  ['active', 'return_some', 'partially_returned'],
  ['active', 'return_all', 'returned'],
  ['partially_returned', 'return_some', 'partially_returned'],
  ['partially_returned', 'return_all', 'returned'],
];

describe('key agreement state machine', () => {
  const pairs = KEY_AGREEMENT_STATES.flatMap((s) => KEY_AGREEMENT_EVENTS.map((e) => [s, e] as const));

  it.each(pairs)('%s + %s', (state, event) => {
    const expected = ALLOWED.find(([s, e]) => s === state && e === event);
    const result = keyAgreementTransition(state, event);
    if (expected) expect(result).toEqual({ ok: true, to: expected[2] });
    else expect(result.ok).toBe(false);
  });

  it('covers every pair of state and event', () => {
    expect(pairs).toHaveLength(KEY_AGREEMENT_STATES.length * KEY_AGREEMENT_EVENTS.length);
  });

  it('says why a refusal happened', () => {
    expect(keyAgreementTransition('returned', 'return_all')).toEqual({ ok: false, reason: 'final_state' });
    expect(keyAgreementTransition('active', 'cancel')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('knows the final states and which states hold keys', () => {
    expect(KEY_AGREEMENT_STATES.filter(isFinalKeyAgreementState)).toEqual([
      'returned',
      'cancelled',
      'declined',
    ]);
    expect(KEY_AGREEMENT_STATES.filter(holdsKeys)).toEqual([
      'draft',
      'awaiting_signature',
      'active',
      'partially_returned',
    ]);
  });

  it('lists the next possible actions', () => {
    expect(allowedKeyAgreementEvents('active')).toEqual(['return_some', 'return_all']);
    expect(allowedKeyAgreementEvents('declined')).toEqual([]);
  });
});
