import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KeyAgreementEvent } from '@civic/shared/key-agreement';
import {
  namesMatch,
  signatureProblem,
  type KeyAgreement,
  type RequestSignature,
  type SignAgreement,
  type Signature,
  type SigningMethod,
  type SigningMethodOption,
  type SigningView,
} from '@civic/shared/keys';
import type { Executor } from '../../../db/client.ts';
import { AppError, badRequest } from '../../../lib/errors.ts';
import { deliverSoon, enqueueEmail } from '../../mail/outbox.ts';
import { isKeyStaff } from '../access.ts';
import { actorOf } from '../inventory.ts';
import { RENTER_MAIL, STAFF_MAIL } from '../messages.ts';
import { releaseKeys, retakeKeys } from '../agreements/holdings.ts';
import {
  assertTransition,
  invalidTransition,
  recordDeclined,
  recordSigned,
  recordSigningRequested,
  renterActor,
} from '../agreements/lifecycle.ts';
import * as agreements from '../agreements/repo.ts';
import type { Actor, AgreementRow } from '../agreements/repo.ts';
import { getAgreement, lockForStaff } from '../agreements/service.ts';
import { formatHelsinkiTime, signedAgreementDocument } from '../documents/pdf.ts';
import { sealDocument, storeDocument } from '../documents/service.ts';
import * as repo from './repo.ts';
import { signingProvider, signingProviders } from './providers/index.ts';
import { hashToken, openVendorRequest, processSigningRequest } from './requests.ts';

/** The same rule as the form: an empty pad or a dot is not a signature. */
export function checkSignature(signature: Signature) {
  const problem = signatureProblem(signature);
  if (problem) {
    throw new AppError(
      422,
      'signature_invalid',
      {
        signature_empty: 'The signature is empty',
        signature_too_small: 'The signature is too small',
        signature_too_complex: 'The signature has too many points',
      }[problem],
      { errors: [{ field: '/signature', message: problem }] },
    );
  }
}

/**
 * Open signing requests of an agreement that is signed, cancelled or expires stop working: links at
 * once, requests at a signing service by the job (call `signingJobSoon` after the commit).
 */
export async function withdrawSigningRequests(tx: Executor, agreementId: string) {
  await repo.revokeOpenLinks(tx, agreementId);
  await repo.withdrawOpenRequests(tx, agreementId);
}

/** After a commit that opened or withdrew a request at a signing service: work on it now. */
export function signingJobSoon(app: FastifyInstance) {
  app.jobs.kick('keys.signing-requests');
}

/** The methods staff can choose when lending; a remote one only when it is configured. */
export function listSigningMethods(app: FastifyInstance): SigningMethodOption[] {
  return Object.values(signingProviders(app.config)).map((p) => ({
    method: p.method,
    available: p.configured,
    strongIdentification: p.strongIdentification,
  }));
}

export function assertMethodAvailable(app: FastifyInstance, method: SigningMethod, field = '/method') {
  if (!signingProvider(app.config, method).configured) {
    throw new AppError(409, 'signing_method_unavailable', `Signing by ${method} is not configured here`, {
      errors: [{ field, message: 'not_configured' }],
    });
  }
}

/**
 * Sends the agreement to be signed remotely: by one-time link (this product's page) or at Visma
 * Sign with strong identification. A new request replaces the last one.
 */
export async function requestSignature(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  body: RequestSignature,
): Promise<KeyAgreement> {
  if (body.method === 'link') return sendSigningLink(app, request, id, body.email);
  assertMethodAvailable(app, body.method);
  let requestId = '';
  await app.db.transaction(async (tx) => {
    const agreement = await lockForStaff(request, tx, id);
    assertTransition(agreement, 'request_signature');
    const { parties, keys } = await agreements.loadParties(tx, agreement.id);
    const to = body.email ?? parties.renter.email;
    if (!to) throw badRequest('The renter has no e-mail address', [{ field: '/email', message: 'required' }]);
    const actor = actorOf(request);
    if (agreement.state === 'expired') await retakeKeys(tx, agreement, actor, isKeyStaff(request));
    await withdrawSigningRequests(tx, agreement.id);
    const opened = await openVendorRequest(app, tx, agreement, parties, keys, to);
    requestId = opened.request.id;
    await agreements.updateAgreement(tx, agreement.id, { signingMethod: 'visma_sign' });
    await recordSigningRequested(tx, agreement, 'request_signature', actor, {
      method: 'visma_sign',
      expiresAt: opened.expiresAt.toISOString(),
    });
    await request.audit(
      {
        action: 'key_agreement.request_signature',
        targetType: 'key_agreement',
        targetId: id,
        metadata: { method: 'visma_sign' },
      },
      tx,
    );
  });
  deliverSoon(app);
  // Send to the service now, so staff see at once whether it went through; the job retries if not.
  await processSigningRequest(app, requestId);
  signingJobSoon(app);
  return getAgreement(app, request, id, true);
}

