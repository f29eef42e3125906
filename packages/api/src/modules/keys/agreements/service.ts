import type { FastifyInstance, FastifyRequest } from 'fastify';
import { holdsKeys, type KeyAgreementState } from '@civic/shared/key-agreement';
import { dueStatus, helsinkiToday, type KeyAgreement } from '@civic/shared/keys';
import type { Executor } from '../../../db/client.ts';
import { notFound } from '../../../lib/errors.ts';
import { assertSite, isKeyStaff, siteScope, type SiteScope } from '../access.ts';
import { listDocuments } from '../documents/repo.ts';
import { latestSigningRequest } from '../signing/repo.ts';
import * as repo from './repo.ts';

/** Site managers work with current agreements of their own sites; the archive is for key staff. */
export function assertVisible(
  scope: SiteScope,
  agreement: { siteId: string; state: KeyAgreementState },
  afterAction = false,
) {
  assertSite(scope, agreement.siteId, 'Key agreement');
  if (!afterAction && !scope.all && !holdsKeys(agreement.state) && agreement.state !== 'expired') {
    throw notFound('Key agreement');
  }
}

/** The agreement for a staff action, locked: 404 when it is not at one of the caller's sites. */
export async function lockForStaff(request: FastifyRequest, tx: Executor, id: string) {
  const agreement = await repo.lockAgreement(tx, id);
  if (!agreement) throw notFound('Key agreement');
  assertVisible(await siteScope(tx, request), agreement);
  return agreement;
}

/** 404 unless the caller may see the agreement; without building its detail. */
export async function assertAgreementVisible(app: FastifyInstance, request: FastifyRequest, id: string) {
  const agreement = await repo.agreementAccessRow(app.db, id);
  if (!agreement) throw notFound('Key agreement');
  assertVisible(await siteScope(app.db, request), agreement);
}

/**
 * One agreement as the caller may see it (audited). `afterAction`: answering the caller's own
 * change, which may just have ended the agreement.
 */
export async function getAgreement(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  afterAction = false,
): Promise<KeyAgreement> {
  const { db, config } = app;
  const staff = isKeyStaff(request);
  const { row, parties, keys: agreementKeys } = await repo.loadParties(db, id);
  assertVisible(await siteScope(db, request), row, afterAction);
  const [site, association, docs, link, timeline, handedOverBy, tpl, vendorRequest] = await Promise.all([
    repo.siteRef(db, row.siteId),
    repo.associationOf(db, row.associationId),
    listDocuments(db, id),
    repo.latestSigningLink(db, id),
    staff ? repo.timelineOf(db, id) : Promise.resolve(null),
    repo.userContact(db, row.handedOverBy),
    repo.templateVersion(db, row.templateId),
    latestSigningRequest(db, id),
  ]);
  await request.audit({
    action: 'key_agreement.viewed',
    targetType: 'key_agreement',
    targetId: id,
    purpose: staff ? 'key_archive' : 'key_lending',
  });
  const today = helsinkiToday();
  return {
    id,
    number: row.number,
    state: row.state,
    site,
    association,
    renter: {
      id: row.renterId,
      name: parties.renter.name,
      // A site manager recognises the renter by name; contact details are for the archive.
      email: staff ? parties.renter.email : null,
      phone: staff ? parties.renter.phone : null,
    },
    handedOverBy: { id: row.handedOverBy, name: handedOverBy!.name },
    keys: agreementKeys.map((k) => ({ ...k, returnedAt: k.returnedAt?.toISOString() ?? null })),
    language: row.language,
    templateVersion: tpl,
    text: row.text,
    expectedReturnDate: row.expectedReturnDate,
    dueStatus:
      row.state === 'active' || row.state === 'partially_returned'
        ? dueStatus(row.expectedReturnDate, today, config.KEY_DUE_SOON_DAYS)
        : null,
    signingMethod: row.signingMethod ?? null,
    signingLink: link
      ? {
          sentTo: staff ? link.sentTo : '',
          sentAt: link.createdAt.toISOString(),
          expiresAt: link.expiresAt.toISOString(),
          used: !!link.usedAt,
        }
      : null,
    signingRequest: vendorRequest
      ? {
          method: vendorRequest.provider,
          status: vendorRequest.status,
          sentTo: staff ? vendorRequest.invitee.email : '',
          sentAt: vendorRequest.createdAt.toISOString(),
          expiresAt: vendorRequest.expiresAt.toISOString(),
          lastCheckedAt: vendorRequest.lastCheckedAt?.toISOString() ?? null,
          problem: vendorRequest.lastError,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null,
    returnedAt: row.returnedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    declineReason: staff ? row.declineReason : null,
    anonymised: row.anonymisedAt !== null,
    documents: docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    ...(timeline ? { timeline: timeline.map((t) => ({ ...t, at: t.at.toISOString() })) } : {}),
  };
}
