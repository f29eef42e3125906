import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../../db/client.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../../plugins/app/audit.ts';
import { deliverSoon, enqueueEmail } from '../../mail/outbox.ts';
import { RENTER_MAIL, STAFF_MAIL } from '../messages.ts';
import { releaseKeys } from '../agreements/holdings.ts';
import { SYSTEM, recordRequestEnded, recordSigned, recordSigningNote } from '../agreements/lifecycle.ts';
import * as agreements from '../agreements/repo.ts';
import type { Actor, AgreementRow, Parties } from '../agreements/repo.ts';
import { formatHelsinkiTime, signedAgreementDocument } from '../documents/pdf.ts';
import { sealVendorDocument, sha256, storeDocument } from '../documents/service.ts';
import { signingProvider } from './providers/index.ts';
import { internationalPhone } from './providers/visma-sign/provider.ts';
import { SigningServiceError, type SigningRequestRef } from './providers/types.ts';
import * as repo from './repo.ts';

/**
 * Requests to an outside signing service (Visma Sign). The request is written down in the same
 * transaction as the agreement's change; the calls to the service happen outside any transaction,
 * right away and then from the `keys.signing-requests` job, which polls open requests with backoff
 * (the service has no callback). The renter's return link asks for a check at once.
 */

const LEASE_SECONDS = 120;
const FIRST_CHECK_SECONDS = 30;

export const hashToken = (token: string) => sha256(`signing-link:${token}`);

/**
 * The renter's return link for a request. Derived from the request id with the server's secret
 * rather than stored: the database keeps only its hash, yet a retry of the invitation (from the
 * job, after a restart) can still name the same link.
 */
export function returnToken(config: FastifyInstance['config'], requestId: string) {
  return createHmac('sha256', config.JWT_SECRET).update(`signing-return:${requestId}`).digest('base64url');
}
const returnUrl = (config: FastifyInstance['config'], requestId: string) =>
  `${config.PUBLIC_URL}/sign/${returnToken(config, requestId)}`;

/** Seconds until the next check: 30 s doubling per check or failure, up to the configured ceiling. */
export function nextCheckDelaySeconds(step: number, maxMinutes: number) {
  return Math.min(FIRST_CHECK_SECONDS * 2 ** Math.max(0, step), maxMinutes * 60);
}
const inSeconds = (s: number) => new Date(Date.now() + s * 1000);

/** Writes the request, its return link and the renter's notice; the service is called after the commit. */
export async function openVendorRequest(
  app: FastifyInstance,
  tx: Executor,
  agreement: AgreementRow,
  parties: Parties,
  keys: { code: string; opens: string }[],
  email: string,
) {
  const { config } = app;
  const pdf = await signedAgreementDocument({
    ...parties,
    keys,
    text: agreement.text,
    templateVersion: await agreements.templateVersion(tx, agreement.templateId),
    expectedReturnDate: agreement.expectedReturnDate,
    signedAt: null,
    signingMethod: 'visma_sign',
    signedName: null,
    signature: null,
  }).then((doc) => doc.save());
  const expiresAt = new Date(Date.now() + config.SIGNING_LINK_TTL_HOURS * 3600_000);
  const request = await repo.insertSigningRequest(tx, {
    agreementId: agreement.id,
    provider: 'visma_sign',
    status: 'sending',
    document: Buffer.from(pdf),
    documentName: `${LABEL[parties.language]} ${agreement.number}`,
    filename: `${agreement.number}.pdf`,
    invitee: {
      name: parties.renter.name,
      email,
      sms: internationalPhone(parties.renter.phone),
      language: parties.language,
    },
    expiresAt,
    nextCheckAt: new Date(),
  });
  // The return link: the renter's way back after signing at the service, and a status page.
  const url = returnUrl(config, request.id);
  await repo.insertSigningLink(tx, {
    agreementId: agreement.id,
    tokenHash: hashToken(returnToken(config, request.id)),
    sentTo: email,
    method: 'visma_sign',
    expiresAt,
  });
  const m = RENTER_MAIL[parties.language];
  await enqueueEmail(tx, !!config.SMTP_URL, {
    to: email,
    subject: m.strongSigningSubject(agreement.number),
    body: m.strongSigningBody(
      parties.renter.name,
      parties.site.name,
      url,
      formatHelsinkiTime(expiresAt, parties.language),
    ),
    agreementId: agreement.id,
  });
  return { request, expiresAt };
}

const LABEL = { fi: 'Avainsopimus', sv: 'Nyckelavtal', en: 'Key agreement' } as const;

const refOf = (r: repo.SigningRequestRow): SigningRequestRef => ({
  externalId: r.externalId,
  fileUploaded: r.fileUploaded,
  invitationId: r.invitationId,
});

export type ProcessOutcome =
  'none' | 'sent' | 'pending' | 'signed' | 'ended' | 'failed' | 'cancelled' | 'retry';

