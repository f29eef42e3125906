import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { KEY_STATUSES } from '@civic/shared/keys';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import type { AgreementTexts, Signature } from '@civic/shared/keys';
import { language, users } from './auth.ts';
import { sites } from './org.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const keyStatus = pgEnum('key_status', KEY_STATUSES);
export const keyAgreementState = pgEnum('key_agreement_state', KEY_AGREEMENT_STATES);
export const agreementKeyState = pgEnum('agreement_key_state', ['out', 'returned', 'lost', 'released']);

/** One physical copy of a key. `code` is stored upper-case; unique within its site. */
export const keys = pgTable(
  'keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
    code: text().notNull(),
    opens: text().notNull(),
    keySet: text(),
    status: keyStatus().notNull().default('available'),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('keys_site_code_idx').on(t.siteId, t.code),
    index('keys_code_idx').on(t.code),
    index('keys_lost_idx')
      .on(t.status)
      .where(sql`status = 'lost'`),
  ],
);

/** Everything that happened to a key: created, lent, returned, lost, found, retired, edited. */
export const keyEvents = pgTable(
  'key_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    keyId: uuid()
      .notNull()
      .references(() => keys.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    event: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorLabel: text().notNull(),
    agreementId: uuid(),
    note: text(),
  },
  (t) => [index('key_events_key_idx').on(t.keyId, t.at)],
);

/**
 * What was decided about a lost key: change the locks it opens (re-key) or accept the risk, by
 * whom, at what cost and when the locks were changed. One decision per loss (the `lost` key event).
 */
export const keyLossDecisions = pgTable('key_loss_decisions', {
  lostEventId: uuid()
    .primaryKey()
    .references(() => keyEvents.id),
  keyId: uuid()
    .notNull()
    .references(() => keys.id),
  decision: text().$type<'rekey' | 'accept_risk'>().notNull(),
  decidedBy: uuid()
    .notNull()
    .references(() => users.id),
  decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** In euro cents. */
  costCents: integer(),
  locksChangedOn: date({ mode: 'string' }),
  note: text(),
});

export const associations = pgTable(
  'associations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    businessId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('associations_name_lower_idx').on(sql`lower(${t.name})`),
    index('associations_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/** Contact persons of associations. Personal data: anonymised after the retention period. */
export const renters = pgTable(
  'renters',
  {
    id: uuid().primaryKey().defaultRandom(),
    associationId: uuid().references(() => associations.id),
    name: text().notNull(),
    email: text(),
    phone: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    anonymisedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('renters_association_idx').on(t.associationId),
    index('renters_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/** Versioned agreement text per department; a new version is a new row, old ones never change. */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    department: text().notNull(),
    version: integer().notNull(),
    texts: jsonb().$type<AgreementTexts>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex('agreement_templates_version_idx').on(t.department, t.version)],
);

export const keyAgreements = pgTable(
  'key_agreements',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human-readable reference printed on the PDF, e.g. `AS-2026-000123`. */
    number: text().notNull(),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
    associationId: uuid()
      .notNull()
      .references(() => associations.id),
    renterId: uuid()
      .notNull()
      .references(() => renters.id),
    handedOverBy: uuid()
      .notNull()
      .references(() => users.id),
    state: keyAgreementState().notNull().default('draft'),
    templateId: uuid()
      .notNull()
      .references(() => agreementTemplates.id),
    language: language().notNull(),
    /** The exact text the renter was shown and signed; never changes after creation. */
    text: text().notNull(),
    expectedReturnDate: date({ mode: 'string' }).notNull(),
    signingMethod: text().$type<'in_person' | 'link' | 'visma_sign'>(),
    signedName: text(),
    signature: jsonb().$type<Signature>(),
    declineReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    signedAt: timestamp({ withTimezone: true }),
    returnedAt: timestamp({ withTimezone: true }),
    /** When the agreement reached a final state; the retention period counts from here. */
    endedAt: timestamp({ withTimezone: true }),
    anonymisedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('key_agreements_number_idx').on(t.number),
    index('key_agreements_site_created_idx').on(t.siteId, t.createdAt),
    index('key_agreements_created_idx').on(t.createdAt),
    index('key_agreements_state_idx').on(t.state, t.expectedReturnDate),
    index('key_agreements_association_idx').on(t.associationId),
    index('key_agreements_renter_idx').on(t.renterId),
    index('key_agreements_ended_idx')
      .on(t.endedAt)
      .where(sql`anonymised_at IS NULL`),
  ],
);

/**
 * The keys of an agreement. `holding` is true while the key is reserved or out under this agreement;
 * the partial unique index makes "a key is out only once" a database fact, whatever the code does.
 */
export const keyAgreementKeys = pgTable(
  'key_agreement_keys',
  {
    agreementId: uuid()
      .notNull()
      .references(() => keyAgreements.id),
    keyId: uuid()
      .notNull()
      .references(() => keys.id),
    state: agreementKeyState().notNull().default('out'),
    holding: boolean().notNull().default(true),
    returnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.keyId] }),
    uniqueIndex('key_agreement_keys_one_holder_idx')
      .on(t.keyId)
      .where(sql`holding`),
    index('key_agreement_keys_key_idx').on(t.keyId),
    // Keys still out or lost: the report's summary reads only these.
    index('key_agreement_keys_open_idx')
      .on(t.agreementId, t.state)
      .where(sql`state IN ('out', 'lost')`),
  ],
);

