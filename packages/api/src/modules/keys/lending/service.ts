import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '@civic/shared/common';
import { defaultExpectedReturnDate, helsinkiToday, type CreateKeyAgreement } from '@civic/shared/keys';
import { AppError, badRequest, notFound } from '../../../lib/errors.ts';
import { assertSite, isKeyStaff, siteScope } from '../access.ts';
import { actorOf, currentTemplate, inventoryService } from '../inventory.ts';
import { releaseKeys, takeKeys } from '../agreements/holdings.ts';
import { recordCancelled, recordCreated } from '../agreements/lifecycle.ts';
import { getAgreement, lockForStaff } from '../agreements/service.ts';
import { assertMethodAvailable, signingJobSoon, withdrawSigningRequests } from '../signing/service.ts';
import * as repo from './repo.ts';

/** Lend keys: a draft agreement that holds the keys until it is signed or cancelled. */
export async function lendKeys(app: FastifyInstance, request: FastifyRequest, body: CreateKeyAgreement) {
  const { db, config } = app;
  const user = request.requireUser();
  const actor = actorOf(request);
  const scope = await siteScope(db, request);
  assertSite(scope, body.siteId, 'Site');
  const site = await repo.findSite(db, body.siteId);
  if (!site) throw notFound('Site');
  const template = await currentTemplate(db, site.department);
  if (!template) {
    throw new AppError(
      409,
      'conflict',
      `There is no agreement template for ${site.department}; a key coordinator must add one`,
    );
  }
  const today = helsinkiToday();
  const expectedReturnDate =
    body.expectedReturnDate ?? defaultExpectedReturnDate(today, config.KEY_SEASON_END);
  if (expectedReturnDate < today) {
    throw badRequest('The expected return date is in the past', [
      { field: '/expectedReturnDate', message: 'in_the_past' },
    ]);
  }
  const language: Language = body.language ?? 'fi';
  if (body.signingMethod) assertMethodAvailable(app, body.signingMethod, '/signingMethod');
  const inventory = inventoryService(app);
  const id = await db.transaction(async (tx) => {
    const association =
      'id' in body.association
        ? await repo.findAssociationId(tx, body.association.id)
        : await inventory.createAssociation(request, body.association, tx);
    if (!association)
      throw badRequest('Unknown association', [{ field: '/association/id', message: 'unknown' }]);
    let renterId: string;
    if ('id' in body.renter) {
      const renter = await repo.findActiveRenterId(tx, body.renter.id);
      if (!renter) throw badRequest('Unknown renter', [{ field: '/renter/id', message: 'unknown' }]);
      renterId = renter.id;
    } else {
      renterId = await repo.insertRenter(tx, {
        ...body.renter,
        name: body.renter.name.trim(),
        associationId: association.id,
      });
    }
    const row = await repo.insertAgreement(tx, {
      number: await repo.nextAgreementNumber(tx, today.slice(0, 4)),
      siteId: site.id,
      associationId: association.id,
      renterId,
      handedOverBy: user.id,
      templateId: template.id,
      language,
      text: template.texts[language],
      expectedReturnDate,
      signingMethod: body.signingMethod ?? null,
    });
    await takeKeys(tx, row.id, site.id, body.keyIds, actor, isKeyStaff(request));
    await recordCreated(tx, row.id, actor, { keys: body.keyIds.length, templateVersion: template.version });
    await request.audit(
      {
        action: 'key_agreement.created',
        targetType: 'key_agreement',
        targetId: row.id,
        metadata: { siteId: site.id },
      },
      tx,
    );
    return row.id;
  });
  return getAgreement(app, request, id, true);
}

/** Staff call an unsigned agreement off: its keys go back on the shelf, open requests die. */
export async function cancelAgreement(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  reason: string,
) {
  await app.db.transaction(async (tx) => {
    const agreement = await lockForStaff(request, tx, id);
    const actor = actorOf(request);
    await recordCancelled(tx, agreement, actor, reason);
    await releaseKeys(tx, id, actor, 'agreement cancelled');
    await withdrawSigningRequests(tx, id);
    await request.audit({ action: 'key_agreement.cancelled', targetType: 'key_agreement', targetId: id }, tx);
  });
  signingJobSoon(app);
  return getAgreement(app, request, id, true);
}
