import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Language } from '@civic/shared/common';
import {
  holdsKeys,
  keyAgreementTransition,
  type KeyAgreementEvent,
  type KeyAgreementState,
} from '@civic/shared/key-agreement';
import {
  defaultExpectedReturnDate,
  dueStatus,
  helsinkiToday,
  namesMatch,
  signatureProblem,
  type CreateKeyAgreement,
  type CurrentAgreement,
  type KeyAgreement,
  type ReturnKeys,
  type SignAgreement,
  type Signature,
  type SigningView,
} from '@civic/shared/keys';
import type { Db, Executor } from '../../db/client.ts';
import {
  associations,
  keyAgreementDocuments,
  keyAgreementEvents,
  keyAgreementKeys,
  keyAgreements,
  keyEvents,
  keys,
  renters,
  signingLinks,
  sites,
  users,
} from '../../db/schema/index.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../plugins/app/audit.ts';
import { assertSite, isKeyStaff, siteScope, type SiteScope } from './access.ts';
import { actorOf, currentTemplate, holdersOf, inventoryService } from './inventory.ts';
import { formatDate, formatHelsinkiTime, returnReceiptPdf, signedAgreementPdf } from './pdf.ts';
import { RENTER_MAIL, STAFF_MAIL } from './messages.ts';

type AgreementRow = typeof keyAgreements.$inferSelect;
export type Actor = { actorUserId: string | null; actorLabel: string };

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function invalidTransition(from: KeyAgreementState, event: KeyAgreementEvent): AppError {
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

/** Applies one state-machine event: the shared rule decides, the timeline records who did it. */
async function applyEvent(
  tx: Executor,
  agreement: AgreementRow,
  event: KeyAgreementEvent,
  actor: Actor,
  changes: Partial<typeof keyAgreements.$inferInsert> = {},
  details: Record<string, unknown> = {},
): Promise<KeyAgreementState> {
  const result = keyAgreementTransition(agreement.state, event);
  if (!result.ok) throw invalidTransition(agreement.state, event);
  const now = new Date();
  const ends = !holdsKeys(result.to) && result.to !== 'expired';
  await tx
    .update(keyAgreements)
    .set({ ...changes, state: result.to, updatedAt: now, ...(ends ? { endedAt: now } : {}) })
    .where(eq(keyAgreements.id, agreement.id));
  await tx.insert(keyAgreementEvents).values({
    agreementId: agreement.id,
    event,
    fromState: agreement.state,
    toState: result.to,
    details,
    ...actor,
  });
  return result.to;
}

async function lockAgreement(tx: Executor, id: string) {
  const [row] = await tx.select().from(keyAgreements).where(eq(keyAgreements.id, id)).for('update');
  return row ?? null;
}

/**
 * Takes keys for an agreement: locks them in id order (no deadlocks between two lenders), refuses
 * any that is not available and says who holds it, then marks them lent. The partial unique index
 * on key_agreement_keys backs this up in the database.
 */
async function takeKeys(
  tx: Executor,
  agreementId: string,
  siteId: string,
  keyIds: string[],
  actor: Actor,
  withRenter: boolean,
) {
  const rows = await tx
    .select()
    .from(keys)
    .where(inArray(keys.id, keyIds))
    .orderBy(asc(keys.id))
    .for('update');
  const fieldErrors = keyIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !rows.some((r) => r.id === id && r.siteId === siteId))
    .map(({ i }) => ({ field: `/keyIds/${i}`, message: 'unknown_key_at_site' }));
  if (fieldErrors.length) throw badRequest('Some keys do not belong to this site', fieldErrors);
  const unavailable = rows.filter((r) => r.status !== 'available');
  if (unavailable.length) {
    const holders = await holdersOf(
      tx,
      unavailable.map((r) => r.id),
      withRenter,
    );
    const keysOut = unavailable.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      holder: holders.get(r.id) ?? null,
    }));
    const describe = keysOut
      .map((k) =>
        k.holder
          ? `${k.code} is lent to ${k.holder.association}${k.holder.renter ? ` (${k.holder.renter})` : ''} under ${k.holder.agreementNumber}`
          : `${k.code} is ${k.status}`,
      )
      .join('; ');
    throw new AppError(409, 'key_unavailable', describe, { keys: keysOut });
  }
  await tx.update(keys).set({ status: 'lent', updatedAt: new Date() }).where(inArray(keys.id, keyIds));
  await tx
    .insert(keyAgreementKeys)
    .values(keyIds.map((keyId) => ({ agreementId, keyId, state: 'out' as const, holding: true })))
    .onConflictDoUpdate({
      target: [keyAgreementKeys.agreementId, keyAgreementKeys.keyId],
      set: { state: 'out', holding: true, returnedAt: null },
    });
  await tx.insert(keyEvents).values(keyIds.map((keyId) => ({ keyId, event: 'lent', agreementId, ...actor })));
}

