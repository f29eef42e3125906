import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KeyAgreementEvent } from '@civic/shared/key-agreement';
import type { CurrentAgreement, ReturnKeys } from '@civic/shared/keys';
import { badRequest } from '../../../lib/errors.ts';
import { deliverSoon, enqueueEmail } from '../../mail/outbox.ts';
import { assertSite, siteScope } from '../access.ts';
import { actorOf } from '../inventory.ts';
import { RENTER_MAIL } from '../messages.ts';
import { assertTransition, recordReturn } from '../agreements/lifecycle.ts';
import * as agreements from '../agreements/repo.ts';
import { getAgreement, lockForStaff } from '../agreements/service.ts';
import { returnReceiptDocument } from '../documents/pdf.ts';
import { sealDocument, storeDocument } from '../documents/service.ts';
import { checkSignature } from '../signing/service.ts';
import * as repo from './repo.ts';

/** Take back some or all keys and mark keys lost; adds a return receipt and mails it to the renter. */
export async function returnKeys(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  body: ReturnKeys,
) {
  const lostIds = body.lostKeys.map((k) => k.keyId);
  if (!body.returnedKeyIds.length && !lostIds.length) {
    throw badRequest('Tick at least one key', [{ field: '/returnedKeyIds', message: 'required' }]);
  }
  if (lostIds.some((k) => body.returnedKeyIds.includes(k))) {
    throw badRequest('A key cannot be both returned and lost', [{ field: '/lostKeys', message: 'overlap' }]);
  }
  if (body.signature) checkSignature(body.signature);
  await app.db.transaction(async (tx) => {
    const agreement = await lockForStaff(request, tx, id);
    assertTransition(agreement, 'return_some');
    const actor = actorOf(request);
    const { parties, keys: agreementKeys } = await agreements.loadParties(tx, id);
    const out = new Map(agreementKeys.filter((k) => k.state === 'out').map((k) => [k.id, k]));
    const errors = [
      ...body.returnedKeyIds.map((k, i) => ({ k, f: `/returnedKeyIds/${i}` })),
      ...lostIds.map((k, i) => ({ k, f: `/lostKeys/${i}/keyId` })),
    ]
      .filter(({ k }) => !out.has(k))
      .map(({ f }) => ({ field: f, message: 'not_out_under_this_agreement' }));
    if (errors.length) throw badRequest('Some keys are not out under this agreement', errors);
    const remaining = out.size - body.returnedKeyIds.length - lostIds.length;
    const event = (remaining === 0 ? 'return_all' : 'return_some') satisfies KeyAgreementEvent;
    assertTransition(agreement, event);
    const now = new Date();
    await repo.markKeysReturned(tx, id, body.returnedKeyIds, actor, now);
    for (const lost of body.lostKeys) await repo.markKeyLost(tx, id, lost.keyId, lost.note, actor, now);
    const receivedBy = actor.actorUserId ? await agreements.userContact(tx, actor.actorUserId) : null;
    const receipt = await returnReceiptDocument({
      ...parties,
      staff: receivedBy?.name ?? actor.actorLabel,
      returned: body.returnedKeyIds.map((k) => out.get(k)!),
      lost: body.lostKeys.map((l) => ({ ...out.get(l.keyId)!, note: l.note })),
      returnedAt: now,
      signedName: body.signedName ?? null,
      signature: body.signature ?? null,
    });
    const pdf = await sealDocument(app, receipt, now);
    const doc = await storeDocument(
      tx,
      id,
      'return_receipt',
      `${agreement.number}-return-${now.toISOString().slice(0, 19).replace(/[:T]/g, '')}.pdf`,
      pdf,
    );
    await recordReturn(tx, agreement, event, actor, event === 'return_all' ? { returnedAt: now } : {}, {
      returned: body.returnedKeyIds.length,
      lost: lostIds.length,
      signed: !!body.signature,
      documentSha256: doc.sha256,
    });
    if (parties.renter.email) {
      const m = RENTER_MAIL[parties.language];
      await enqueueEmail(tx, !!app.config.SMTP_URL, {
        to: parties.renter.email,
        subject: m.receiptSubject(agreement.number),
        body: m.receiptBody(parties.renter.name, parties.site.name),
        attachmentDocumentId: doc.id,
        agreementId: id,
      });
    }
    await request.audit(
      {
        action: 'key_agreement.returned',
        targetType: 'key_agreement',
        targetId: id,
        metadata: { event, lost: lostIds.length },
      },
      tx,
    );
  });
  deliverSoon(app);
  return getAgreement(app, request, id, true);
}

/** The current agreements of a site, for taking keys back at the door (audited). */
export async function currentAgreements(
  app: FastifyInstance,
  request: FastifyRequest,
  siteId: string,
  q: string | undefined,
): Promise<CurrentAgreement[]> {
  const { db } = app;
  assertSite(await siteScope(db, request), siteId, 'Site');
  const rows = await repo.currentAgreementsAt(db, siteId, q?.trim() || undefined);
  const ids = rows.map((r) => r.id);
  const agreementKeys = await agreements.agreementKeysOf(db, ids);
  await request.audit({
    action: 'key_agreement.listed_current',
    targetType: 'site',
    targetId: siteId,
    purpose: 'key_return',
    metadata: { agreementIds: ids },
  });
  return rows.map((r) => ({
    ...r,
    signedAt: r.signedAt?.toISOString() ?? null,
    keys: agreementKeys
      .filter((k) => k.agreementId === r.id)
      .map(({ agreementId: _, returnedAt, ...k }) => ({
        ...k,
        returnedAt: returnedAt?.toISOString() ?? null,
      })),
  }));
}
