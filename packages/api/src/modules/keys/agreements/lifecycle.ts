import {
  holdsKeys,
  keyAgreementTransition,
  type KeyAgreementEvent,
  type KeyAgreementState,
} from '@civic/shared/key-agreement';
import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { emitWebhookEvent } from '../../webhooks/events.ts';
import {
  insertAgreementEvent,
  updateAgreement,
  type Actor,
  type AgreementChanges,
  type AgreementRow,
} from './repo.ts';

/**
 * Every change of an agreement's state goes through one of the functions below: the shared state
 * machine decides, the timeline records who did it. One function per kind of change, so whatever
 * must follow a signing, a return or a decline (a notification, a webhook) has one obvious place.
 */

export const SYSTEM: Actor = { actorUserId: null, actorLabel: 'system' };
export const renterActor = (name: string): Actor => ({ actorUserId: null, actorLabel: `renter: ${name}` });

export function invalidTransition(from: KeyAgreementState, event: KeyAgreementEvent): AppError {
  const result = keyAgreementTransition(from, event);
  const reason = result.ok ? 'not_allowed' : result.reason;
  return new AppError(
    409,
    'invalid_transition',
    reason === 'final_state'
      ? `The agreement is ${from}; nothing can change it any more`
      : `A ${from.replace('_', ' ')} agreement cannot take the action "${event}"`,
    { state: from, event },
  );
}

/** Refuses early, before any work, an event the agreement's state does not allow. */
export function assertTransition(agreement: AgreementRow, event: KeyAgreementEvent) {
  if (!keyAgreementTransition(agreement.state, event).ok) throw invalidTransition(agreement.state, event);
}

async function applyEvent(
  tx: Executor,
  agreement: AgreementRow,
  event: KeyAgreementEvent,
  actor: Actor,
  changes: AgreementChanges = {},
  details: Record<string, unknown> = {},
): Promise<KeyAgreementState> {
  const result = keyAgreementTransition(agreement.state, event);
  if (!result.ok) throw invalidTransition(agreement.state, event);
  const now = new Date();
  const ends = !holdsKeys(result.to) && result.to !== 'expired';
  await updateAgreement(tx, agreement.id, {
    ...changes,
    state: result.to,
    updatedAt: now,
    ...(ends ? { endedAt: now } : {}),
  });
  await insertAgreementEvent(tx, {
    agreementId: agreement.id,
    event,
    fromState: agreement.state,
    toState: result.to,
    details,
    ...actor,
  });
  return result.to;
}

/** A new draft: not a transition, the first line of the timeline. */
export async function recordCreated(
  tx: Executor,
  agreementId: string,
  actor: Actor,
  details: Record<string, unknown>,
) {
  await insertAgreementEvent(tx, { agreementId, event: 'created', toState: 'draft', details, ...actor });
}

/** Ids other systems get with a webhook (the renter and association are people and clubs: not sent). */
const webhookData = (agreement: AgreementRow) => ({ number: agreement.number, siteId: agreement.siteId });

/** The renter signed: draft or awaiting signature → active. */
export async function recordSigned(
  tx: Executor,
  agreement: AgreementRow,
  actor: Actor,
  changes: AgreementChanges,
  details: Record<string, unknown>,
) {
  const to = await applyEvent(tx, agreement, 'sign', actor, changes, details);
  await emitWebhookEvent(tx, 'key_agreement.signed', agreement.id, webhookData(agreement));
  return to;
}

/** A signing request went out (or a new one replaced the last): → awaiting signature. */
export function recordSigningRequested(
  tx: Executor,
  agreement: AgreementRow,
  event: 'send_link' | 'resend_link' | 'request_signature',
  actor: Actor,
  details: Record<string, unknown>,
) {
  return applyEvent(tx, agreement, event, actor, {}, details);
}

/** The renter declined, with a reason: → declined. */
export async function recordDeclined(tx: Executor, agreement: AgreementRow, actor: Actor, reason: string) {
  const to = await applyEvent(tx, agreement, 'decline', actor, { declineReason: reason });
  await emitWebhookEvent(tx, 'key_agreement.declined', agreement.id, webhookData(agreement));
  return to;
}

/** Staff (or the draft clock) called the agreement off before it was signed: → cancelled. */
export function recordCancelled(tx: Executor, agreement: AgreementRow, actor: Actor, reason: string) {
  return applyEvent(tx, agreement, 'cancel', actor, {}, { reason });
}

/** The signing request was not answered in time: → expired. */
export function recordExpired(tx: Executor, agreement: AgreementRow) {
  return applyEvent(tx, agreement, 'link_expired', SYSTEM);
}

/** The signing service ended the request unsigned (cancelled there, or out of time): → expired. */
export function recordRequestEnded(tx: Executor, agreement: AgreementRow, details: Record<string, unknown>) {
  return applyEvent(tx, agreement, 'request_ended', SYSTEM, {}, details);
}

/** Something about a signing request worth knowing, without a change of state. */
export async function recordSigningNote(
  tx: Executor,
  agreementId: string,
  event: 'signing_request_failed' | 'signed_after_withdrawal',
  actor: Actor,
  details: Record<string, unknown>,
) {
  await insertAgreementEvent(tx, { agreementId, event, details, ...actor });
}

/** Some keys (return_some) or the last ones (return_all) came back; other systems hear of the last. */
export async function recordReturn(
  tx: Executor,
  agreement: AgreementRow,
  event: 'return_some' | 'return_all',
  actor: Actor,
  changes: AgreementChanges,
  details: Record<string, unknown>,
) {
  const to = await applyEvent(tx, agreement, event, actor, changes, details);
  if (to === 'returned')
    await emitWebhookEvent(tx, 'key_agreement.returned', agreement.id, webhookData(agreement));
  return to;
}

/** A reminder to the renter: on the timeline, no change of state. */
export async function recordReminder(
  tx: Executor,
  agreementId: string,
  kind: 'due_soon' | 'overdue' | 'manual',
  actor: Actor,
  details: Record<string, unknown>,
) {
  await insertAgreementEvent(tx, { agreementId, event: `reminder_${kind}`, details, ...actor });
}