/** Signs: state → active, PDF with its hash stored, a copy queued to the renter; all in one transaction. */
async function completeSigning(
  app: FastifyInstance,
  tx: Executor,
  agreement: AgreementRow,
  body: SignAgreement,
  method: 'in_person' | 'link',
  actor: Actor,
  linkSentTo?: string,
) {
  const { parties, keys: agreementKeys } = await agreements.loadParties(tx, agreement.id);
  if (!namesMatch(parties.renter.name, body.confirmedName)) {
    throw badRequest('The confirmed name does not match the renter on the agreement', [
      { field: '/confirmedName', message: 'name_mismatch' },
    ]);
  }
  checkSignature(body.signature);
  const signedAt = new Date();
  const unsealed = await signedAgreementDocument({
    ...parties,
    keys: agreementKeys,
    text: agreement.text,
    templateVersion: await agreements.templateVersion(tx, agreement.templateId),
    expectedReturnDate: agreement.expectedReturnDate,
    signedAt,
    signingMethod: method,
    signedName: body.confirmedName.trim(),
    signature: body.signature,
  });
  const pdf = await sealDocument(app, unsealed, signedAt);
  const doc = await storeDocument(tx, agreement.id, 'signed_agreement', `${agreement.number}.pdf`, pdf);
  await recordSigned(
    tx,
    agreement,
    actor,
    { signedAt, signingMethod: method, signedName: body.confirmedName.trim(), signature: body.signature },
    {
      method,
      documentSha256: doc.sha256,
      evidence: {
        method,
        signerName: body.confirmedName.trim(),
        signedAt: signedAt.toISOString(),
        identification:
          method === 'in_person' ? 'drawn_signature_on_staff_device' : 'drawn_signature_by_one_time_link',
        // In person the site manager saw who signed; by link, whoever held the e-mailed link did.
        ...(method === 'in_person' ? { witnessedBy: parties.staff } : { linkSentTo: linkSentTo ?? null }),
        nameConfirmed: true,
      },
    },
  );
  await withdrawSigningRequests(tx, agreement.id);
  if (parties.renter.email) {
    const m = RENTER_MAIL[parties.language];
    await enqueueEmail(tx, !!app.config.SMTP_URL, {
      to: parties.renter.email,
      subject: m.signedSubject(agreement.number),
      body: m.signedBody(parties.renter.name, parties.site.name),
      attachmentDocumentId: doc.id,
      agreementId: agreement.id,
    });
  }
}

/** The renter signs on the site manager's device. */
export async function signInPerson(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  body: SignAgreement,
): Promise<KeyAgreement> {
  await app.db.transaction(async (tx) => {
    const agreement = await lockForStaff(request, tx, id);
    if (agreement.state !== 'draft' && agreement.state !== 'awaiting_signature')
      throw invalidTransition(agreement.state, 'sign');
    await completeSigning(app, tx, agreement, body, 'in_person', actorOf(request));
    await request.audit(
      {
        action: 'key_agreement.signed',
        targetType: 'key_agreement',
        targetId: id,
        metadata: { method: 'in_person' },
      },
      tx,
    );
  });
  deliverSoon(app);
  signingJobSoon(app);
  return getAgreement(app, request, id, true);
}