/** Gives back every key an agreement still holds (cancel, decline, expiry): they were never used. */
async function releaseKeys(tx: Executor, agreementId: string, actor: Actor, why: string) {
  const held = await tx
    .update(keyAgreementKeys)
    .set({ holding: false, state: 'released' })
    .where(and(eq(keyAgreementKeys.agreementId, agreementId), eq(keyAgreementKeys.holding, true)))
    .returning({ keyId: keyAgreementKeys.keyId });
  if (!held.length) return;
  const ids = held.map((h) => h.keyId);
  await tx
    .update(keys)
    .set({ status: 'available', updatedAt: new Date() })
    .where(and(inArray(keys.id, ids), eq(keys.status, 'lent')));
  await tx
    .insert(keyEvents)
    .values(ids.map((keyId) => ({ keyId, event: 'released', agreementId, note: why, ...actor })));
}

async function revokeOpenLinks(tx: Executor, agreementId: string) {
  await tx
    .update(signingLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(signingLinks.agreementId, agreementId),
        isNull(signingLinks.usedAt),
        isNull(signingLinks.revokedAt),
      ),
    );
}

/** Everything the documents and e-mails print about an agreement. */
async function loadParties(tx: Executor, id: string) {
  const [row] = await tx
    .select({
      a: keyAgreements,
      siteName: sites.name,
      siteAddress: sites.address,
      associationName: associations.name,
      businessId: associations.businessId,
      renterName: renters.name,
      renterEmail: renters.email,
      renterPhone: renters.phone,
      staff: users.displayName,
    })
    .from(keyAgreements)
    .innerJoin(sites, eq(sites.id, keyAgreements.siteId))
    .innerJoin(associations, eq(associations.id, keyAgreements.associationId))
    .innerJoin(renters, eq(renters.id, keyAgreements.renterId))
    .innerJoin(users, eq(users.id, keyAgreements.handedOverBy))
    .where(eq(keyAgreements.id, id));
  if (!row) throw notFound('Key agreement');
  const agreementKeys = await tx
    .select({
      id: keys.id,
      code: keys.code,
      opens: keys.opens,
      state: keyAgreementKeys.state,
      returnedAt: keyAgreementKeys.returnedAt,
    })
    .from(keyAgreementKeys)
    .innerJoin(keys, eq(keys.id, keyAgreementKeys.keyId))
    .where(eq(keyAgreementKeys.agreementId, id))
    .orderBy(asc(keys.code));
  return {
    row: row.a,
    parties: {
      id: row.a.id,
      number: row.a.number,
      language: row.a.language,
      site: { name: row.siteName, address: row.siteAddress },
      association: { name: row.associationName, businessId: row.businessId },
      renter: { name: row.renterName, email: row.renterEmail, phone: row.renterPhone },
      staff: row.staff,
    },
    keys: agreementKeys,
  };
}

async function storeDocument(
  tx: Executor,
  agreementId: string,
  kind: 'signed_agreement' | 'return_receipt',
  filename: string,
  pdf: Uint8Array,
) {
  const buffer = Buffer.from(pdf);
  const [doc] = await tx
    .insert(keyAgreementDocuments)
    .values({ agreementId, kind, filename, pdf: buffer, sha256: sha256(buffer) })
    .returning({ id: keyAgreementDocuments.id, sha256: keyAgreementDocuments.sha256 });
  return doc!;
}

function checkSignature(signature: Signature) {
  const problem = signatureProblem(signature);
  if (problem) {
    throw new AppError(
      422,
      'signature_invalid',
      problem === 'signature_empty' ? 'The signature is empty' : 'The signature is too small',
      {
        errors: [{ field: '/signature', message: problem }],
      },
    );
  }
}

/** Site managers work with current agreements of their own sites; the archive is for key staff. */
function assertVisible(
  scope: SiteScope,
  agreement: { siteId: string; state: KeyAgreementState },
  afterAction = false,
) {
  assertSite(scope, agreement.siteId, 'Key agreement');
  if (!afterAction && !scope.all && !holdsKeys(agreement.state) && agreement.state !== 'expired') {
    throw notFound('Key agreement');
  }
}

const hashToken = (token: string) => sha256(`signing-link:${token}`);