/** Claims the given request (or the next one due) and moves it one step with the service. */
export async function processSigningRequest(
  app: FastifyInstance,
  id: string | null = null,
): Promise<ProcessOutcome> {
  const row = await repo.claimSigningRequest(app.db, id, LEASE_SECONDS);
  if (!row) return 'none';
  try {
    if (row.status === 'sending') return await send(app, row);
    if (row.status === 'pending') return await check(app, row);
    return await withdraw(app, row);
  } catch (err) {
    return await failed(app, row, err);
  }
}

/** The job: every due request, one after the other, within one run. */
export async function runDueSigningRequests(app: FastifyInstance, limit = 100) {
  const counts: Partial<Record<ProcessOutcome, number>> = {};
  for (let i = 0; i < limit; i++) {
    const outcome = await processSigningRequest(app);
    if (outcome === 'none') break;
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

async function send(app: FastifyInstance, row: repo.SigningRequestRow): Promise<ProcessOutcome> {
  const provider = signingProvider(app.config, 'visma_sign');
  await provider.createRequest(
    {
      documentName: row.documentName,
      filename: row.filename,
      pdf: row.document ?? new Uint8Array(),
      invitee: row.invitee,
      returnUrl: returnUrl(app.config, row.id),
    },
    refOf(row),
    (ref) => repo.updateSigningRequest(app.db, row.id, ref),
  );
  await repo.releaseSigningRequest(app.db, row.id, {
    status: 'pending',
    document: null,
    failures: 0,
    lastError: null,
    lastCheckedAt: new Date(),
    vendorStatus: 'pending',
    nextCheckAt: inSeconds(FIRST_CHECK_SECONDS),
  });
  return 'sent';
}

async function check(app: FastifyInstance, row: repo.SigningRequestRow): Promise<ProcessOutcome> {
  const provider = signingProvider(app.config, 'visma_sign');
  const ref = refOf(row);
  const status = await provider.status(ref);
  const now = new Date();
  if (status.state === 'pending') {
    if (row.expiresAt <= now) {
      // Out of time: withdraw at the service first, so it cannot be signed after the keys are free.
      await provider.cancel(ref);
      const after = await provider.status(ref);
      if (after.state === 'signed') return completeVendorSigning(app, row, after);
      return endRequest(app, row, 'expired', after.vendorStatus);
    }
    await repo.releaseSigningRequest(app.db, row.id, {
      checks: row.checks + 1,
      failures: 0,
      lastError: null,
      lastCheckedAt: now,
      vendorStatus: status.vendorStatus,
      nextCheckAt: inSeconds(nextCheckDelaySeconds(row.checks + 1, app.config.VISMA_SIGN_POLL_MAX_MINUTES)),
    });
    return 'pending';
  }
  if (status.state === 'signed') return completeVendorSigning(app, row, status);
  return endRequest(app, row, status.reason, status.vendorStatus);
}

/** The service has the signed PDF: archive it (hashed, sealed), activate the agreement, mail the copy. */
async function completeVendorSigning(
  app: FastifyInstance,
  row: repo.SigningRequestRow,
  status: Extract<Awaited<ReturnType<ReturnType<typeof signingProvider>['status']>>, { state: 'signed' }>,
): Promise<ProcessOutcome> {
  const provider = signingProvider(app.config, 'visma_sign');
  const vendorPdf = await provider.fetchSignedDocument(refOf(row));
  const signedAt = status.evidence.signedAt ? new Date(status.evidence.signedAt) : new Date();
  const { pdf, vendorSignatures } = await sealVendorDocument(app, vendorPdf!, new Date());
  let mailed = false;
  await app.db.transaction(async (tx) => {
    const request = await repo.lockSigningRequest(tx, row.id);
    const agreement = await agreements.lockAgreement(tx, row.agreementId);
    if (!request || !agreement) return;
    const { parties } = await agreements.loadParties(tx, agreement.id);
    const signerName = status.evidence.signerName || parties.renter.name;
    const evidence = {
      ...status.evidence,
      signerName,
      signedAt: signedAt.toISOString(),
      vendorFileSha256: sha256(vendorPdf!),
      vendorSignatures,
    };
    const current = request.status === 'pending' && agreement.state === 'awaiting_signature';
    if (!current) {
      // Signed at the service after the agreement was cancelled or the request replaced: on record, no effect.
      await recordSigningNote(tx, agreement.id, 'signed_after_withdrawal', SYSTEM, evidence);
      await repo.releaseSigningRequest(tx, row.id, { status: 'signed', evidence, completedAt: new Date() });
      return;
    }
    const doc = await storeDocument(tx, agreement.id, 'signed_agreement', `${agreement.number}.pdf`, pdf);
    await recordSigned(
      tx,
      agreement,
      renterOrSystem(signerName),
      { signedAt, signingMethod: 'visma_sign', signedName: signerName },
      { method: 'visma_sign', documentSha256: doc.sha256, evidence },
    );
    await repo.revokeLinksOf(tx, agreement.id, 'link');
    await repo.releaseSigningRequest(tx, row.id, {
      status: 'signed',
      evidence,
      vendorStatus: status.vendorStatus,
      lastCheckedAt: new Date(),
      completedAt: new Date(),
    });
    if (parties.renter.email) {
      const m = RENTER_MAIL[parties.language];
      await enqueueEmail(tx, !!app.config.SMTP_URL, {
        to: row.invitee.email || parties.renter.email,
        subject: m.signedSubject(agreement.number),
        body: m.signedBody(parties.renter.name, parties.site.name),
        attachmentDocumentId: doc.id,
        agreementId: agreement.id,
      });
      mailed = true;
    }
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'key_agreement.signed',
      targetType: 'key_agreement',
      targetId: agreement.id,
      metadata: { method: 'visma_sign' },
    });
  });
  if (mailed) deliverSoon(app);
  return 'signed';
}