async function issueLink(
  app: FastifyInstance,
  tx: Executor,
  agreement: AgreementRow,
  email: string,
  actor: Actor,
  event: 'send_link' | 'resend_link',
  withRenter: boolean,
) {
  const { config } = app;
  // The keys went back to the shelf on expiry; resending takes them again if still free.
  if (agreement.state === 'expired') await retakeKeys(tx, agreement, actor, withRenter);
  await withdrawSigningRequests(tx, agreement.id);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.SIGNING_LINK_TTL_HOURS * 3600_000);
  await repo.insertSigningLink(tx, {
    agreementId: agreement.id,
    tokenHash: hashToken(token),
    sentTo: email,
    expiresAt,
  });
  await recordSigningRequested(tx, agreement, event, actor, { expiresAt: expiresAt.toISOString() });
  const { parties } = await agreements.loadParties(tx, agreement.id);
  const m = RENTER_MAIL[parties.language];
  await enqueueEmail(tx, !!config.SMTP_URL, {
    to: email,
    subject: m.linkSubject(agreement.number),
    body: m.linkBody(
      parties.renter.name,
      parties.site.name,
      `${config.PUBLIC_URL}/sign/${token}`,
      formatHelsinkiTime(expiresAt, parties.language),
    ),
    agreementId: agreement.id,
  });
  return token;
}

/** E-mail a one-time signing link, or a new one replacing the last. */
export async function sendSigningLink(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  email: string | undefined,
) {
  await app.db.transaction(async (tx) => {
    const agreement = await lockForStaff(request, tx, id);
    const event: KeyAgreementEvent = agreement.state === 'draft' ? 'send_link' : 'resend_link';
    assertTransition(agreement, event);
    const renter = await agreements.renterOf(tx, agreement.renterId);
    const to = email ?? renter.email;
    if (!to) throw badRequest('The renter has no e-mail address', [{ field: '/email', message: 'required' }]);
    await issueLink(app, tx, agreement, to, actorOf(request), event, isKeyStaff(request));
    await request.audit({ action: `key_agreement.${event}`, targetType: 'key_agreement', targetId: id }, tx);
  });
  deliverSoon(app);
  signingJobSoon(app);
  return getAgreement(app, request, id, true);
}

/** The agreement behind a signing link, if the link can still be used; otherwise why not. */
async function lockByToken(tx: Executor, token: string) {
  const link = await repo.lockLinkByTokenHash(tx, hashToken(token));
  if (!link) throw new AppError(404, 'link_unusable', 'No such signing link', { reason: 'unknown' });
  if (link.method !== 'link') {
    throw new AppError(409, 'invalid_transition', 'This agreement is signed at Visma Sign, not on this page');
  }
  const agreement = await agreements.lockAgreement(tx, link.agreementId);
  const reason = link.usedAt
    ? 'used'
    : link.revokedAt || agreement?.state === 'cancelled'
      ? 'cancelled'
      : link.expiresAt <= new Date() || agreement?.state === 'expired'
        ? 'expired'
        : agreement?.state !== 'awaiting_signature'
          ? 'used'
          : null;
  if (reason) {
    const messages = {
      used: 'This link has already been used',
      cancelled: 'This agreement was cancelled or the link replaced by a newer one',
      expired: 'This link has expired',
    };
    throw new AppError(410, 'link_unusable', messages[reason], { reason });
  }
  return { link, agreement: agreement! };
}

/**
 * The return link of a request at Visma Sign: checks at once with the service (the renter comes
 * back right after signing), then tells where the signing stands.
 */
async function vendorLinkView(app: FastifyInstance, request: FastifyRequest, link: SigningLinkRow) {
  const agreementNow = () => agreements.lockAgreement(app.db, link.agreementId);
  let agreement = await agreementNow();
  const gone = (reason: 'cancelled' | 'expired', message: string) =>
    new AppError(410, 'link_unusable', message, { reason });
  if (!agreement || link.revokedAt || agreement.state === 'cancelled')
    throw gone('cancelled', 'This agreement was cancelled or the link replaced by a newer one');
  if (agreement.state === 'awaiting_signature') {
    // The route's rate limit bounds how often a renter can make the product ask the service.
    const open = await repo.latestSigningRequest(app.db, agreement.id);
    if (open && (open.status === 'pending' || open.status === 'sending')) {
      await processSigningRequest(app, open.id);
      agreement = await agreementNow();
    }
  }
  if (!agreement) throw gone('cancelled', 'This agreement was cancelled');
  const signed = agreement.signingMethod === 'visma_sign' && agreement.signedAt !== null;
  if (!signed && (agreement.state !== 'awaiting_signature' || link.expiresAt <= new Date()))
    throw gone('expired', 'This signing request has ended');
  const { parties, keys: agreementKeys } = await agreements.loadParties(app.db, agreement.id);
  await request.audit({
    action: 'key_agreement.viewed_by_renter',
    targetType: 'key_agreement',
    targetId: agreement.id,
  });
  return {
    ...viewOf(agreement, parties, agreementKeys, link.expiresAt),
    method: 'visma_sign' as const,
    status: signed ? ('signed' as const) : ('awaiting_signature' as const),
  };
}

