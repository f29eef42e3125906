import type { FastifyInstance, FastifyRequest } from 'fastify';
import { helsinkiToday, type LostKey, type RekeyingDecision } from '@civic/shared/keys';
import { AppError, badRequest, notFound } from '../../../lib/errors.ts';
import { actorOf } from '../inventory.ts';
import * as repo from './repo.ts';

const cents = (euros: number | null | undefined) => (euros == null ? null : Math.round(euros * 100));

/** Lost keys with the doors they open and what was decided about each. */
export async function listLostKeys(app: FastifyInstance): Promise<LostKey[]> {
  const rows = await repo.lostKeyRows(app.db);
  const eventIds = rows.map((r) => r.lostEventId).filter((e): e is string => !!e);
  const [events, decisions] = await Promise.all([
    repo.lossEvents(app.db, eventIds),
    repo.decisionsFor(app.db, eventIds),
  ]);
  const eventById = new Map(events.map((e) => [e.id, e]));
  const decisionByEvent = new Map(decisions.map((d) => [d.lostEventId, d]));
  return rows.map((r) => {
    const event = r.lostEventId ? eventById.get(r.lostEventId) : undefined;
    const d = r.lostEventId ? decisionByEvent.get(r.lostEventId) : undefined;
    return {
      id: r.id,
      code: r.code,
      opens: r.opens,
      keySet: r.keySet,
      site: { id: r.siteId, name: r.siteName },
      lostAt: (event?.at ?? new Date(0)).toISOString(),
      note: r.note,
      agreementId: event?.agreementId ?? null,
      agreementNumber: event?.number ?? null,
      association: event?.association ?? null,
      rekeying: d
        ? {
            decision: d.decision,
            decidedBy: d.decidedBy,
            decidedAt: d.decidedAt.toISOString(),
            cost: d.costCents == null ? null : d.costCents / 100,
            locksChangedOn: d.locksChangedOn,
            note: d.note,
          }
        : null,
    };
  });
}

/**
 * Records (or corrects) the re-keying decision of a lost key: who decided is the caller. The date
 * the locks were changed may come later, with the same decision.
 */
export async function decideRekeying(
  app: FastifyInstance,
  request: FastifyRequest,
  keyId: string,
  body: RekeyingDecision,
): Promise<LostKey> {
  const user = request.requireUser();
  if (body.decision === 'accept_risk' && body.locksChangedOn) {
    throw badRequest('Accepting the risk changes no locks', [
      { field: '/locksChangedOn', message: 'only_with_rekey' },
    ]);
  }
  if (body.locksChangedOn && body.locksChangedOn > helsinkiToday()) {
    throw badRequest('The locks cannot have been changed in the future', [
      { field: '/locksChangedOn', message: 'in_the_future' },
    ]);
  }
  await app.db.transaction(async (tx) => {
    const key = await repo.lockKey(tx, keyId);
    if (!key) throw notFound('Key');
    if (key.status !== 'lost') throw new AppError(409, 'invalid_transition', `Key ${key.code} is not lost`);
    const loss = await repo.latestLoss(tx, keyId);
    if (!loss) throw new AppError(409, 'invalid_transition', `Key ${key.code} has no recorded loss`);
    const lostOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(loss.at);
    if (body.locksChangedOn && body.locksChangedOn < lostOn) {
      throw badRequest('The locks were changed before the key was lost', [
        { field: '/locksChangedOn', message: 'before_loss' },
      ]);
    }
    await repo.upsertDecision(tx, {
      lostEventId: loss.id,
      keyId,
      decision: body.decision,
      decidedBy: user.id,
      decidedAt: new Date(),
      costCents: cents(body.cost),
      locksChangedOn: body.locksChangedOn ?? null,
      note: body.note?.trim() || null,
    });
    await repo.insertKeyEvent(tx, {
      keyId,
      event:
        body.decision === 'rekey' ? (body.locksChangedOn ? 'rekeyed' : 'rekey_decided') : 'risk_accepted',
      note: body.note?.trim() || null,
      ...actorOf(request),
    });
    await request.audit(
      {
        action: 'key.rekeying_decided',
        targetType: 'key',
        targetId: keyId,
        metadata: {
          decision: body.decision,
          costCents: cents(body.cost),
          locksChangedOn: body.locksChangedOn,
        },
      },
      tx,
    );
  });
  return (await listLostKeys(app)).find((k) => k.id === keyId)!;
}