/** The agreement's timeline: every state change and action, with who did it. */
export const keyAgreementEvents = pgTable(
  'key_agreement_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    agreementId: uuid()
      .notNull()
      .references(() => keyAgreements.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    event: text().notNull(),
    fromState: keyAgreementState(),
    toState: keyAgreementState(),
    actorUserId: uuid().references(() => users.id),
    actorLabel: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('key_agreement_events_agreement_idx').on(t.agreementId, t.at)],
);

/** One-time signing links; only the SHA-256 of the token is stored. */
export const signingLinks = pgTable(
  'signing_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    agreementId: uuid()
      .notNull()
      .references(() => keyAgreements.id),
    tokenHash: text().notNull(),
    /** `link`: the renter signs on our page; `visma_sign`: the page only tells where the signing stands. */
    method: text().$type<'link' | 'visma_sign'>().notNull().default('link'),
    sentTo: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('signing_links_token_idx').on(t.tokenHash),
    index('signing_links_agreement_idx').on(t.agreementId),
    index('signing_links_open_idx')
      .on(t.expiresAt)
      .where(sql`used_at IS NULL AND revoked_at IS NULL`),
  ],
);

export type SigningRequestStatus =
  'sending' | 'pending' | 'signed' | 'ended' | 'failed' | 'withdrawn' | 'cancelled';

/**
 * Requests sent to an outside signing service (Visma Sign) and where each stands. A job works
 * through the due ones (`next_check_at`), with a lease (`locked_until`) so only one instance calls
 * the vendor about a request at a time; each step that succeeded at the vendor is written down, so a
 * retry resumes rather than sends twice.
 */
export const signingRequests = pgTable(
  'signing_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    agreementId: uuid()
      .notNull()
      .references(() => keyAgreements.id),
    provider: text().$type<'visma_sign'>().notNull(),
    status: text().$type<SigningRequestStatus>().notNull(),
    /** The PDF to be signed, kept until the vendor has it. */
    document: bytea(),
    documentName: text().notNull(),
    filename: text().notNull(),
    invitee: jsonb()
      .$type<{ name: string; email: string; sms: string | null; language: 'fi' | 'sv' | 'en' }>()
      .notNull(),
    /** The vendor's document id, once created. */
    externalId: text(),
    fileUploaded: boolean().notNull().default(false),
    invitationId: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    nextCheckAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    checks: integer().notNull().default(0),
    /** Failed calls in a row; reset by a successful one. */
    failures: integer().notNull().default(0),
    lastCheckedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    vendorStatus: text(),
    evidence: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('signing_requests_agreement_idx').on(t.agreementId, t.createdAt),
    index('signing_requests_due_idx')
      .on(t.nextCheckAt)
      .where(sql`status IN ('sending', 'pending', 'withdrawn')`),
  ],
);

/** Signed agreements and return receipts as PDFs, with the SHA-256 computed when stored. */
export const keyAgreementDocuments = pgTable(
  'key_agreement_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    agreementId: uuid()
      .notNull()
      .references(() => keyAgreements.id),
    kind: text().$type<'signed_agreement' | 'return_receipt'>().notNull(),
    filename: text().notNull(),
    sha256: text().notNull(),
    pdf: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('key_agreement_documents_agreement_idx').on(t.agreementId)],
);

/**
 * Every e-mail the product sends, written in the same transaction as the change that causes it.
 * A job delivers queued ones over SMTP; with no SMTP configured they stay `held` for admins to read.
 */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: uuid().primaryKey().defaultRandom(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    attachmentDocumentId: uuid().references(() => keyAgreementDocuments.id, { onDelete: 'set null' }),
    /** The agreement the message is about, so anonymisation can scrub it. */
    agreementId: uuid().references(() => keyAgreements.id),
    status: text().$type<'held' | 'queued' | 'sent' | 'failed'>().notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('outbound_emails_created_idx').on(t.createdAt),
    index('outbound_emails_agreement_idx').on(t.agreementId),
  ],
);