export function agreementsService(app: FastifyInstance) {
  const { db, config } = app;
  const smtp = !!config.SMTP_URL;
  const inventory = inventoryService(app);

  const afterCommitMail = () => {
    if (smtp) app.jobs.kick('mail.deliver');
  };

  /** Signs: state → active, PDF with its hash stored, a copy queued to the renter; all in one transaction. */
  async function sign(
    tx: Executor,
    agreement: AgreementRow,
    body: SignAgreement,
    method: 'in_person' | 'link',
    actor: Actor,
  ) {
    const { parties, keys: agreementKeys } = await loadParties(tx, agreement.id);
    if (!namesMatch(parties.renter.name, body.confirmedName)) {
      throw badRequest('The confirmed name does not match the renter on the agreement', [
        { field: '/confirmedName', message: 'name_mismatch' },
      ]);
    }
    checkSignature(body.signature);
    const signedAt = new Date();
    const pdf = await signedAgreementPdf({
      ...parties,
      keys: agreementKeys,
      text: agreement.text,
      templateVersion: await templateVersion(tx, agreement.templateId),
      expectedReturnDate: agreement.expectedReturnDate,
      signedAt,
      signingMethod: method,
      signedName: body.confirmedName.trim(),
      signature: body.signature,
    });
    const doc = await storeDocument(tx, agreement.id, 'signed_agreement', `${agreement.number}.pdf`, pdf);
    await applyEvent(
      tx,
      agreement,
      'sign',
      actor,
      { signedAt, signingMethod: method, signedName: body.confirmedName.trim(), signature: body.signature },
      { method, documentSha256: doc.sha256 },
    );
    await revokeOpenLinks(tx, agreement.id);
    if (parties.renter.email) {
      const m = RENTER_MAIL[parties.language];
      await enqueueEmail(tx, smtp, {
        to: parties.renter.email,
        subject: m.signedSubject(agreement.number),
        body: m.signedBody(parties.renter.name, parties.site.name),
        attachmentDocumentId: doc.id,
        agreementId: agreement.id,
      });
    }
  }

  async function templateVersion(tx: Executor, templateId: string) {
    const [row] = await tx
      .execute<{ version: number }>(sql`SELECT version FROM agreement_templates WHERE id = ${templateId}`)
      .then((r) => r.rows);
    return row!.version;
  }

  /** Agreement for a staff action: 404 when it is not at one of the caller's sites. */
  async function lockForStaff(request: FastifyRequest, tx: Executor, id: string) {
    const agreement = await lockAgreement(tx, id);
    if (!agreement) throw notFound('Key agreement');
    assertVisible(await siteScope(tx, request), agreement);
    return agreement;
  }

  async function issueLink(
    tx: Executor,
    agreement: AgreementRow,
    email: string,
    actor: Actor,
    event: KeyAgreementEvent,
    withRenter: boolean,
  ) {
    if (agreement.state === 'expired') {
      // The keys went back to the shelf on expiry; resending takes them again if still free.
      const held = await tx
        .select({ keyId: keyAgreementKeys.keyId })
        .from(keyAgreementKeys)
        .where(eq(keyAgreementKeys.agreementId, agreement.id));
      await takeKeys(
        tx,
        agreement.id,
        agreement.siteId,
        held.map((k) => k.keyId),
        actor,
        withRenter,
      );
    }
    await revokeOpenLinks(tx, agreement.id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + config.SIGNING_LINK_TTL_HOURS * 3600_000);
    await tx
      .insert(signingLinks)
      .values({ agreementId: agreement.id, tokenHash: hashToken(token), sentTo: email, expiresAt });
    await applyEvent(tx, agreement, event, actor, {}, { expiresAt: expiresAt.toISOString() });
    const { parties } = await loadParties(tx, agreement.id);
    const m = RENTER_MAIL[parties.language];
    await enqueueEmail(tx, smtp, {
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

  /** The agreement behind a signing link, if the link can still be used; otherwise why not. */
  async function lockByToken(tx: Executor, token: string) {
    const [link] = await tx
      .select()
      .from(signingLinks)
      .where(eq(signingLinks.tokenHash, hashToken(token)))
      .for('update');
    if (!link) throw new AppError(404, 'link_unusable', 'No such signing link', { reason: 'unknown' });
    const agreement = await lockAgreement(tx, link.agreementId);
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

  const renterActor = (name: string): Actor => ({ actorUserId: null, actorLabel: `renter: ${name}` });

  return {
    async create(request: FastifyRequest, body: CreateKeyAgreement) {
      const user = request.requireUser();
      const actor = actorOf(request);
      const scope = await siteScope(db, request);
      assertSite(scope, body.siteId, 'Site');
      const [site] = await db.select().from(sites).where(eq(sites.id, body.siteId));
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
      const id = await db.transaction(async (tx) => {
        const association =
          'id' in body.association
            ? (
                await tx
                  .select({ id: associations.id })
                  .from(associations)
                  .where(eq(associations.id, body.association.id))
              )[0]
            : await inventory.createAssociation(request, body.association, tx);
        if (!association)
          throw badRequest('Unknown association', [{ field: '/association/id', message: 'unknown' }]);
        let renterId: string;
        if ('id' in body.renter) {
          const [renter] = await tx
            .select({ id: renters.id })
            .from(renters)
            .where(and(eq(renters.id, body.renter.id), isNull(renters.anonymisedAt)));
          if (!renter) throw badRequest('Unknown renter', [{ field: '/renter/id', message: 'unknown' }]);
          renterId = renter.id;
        } else {
          const [renter] = await tx
            .insert(renters)
            .values({ ...body.renter, name: body.renter.name.trim(), associationId: association.id })
            .returning({ id: renters.id });
          renterId = renter!.id;
        }
        const [{ n }] = (
          await tx.execute<{ n: string }>(sql`SELECT nextval('key_agreement_number_seq')::text AS n`)
        ).rows as [{ n: string }];
        const number = `AS-${today.slice(0, 4)}-${n.padStart(6, '0')}`;
        const [row] = await tx
          .insert(keyAgreements)
          .values({
            number,
            siteId: site.id,
            associationId: association.id,
            renterId,
            handedOverBy: user.id,
            templateId: template.id,
            language,
            text: template.texts[language],
            expectedReturnDate,
          })
          .returning();
        await takeKeys(tx, row!.id, site.id, body.keyIds, actor, isKeyStaff(request));
        await tx.insert(keyAgreementEvents).values({
          agreementId: row!.id,
          event: 'created',
          toState: 'draft',
          details: { keys: body.keyIds.length, templateVersion: template.version },
          ...actor,
        });
        await request.audit(
          {
            action: 'key_agreement.created',
            targetType: 'key_agreement',
            targetId: row!.id,
            metadata: { siteId: site.id },
          },
          tx,
        );
        return row!.id;
      });
      return this.get(request, id, true);
    },

    /** `afterAction`: answering the caller's own change, which may just have ended the agreement. */
    async get(request: FastifyRequest, id: string, afterAction = false): Promise<KeyAgreement> {
      const staff = isKeyStaff(request);
      const { row, parties, keys: agreementKeys } = await loadParties(db, id);
      assertVisible(await siteScope(db, request), row, afterAction);
      const [site, association, docs, links, timeline, staffUser, tpl] = await Promise.all([
        db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.id, row.siteId)),
        db.select().from(associations).where(eq(associations.id, row.associationId)),
        db
          .select({
            id: keyAgreementDocuments.id,
            kind: keyAgreementDocuments.kind,
            filename: keyAgreementDocuments.filename,
            sha256: keyAgreementDocuments.sha256,
            createdAt: keyAgreementDocuments.createdAt,
          })
          .from(keyAgreementDocuments)
          .where(eq(keyAgreementDocuments.agreementId, id))
          .orderBy(asc(keyAgreementDocuments.createdAt)),
        db
          .select()
          .from(signingLinks)
          .where(eq(signingLinks.agreementId, id))
          .orderBy(desc(signingLinks.createdAt))
          .limit(1),
        staff
          ? db
              .select({
                at: keyAgreementEvents.at,
                event: keyAgreementEvents.event,
                fromState: keyAgreementEvents.fromState,
                toState: keyAgreementEvents.toState,
                actor: sql<string>`coalesce(${users.displayName}, ${keyAgreementEvents.actorLabel})`,
                details: keyAgreementEvents.details,
              })
              .from(keyAgreementEvents)
              .leftJoin(users, eq(users.id, keyAgreementEvents.actorUserId))
              .where(eq(keyAgreementEvents.agreementId, id))
              .orderBy(asc(keyAgreementEvents.at), asc(keyAgreementEvents.id))
          : Promise.resolve(null),
        db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(eq(users.id, row.handedOverBy)),
        templateVersion(db, row.templateId),
      ]);
      await request.audit({
        action: 'key_agreement.viewed',
        targetType: 'key_agreement',
        targetId: id,
        purpose: staff ? 'key_archive' : 'key_lending',
      });
      const link = links[0];
      const today = helsinkiToday();
      return {
        id,
        number: row.number,
        state: row.state,
        site: site[0]!,
        association: {
          id: association[0]!.id,
          name: association[0]!.name,
          businessId: association[0]!.businessId,
        },
        renter: {
          id: row.renterId,
          name: parties.renter.name,
          // A site manager recognises the renter by name; contact details are for the archive.
          email: staff ? parties.renter.email : null,
          phone: staff ? parties.renter.phone : null,
        },
        handedOverBy: staffUser[0]!,
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
        createdAt: row.createdAt.toISOString(),
        signedAt: row.signedAt?.toISOString() ?? null,
        returnedAt: row.returnedAt?.toISOString() ?? null,
        endedAt: row.endedAt?.toISOString() ?? null,
        declineReason: staff ? row.declineReason : null,
        anonymised: row.anonymisedAt !== null,
        documents: docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
        ...(timeline ? { timeline: timeline.map((t) => ({ ...t, at: t.at.toISOString() })) } : {}),
      };
    },

    async signInPerson(request: FastifyRequest, id: string, body: SignAgreement) {
      await db.transaction(async (tx) => {
        const agreement = await lockForStaff(request, tx, id);
        if (agreement.state !== 'draft' && agreement.state !== 'awaiting_signature')
          throw invalidTransition(agreement.state, 'sign');
        await sign(tx, agreement, body, 'in_person', actorOf(request));
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
      afterCommitMail();
      return this.get(request, id, true);
    },

    async sendLink(request: FastifyRequest, id: string, email: string | undefined) {
      await db.transaction(async (tx) => {
        const agreement = await lockForStaff(request, tx, id);
        const event: KeyAgreementEvent = agreement.state === 'draft' ? 'send_link' : 'resend_link';
        if (!keyAgreementTransition(agreement.state, event).ok)
          throw invalidTransition(agreement.state, event);
        const [renter] = await tx
          .select({ email: renters.email })
          .from(renters)
          .where(eq(renters.id, agreement.renterId));
        const to = email ?? renter?.email;
        if (!to)
          throw badRequest('The renter has no e-mail address', [{ field: '/email', message: 'required' }]);
        await issueLink(tx, agreement, to, actorOf(request), event, isKeyStaff(request));
        await request.audit(
          { action: `key_agreement.${event}`, targetType: 'key_agreement', targetId: id },
          tx,
        );
      });
      afterCommitMail();
      return this.get(request, id, true);
    },

    async cancel(request: FastifyRequest, id: string, reason: string) {
      await db.transaction(async (tx) => {
        const agreement = await lockForStaff(request, tx, id);
        const actor = actorOf(request);
        await applyEvent(tx, agreement, 'cancel', actor, {}, { reason });
        await releaseKeys(tx, id, actor, 'agreement cancelled');
        await revokeOpenLinks(tx, id);
        await request.audit(
          { action: 'key_agreement.cancelled', targetType: 'key_agreement', targetId: id },
          tx,
        );
      });
      return this.get(request, id, true);
    },

    async returnKeys(request: FastifyRequest, id: string, body: ReturnKeys) {
      const lostIds = body.lostKeys.map((k) => k.keyId);
      if (!body.returnedKeyIds.length && !lostIds.length) {
        throw badRequest('Tick at least one key', [{ field: '/returnedKeyIds', message: 'required' }]);
      }
      if (lostIds.some((k) => body.returnedKeyIds.includes(k))) {
        throw badRequest('A key cannot be both returned and lost', [
          { field: '/lostKeys', message: 'overlap' },
        ]);
      }
      if (body.signature) checkSignature(body.signature);
      await db.transaction(async (tx) => {
        const agreement = await lockForStaff(request, tx, id);
        if (!keyAgreementTransition(agreement.state, 'return_some').ok)
          throw invalidTransition(agreement.state, 'return_some');
        const actor = actorOf(request);
        const { parties, keys: agreementKeys } = await loadParties(tx, id);
        const out = new Map(agreementKeys.filter((k) => k.state === 'out').map((k) => [k.id, k]));
        const errors = [
          ...body.returnedKeyIds.map((k, i) => ({ k, f: `/returnedKeyIds/${i}` })),
          ...lostIds.map((k, i) => ({ k, f: `/lostKeys/${i}/keyId` })),
        ]
          .filter(({ k }) => !out.has(k))
          .map(({ f }) => ({ field: f, message: 'not_out_under_this_agreement' }));
        if (errors.length) throw badRequest('Some keys are not out under this agreement', errors);
        const remaining = out.size - body.returnedKeyIds.length - lostIds.length;
        const event: KeyAgreementEvent = remaining === 0 ? 'return_all' : 'return_some';
        const now = new Date();
        if (!keyAgreementTransition(agreement.state, event).ok)
          throw invalidTransition(agreement.state, event);
        if (body.returnedKeyIds.length) {
          await tx
            .update(keyAgreementKeys)
            .set({ state: 'returned', holding: false, returnedAt: now })
            .where(
              and(eq(keyAgreementKeys.agreementId, id), inArray(keyAgreementKeys.keyId, body.returnedKeyIds)),
            );
          await tx
            .update(keys)
            .set({ status: 'available', updatedAt: now })
            .where(inArray(keys.id, body.returnedKeyIds));
          await tx
            .insert(keyEvents)
            .values(
              body.returnedKeyIds.map((keyId) => ({ keyId, event: 'returned', agreementId: id, ...actor })),
            );
        }
        for (const lost of body.lostKeys) {
          await tx
            .update(keyAgreementKeys)
            .set({ state: 'lost', holding: false, returnedAt: now })
            .where(and(eq(keyAgreementKeys.agreementId, id), eq(keyAgreementKeys.keyId, lost.keyId)));
          await tx
            .update(keys)
            .set({ status: 'lost', note: lost.note, updatedAt: now })
            .where(eq(keys.id, lost.keyId));
          await tx
            .insert(keyEvents)
            .values({ keyId: lost.keyId, event: 'lost', agreementId: id, note: lost.note, ...actor });
        }
        const pdf = await returnReceiptPdf({
          ...parties,
          staff:
            (await tx.select({ n: users.displayName }).from(users).where(eq(users.id, actor.actorUserId!)))[0]
              ?.n ?? actor.actorLabel,
          returned: body.returnedKeyIds.map((k) => out.get(k)!),
          lost: body.lostKeys.map((l) => ({ ...out.get(l.keyId)!, note: l.note })),
          returnedAt: now,
          signedName: body.signedName ?? null,
          signature: body.signature ?? null,
        });
        const doc = await storeDocument(
          tx,
          id,
          'return_receipt',
          `${agreement.number}-return-${now.toISOString().slice(0, 19).replace(/[:T]/g, '')}.pdf`,
          pdf,
        );
        await applyEvent(tx, agreement, event, actor, event === 'return_all' ? { returnedAt: now } : {}, {
          returned: body.returnedKeyIds.length,
          lost: lostIds.length,
          signed: !!body.signature,
          documentSha256: doc.sha256,
        });
        if (parties.renter.email) {
          const m = RENTER_MAIL[parties.language];
          await enqueueEmail(tx, smtp, {
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
      afterCommitMail();
      return this.get(request, id, true);
    },

    /** A coordinator chases a renter now, outside the scheduled reminders. */
    async remind(request: FastifyRequest, id: string) {
      await db.transaction(async (tx) => {
        const agreement = await lockAgreement(tx, id);
        if (!agreement) throw notFound('Key agreement');
        if (agreement.state !== 'active' && agreement.state !== 'partially_returned') {
          throw new AppError(409, 'invalid_transition', 'Only an agreement with keys out can be chased');
        }
        const sent = await queueReminder(tx, smtp, agreement, actorOf(request), 'manual');
        if (!sent) throw badRequest('The renter has no e-mail address');
        await request.audit(
          { action: 'key_agreement.reminded', targetType: 'key_agreement', targetId: id },
          tx,
        );
      });
      afterCommitMail();
    },

    /** The current agreements of a site, for taking keys back at the door. */
    async current(
      request: FastifyRequest,
      siteId: string,
      q: string | undefined,
    ): Promise<CurrentAgreement[]> {
      assertSite(await siteScope(db, request), siteId, 'Site');
      const search = q?.trim();
      const rows = await db
        .select({
          id: keyAgreements.id,
          number: keyAgreements.number,
          state: keyAgreements.state,
          association: associations.name,
          renter: renters.name,
          signedAt: keyAgreements.signedAt,
          expectedReturnDate: keyAgreements.expectedReturnDate,
        })
        .from(keyAgreements)
        .innerJoin(associations, eq(associations.id, keyAgreements.associationId))
        .innerJoin(renters, eq(renters.id, keyAgreements.renterId))
        .where(
          and(
            eq(keyAgreements.siteId, siteId),
            inArray(keyAgreements.state, ['active', 'partially_returned', 'awaiting_signature', 'draft']),
            search
              ? or(
                  sql`${renters.name} ILIKE ${`%${search}%`}`,
                  sql`${associations.name} ILIKE ${`%${search}%`}`,
                  sql`EXISTS (SELECT 1 FROM key_agreement_keys ak JOIN keys k ON k.id = ak.key_id WHERE ak.agreement_id = ${keyAgreements.id} AND k.code ILIKE ${`${search.toUpperCase()}%`})`,
                )
              : undefined,
          ),
        )
        .orderBy(asc(renters.name))
        .limit(100);
      const ids = rows.map((r) => r.id);
      const agreementKeys = ids.length
        ? await db
            .select({
              agreementId: keyAgreementKeys.agreementId,
              id: keys.id,
              code: keys.code,
              opens: keys.opens,
              state: keyAgreementKeys.state,
              returnedAt: keyAgreementKeys.returnedAt,
            })
            .from(keyAgreementKeys)
            .innerJoin(keys, eq(keys.id, keyAgreementKeys.keyId))
            .where(inArray(keyAgreementKeys.agreementId, ids))
            .orderBy(asc(keys.code))
        : [];
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
    },

    async document(request: FastifyRequest, id: string, documentId: string) {
      // Access as for the agreement itself, without building its whole detail for a download.
      const [agreement] = await db
        .select({ siteId: keyAgreements.siteId, state: keyAgreements.state })
        .from(keyAgreements)
        .where(eq(keyAgreements.id, id));
      if (!agreement) throw notFound('Key agreement');
      assertVisible(await siteScope(db, request), agreement);
      const [doc] = await db
        .select()
        .from(keyAgreementDocuments)
        .where(and(eq(keyAgreementDocuments.id, documentId), eq(keyAgreementDocuments.agreementId, id)));
      if (!doc) throw notFound('Document');
      await request.audit({
        action: 'key_agreement.document_downloaded',
        targetType: 'key_agreement',
        targetId: id,
        metadata: { documentId },
      });
      return doc;
    },

    async verifyDocument(request: FastifyRequest, id: string, documentId: string) {
      const doc = await this.document(request, id, documentId);
      const actual = sha256(doc.pdf);
      return { documentId, storedSha256: doc.sha256, actualSha256: actual, matches: actual === doc.sha256 };
    },

    // ------------------------------------------------------------------------------ renter, by link

    async signingView(request: FastifyRequest, token: string): Promise<SigningView> {
      const { link, agreement } = await db.transaction((tx) => lockByToken(tx, token));
      const { parties, keys: agreementKeys } = await loadParties(db, agreement.id);
      await request.audit({
        action: 'key_agreement.viewed_by_renter',
        targetType: 'key_agreement',
        targetId: agreement.id,
      });
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
        expiresAt: link.expiresAt.toISOString(),
      };
    },

    async signByLink(request: FastifyRequest, token: string, body: SignAgreement) {
      await db.transaction(async (tx) => {
        const { link, agreement } = await lockByToken(tx, token);
        const [renter] = await tx
          .select({ name: renters.name })
          .from(renters)
          .where(eq(renters.id, agreement.renterId));
        await sign(tx, agreement, body, 'link', renterActor(renter!.name));
        await tx.update(signingLinks).set({ usedAt: new Date() }).where(eq(signingLinks.id, link.id));
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
      afterCommitMail();
      return { signed: true as const };
    },

    async declineByLink(request: FastifyRequest, token: string, reason: string) {
      await db.transaction(async (tx) => {
        const { link, agreement } = await lockByToken(tx, token);
        const [renter] = await tx
          .select({ name: renters.name })
          .from(renters)
          .where(eq(renters.id, agreement.renterId));
        const actor = renterActor(renter!.name);
        await applyEvent(tx, agreement, 'decline', actor, { declineReason: reason });
        await tx.update(signingLinks).set({ usedAt: new Date() }).where(eq(signingLinks.id, link.id));
        await releaseKeys(tx, agreement.id, actor, 'renter declined');
        // The site manager who prepared it is told, in their own language, so the keys stay put.
        const [staff] = await tx
          .select({ email: users.email, language: users.language })
          .from(users)
          .where(eq(users.id, agreement.handedOverBy));
        if (staff?.email) {
          const m = STAFF_MAIL[staff.language];
          await enqueueEmail(tx, smtp, {
            to: staff.email,
            subject: m.declinedSubject(agreement.number),
            body: m.declinedBody(agreement.number, renter!.name, reason),
            agreementId: agreement.id,
          });
        }
        await request.audit(
          { action: 'key_agreement.declined', targetType: 'key_agreement', targetId: agreement.id },
          tx,
        );
      });
      afterCommitMail();
      return { declined: true as const };
    },
  };
}

/** Queues a due-soon, overdue or manual reminder to the renter and records it on the timeline. */
async function queueReminder(
  tx: Executor,
  smtp: boolean,
  agreement: AgreementRow,
  actor: Actor,
  kind: 'due_soon' | 'overdue' | 'manual',
) {
  const { parties, keys: agreementKeys } = await loadParties(tx, agreement.id);
  if (!parties.renter.email) return false;
  const m = RENTER_MAIL[parties.language];
  const overdue = agreement.expectedReturnDate < helsinkiToday();
  await enqueueEmail(tx, smtp, {
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
  await tx
    .insert(keyAgreementEvents)
    .values({ agreementId: agreement.id, event: `reminder_${kind}`, details: { overdue }, ...actor });
  return true;
}

const SYSTEM: Actor = { actorUserId: null, actorLabel: 'system' };

/** Background work of the keys module; each function is one job run and is safe to run twice. */
export function keyJobs(db: Db, config: FastifyInstance['config']) {
  const smtp = !!config.SMTP_URL;
  return {
    /** Unused signing links past their time expire the agreement and free its keys; stale drafts are cancelled. */
    async expireLinksAndDrafts() {
      let expired = 0;
      let cancelled = 0;
      const due = await db
        .selectDistinct({ id: keyAgreements.id })
        .from(keyAgreements)
        .innerJoin(signingLinks, eq(signingLinks.agreementId, keyAgreements.id))
        .where(
          and(
            eq(keyAgreements.state, 'awaiting_signature'),
            isNull(signingLinks.usedAt),
            isNull(signingLinks.revokedAt),
            lt(signingLinks.expiresAt, new Date()),
          ),
        );
      for (const { id } of due) {
        await db.transaction(async (tx) => {
          const agreement = await lockAgreement(tx, id);
          if (agreement?.state !== 'awaiting_signature') return;
          // A newer link that is still valid keeps the agreement waiting.
          const [open] = await tx
            .select({ id: signingLinks.id })
            .from(signingLinks)
            .where(
              and(
                eq(signingLinks.agreementId, id),
                isNull(signingLinks.usedAt),
                isNull(signingLinks.revokedAt),
                sql`${signingLinks.expiresAt} > now()`,
              ),
            );
          if (open) return;
          await applyEvent(tx, agreement, 'link_expired', SYSTEM);
          await releaseKeys(tx, id, SYSTEM, 'signing link expired');
          await revokeOpenLinks(tx, id);
          expired++;
        });
      }
      const stale = await db
        .select({ id: keyAgreements.id })
        .from(keyAgreements)
        .where(
          and(
            eq(keyAgreements.state, 'draft'),
            lt(keyAgreements.createdAt, new Date(Date.now() - config.KEY_DRAFT_TTL_HOURS * 3600_000)),
          ),
        );
      for (const { id } of stale) {
        await db.transaction(async (tx) => {
          const agreement = await lockAgreement(tx, id);
          if (agreement?.state !== 'draft') return;
          await applyEvent(tx, agreement, 'cancel', SYSTEM, {}, { reason: 'not signed in time' });
          await releaseKeys(tx, id, SYSTEM, 'draft not signed in time');
          cancelled++;
        });
      }
      return { expired, cancelled };
    },

    /** One due-soon and one overdue reminder per agreement, recorded so a rerun sends nothing twice. */
    async sendReminders() {
      const today = helsinkiToday();
      const soon = new Date(`${today}T00:00:00Z`);
      soon.setUTCDate(soon.getUTCDate() + config.KEY_DUE_SOON_DAYS);
      const candidates = await db
        .select({ id: keyAgreements.id, expectedReturnDate: keyAgreements.expectedReturnDate })
        .from(keyAgreements)
        .where(
          and(
            inArray(keyAgreements.state, ['active', 'partially_returned']),
            sql`${keyAgreements.expectedReturnDate} <= ${soon.toISOString().slice(0, 10)}`,
          ),
        );
      let sent = 0;
      for (const c of candidates) {
        const kind = c.expectedReturnDate < today ? 'overdue' : 'due_soon';
        await db.transaction(async (tx) => {
          const agreement = await lockAgreement(tx, c.id);
          if (!agreement || (agreement.state !== 'active' && agreement.state !== 'partially_returned'))
            return;
          const [already] = await tx
            .select({ id: keyAgreementEvents.id })
            .from(keyAgreementEvents)
            .where(
              and(eq(keyAgreementEvents.agreementId, c.id), eq(keyAgreementEvents.event, `reminder_${kind}`)),
            );
          if (already) return;
          if (await queueReminder(tx, smtp, agreement, SYSTEM, kind)) sent++;
        });
      }
      return { sent };
    },

    /**
     * Retention rule: KEY_RETENTION_MONTHS after an agreement ended (returned, cancelled, declined),
     * its renter data goes: signature, confirmed name, decline reason, PDFs and e-mail copies. The
     * renter record is anonymised once none of their agreements is still within retention. What stays
     * is the key ledger: which keys, which site, which association, when.
     */
    async anonymise() {
      const cutoff = new Date();
      cutoff.setMonth(cutoff.getMonth() - config.KEY_RETENTION_MONTHS);
      const due = await db
        .select({ id: keyAgreements.id, renterId: keyAgreements.renterId })
        .from(keyAgreements)
        .where(and(isNull(keyAgreements.anonymisedAt), lt(keyAgreements.endedAt, cutoff)))
        .limit(5000);
      if (!due.length) return { agreements: 0, renters: 0 };
      const ids = due.map((d) => d.id);
      const renterIds = [...new Set(due.map((d) => d.renterId))];
      return db.transaction(async (tx) => {
        const now = new Date();
        await tx
          .update(keyAgreements)
          .set({ signedName: null, signature: null, declineReason: null, anonymisedAt: now, updatedAt: now })
          .where(inArray(keyAgreements.id, ids));
        await tx.execute(
          sql`UPDATE outbound_emails SET to_address = 'anonymised', subject = 'anonymised', body = '' WHERE agreement_id IN ${ids}`,
        );
        await tx.delete(keyAgreementDocuments).where(inArray(keyAgreementDocuments.agreementId, ids));
        await tx
          .update(signingLinks)
          .set({ sentTo: 'anonymised' })
          .where(inArray(signingLinks.agreementId, ids));
        await tx.execute(
          sql`UPDATE key_agreement_events SET actor_label = 'renter' WHERE agreement_id IN ${ids} AND actor_label LIKE 'renter:%'`,
        );
        const anonymisedRenters = await tx.execute<{ id: string }>(sql`
          UPDATE renters r SET name = 'Anonymised', email = NULL, phone = NULL, anonymised_at = now()
          WHERE r.id IN ${renterIds} AND r.anonymised_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM key_agreements a WHERE a.renter_id = r.id AND a.anonymised_at IS NULL)
          RETURNING r.id`);
        await writeAudit(tx, SYSTEM_ACTOR, {
          action: 'key_agreement.anonymised',
          targetType: 'key_agreement',
          metadata: { agreementIds: ids, renters: anonymisedRenters.rows.length },
        });
        return { agreements: ids.length, renters: anonymisedRenters.rows.length };
      });
    },
  };
}