type SigningLinkRow = NonNullable<Awaited<ReturnType<typeof repo.lockLinkByTokenHash>>>;

function viewOf(
  agreement: AgreementRow,
  parties: agreements.Parties,
  agreementKeys: { code: string; opens: string }[],
  expiresAt: Date,
): SigningView {
  return {
    number: agreement.number,
    site: parties.site,
    association: parties.association.name,
    renterName: parties.renter.name,
    handedOverBy: parties.staff,
    keys: agreementKeys.map((k) => ({ code: k.code, opens: k.opens })),
    language: agreement.language,
    text: agreement.text,
    createdAt: agreement.createdAt.toISOString(),
    expectedReturnDate: agreement.expectedReturnDate,
    expiresAt: expiresAt.toISOString(),
  };
}

/** What the renter sees through their one-time link (audited). */
export async function signingView(
  app: FastifyInstance,
  request: FastifyRequest,
  token: string,
): Promise<SigningView> {
  const vendorLink = await repo.lockLinkByTokenHash(app.db, hashToken(token));
  if (vendorLink?.method === 'visma_sign') return vendorLinkView(app, request, vendorLink);
  const { link, agreement } = await app.db.transaction((tx) => lockByToken(tx, token));
  const { parties, keys: agreementKeys } = await agreements.loadParties(app.db, agreement.id);
  await request.audit({
    action: 'key_agreement.viewed_by_renter',
    targetType: 'key_agreement',
    targetId: agreement.id,
  });
  return { ...viewOf(agreement, parties, agreementKeys, link.expiresAt), method: 'link' };
}

export async function signByLink(
  app: FastifyInstance,
  request: FastifyRequest,
  token: string,
  body: SignAgreement,
) {
  await app.db.transaction(async (tx) => {
    const { link, agreement } = await lockByToken(tx, token);
    const renter = await agreements.renterOf(tx, agreement.renterId);
    await completeSigning(app, tx, agreement, body, 'link', renterActor(renter.name), link.sentTo);
    await repo.markLinkUsed(tx, link.id);
    await request.audit(
      {
        action: 'key_agreement.signed',
        targetType: 'key_agreement',
        targetId: agreement.id,
        metadata: { method: 'link' },
      },
      tx,
    );
  });
  deliverSoon(app);
  return { signed: true as const };
}

/** The renter declines through the link; the site manager who prepared it is told. */
export async function declineByLink(
  app: FastifyInstance,
  request: FastifyRequest,
  token: string,
  reason: string,
) {
  await app.db.transaction(async (tx) => {
    const { link, agreement } = await lockByToken(tx, token);
    const renter = await agreements.renterOf(tx, agreement.renterId);
    const actor = renterActor(renter.name);
    await recordDeclined(tx, agreement, actor, reason);
    await repo.markLinkUsed(tx, link.id);
    await releaseKeys(tx, agreement.id, actor, 'renter declined');
    // In their own language, so the keys stay put.
    const staff = await agreements.userContact(tx, agreement.handedOverBy);
    if (staff?.email) {
      const m = STAFF_MAIL[staff.language];
      await enqueueEmail(tx, !!app.config.SMTP_URL, {
        to: staff.email,
        subject: m.declinedSubject(agreement.number),
        body: m.declinedBody(agreement.number, renter.name, reason),
        agreementId: agreement.id,
      });
    }
    await request.audit(
      { action: 'key_agreement.declined', targetType: 'key_agreement', targetId: agreement.id },
      tx,
    );
  });
  deliverSoon(app);
  return { declined: true as const };
}
