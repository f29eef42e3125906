import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import type { Executor } from '../../../db/client.ts';
import { AppError, badRequest, notFound } from '../../../lib/errors.ts';
import { deliverSoon, enqueueEmail } from '../../mail/outbox.ts';
import { actorOf } from '../inventory.ts';
import { RENTER_MAIL } from '../messages.ts';
import { SYSTEM, recordReminder } from '../agreements/lifecycle.ts';
import * as agreements from '../agreements/repo.ts';
import type { Actor, AgreementRow } from '../agreements/repo.ts';
import { formatDate } from '../documents/pdf.ts';
import * as repo from './repo.ts';

const hasKeysOut = (a: AgreementRow | null): a is AgreementRow =>
  a?.state === 'active' || a?.state === 'partially_returned';

/** Queues a due-soon, overdue or manual reminder to the renter and records it on the timeline. */
async function queueReminder(
  app: FastifyInstance,
  tx: Executor,
  agreement: AgreementRow,
  actor: Actor,
  kind: 'due_soon' | 'overdue' | 'manual',
) {
  const { parties, keys: agreementKeys } = await agreements.loadParties(tx, agreement.id);
  if (!parties.renter.email) return false;
  const m = RENTER_MAIL[parties.language];
  const overdue = agreement.expectedReturnDate < helsinkiToday();
  await enqueueEmail(tx, !!app.config.SMTP_URL, {
    to: parties.renter.email,
    subject: overdue ? m.overdueSubject(agreement.number) : m.dueSoonSubject(agreement.number),
    body: m.reminderBody(
      parties.renter.name,
      parties.site.name,
      agreementKeys
        .filter((k) => k.state === 'out')
        .map((k) => k.code)
        .join(', '),
      formatDate(agreement.expectedReturnDate, parties.language),
      overdue,
    ),
    agreementId: agreement.id,
  });
  await recordReminder(tx, agreement.id, kind, actor, { overdue });
  return true;
}

/** A coordinator chases a renter now, outside the scheduled reminders. */
export async function remindRenter(app: FastifyInstance, request: FastifyRequest, id: string) {
  await app.db.transaction(async (tx) => {
    const agreement = await agreements.lockAgreement(tx, id);
    if (!agreement) throw notFound('Key agreement');
    if (!hasKeysOut(agreement)) {
      throw new AppError(409, 'invalid_transition', 'Only an agreement with keys out can be chased');
    }
    const sent = await queueReminder(app, tx, agreement, actorOf(request), 'manual');
    if (!sent) throw badRequest('The renter has no e-mail address');
    await request.audit({ action: 'key_agreement.reminded', targetType: 'key_agreement', targetId: id }, tx);
  });
  deliverSoon(app);
}

/** One due-soon and one overdue reminder per agreement, recorded so a rerun sends nothing twice. */
export async function sendDueReminders(app: FastifyInstance) {
  const today = helsinkiToday();
  const candidates = await repo.agreementsDueBy(app.db, addDays(today, app.config.KEY_DUE_SOON_DAYS));
  let sent = 0;
  for (const c of candidates) {
    const kind = c.expectedReturnDate < today ? 'overdue' : 'due_soon';
    await app.db.transaction(async (tx) => {
      const agreement = await agreements.lockAgreement(tx, c.id);
      if (!hasKeysOut(agreement)) return;
      if (await agreements.hasEvent(tx, c.id, `reminder_${kind}`)) return;
      if (await queueReminder(app, tx, agreement, SYSTEM, kind)) sent++;
    });
  }
  return { sent };
}