const renterOrSystem = (name: string): Actor => ({ actorUserId: null, actorLabel: `renter: ${name}` });

/** The service ended the request unsigned: the agreement expires and its keys go back on the shelf. */
async function endRequest(
  app: FastifyInstance,
  row: repo.SigningRequestRow,
  reason: 'cancelled' | 'deleted' | 'expired',
  vendorStatus: string,
): Promise<ProcessOutcome> {
  await app.db.transaction(async (tx) => {
    const request = await repo.lockSigningRequest(tx, row.id);
    const agreement = await agreements.lockAgreement(tx, row.agreementId);
    if (request?.status === 'pending' && agreement?.state === 'awaiting_signature') {
      await recordRequestEnded(tx, agreement, { method: 'visma_sign', reason, vendorStatus });
      await releaseKeys(tx, agreement.id, SYSTEM, `signing request ${reason} at Visma Sign`);
      await repo.revokeLinksOf(tx, agreement.id, 'visma_sign');
    }
    await repo.releaseSigningRequest(tx, row.id, {
      status: 'ended',
      vendorStatus,
      lastCheckedAt: new Date(),
      completedAt: new Date(),
    });
  });
  return 'ended';
}

async function withdraw(app: FastifyInstance, row: repo.SigningRequestRow): Promise<ProcessOutcome> {
  const provider = signingProvider(app.config, 'visma_sign');
  const ref = refOf(row);
  if (ref.externalId) {
    try {
      await provider.cancel(ref);
    } catch (err) {
      if (!(err instanceof SigningServiceError) || err.kind === 'transient' || err.kind === 'refused')
        throw err;
      // A document that cannot be cancelled may have been signed meanwhile: look before giving up.
      const status = await provider.status(ref).catch(() => null);
      if (status?.state === 'signed') return completeVendorSigning(app, row, status);
    }
  }
  await repo.releaseSigningRequest(app.db, row.id, {
    status: 'cancelled',
    document: null,
    lastCheckedAt: new Date(),
    completedAt: new Date(),
  });
  return 'cancelled';
}

/** A failed call: transient ones are retried with backoff, the others need a person. */
async function failed(
  app: FastifyInstance,
  row: repo.SigningRequestRow,
  err: unknown,
): Promise<ProcessOutcome> {
  const problem = err instanceof SigningServiceError ? err : null;
  const message = (err as Error).message?.slice(0, 500) ?? 'unknown error';
  const failures = row.failures + 1;
  const retry = !problem || problem.kind === 'transient' || row.status !== 'sending';
  if (problem?.kind === 'not_found' && row.status === 'pending') {
    return endRequest(app, row, 'deleted', 'not_found');
  }
  if (retry) {
    await repo.releaseSigningRequest(app.db, row.id, {
      failures,
      lastError: message,
      lastCheckedAt: new Date(),
      nextCheckAt: inSeconds(nextCheckDelaySeconds(failures, app.config.VISMA_SIGN_POLL_MAX_MINUTES)),
    });
    if (!problem) app.log.error({ err, signingRequest: row.id }, 'signing request failed');
    return 'retry';
  }
  // Refused or rejected while sending: nothing reached the renter; staff are told and decide.
  await app.db.transaction(async (tx) => {
    await repo.releaseSigningRequest(tx, row.id, {
      status: 'failed',
      failures,
      lastError: message,
      lastCheckedAt: new Date(),
      completedAt: new Date(),
    });
    const agreement = await agreements.lockAgreement(tx, row.agreementId);
    if (!agreement) return;
    await recordSigningNote(tx, agreement.id, 'signing_request_failed', SYSTEM, {
      method: 'visma_sign',
      problem: message,
      status: problem?.status ?? null,
    });
    const staff = await agreements.userContact(tx, agreement.handedOverBy);
    if (staff?.email) {
      const m = STAFF_MAIL[staff.language];
      await enqueueEmail(tx, !!app.config.SMTP_URL, {
        to: staff.email,
        subject: m.signingFailedSubject(agreement.number),
        body: m.signingFailedBody(agreement.number, message),
        agreementId: agreement.id,
      });
    }
  });
  deliverSoon(app);
  return 'failed';
}
