import { Type, type Static } from 'typebox';
import {
  EmailSchema,
  LanguageSchema,
  pageQueryProperties,
  PageSchema,
  RequiredText,
  UuidSchema,
} from './common.ts';
import { KeyAgreementStateSchema, KEY_AGREEMENT_STATES } from './key-agreement.ts';
import { addDays } from './dates.ts';

/**
 * The HTTP contract of the keys module (DOMAIN.md, module 1): sites, key inventory, associations,
 * renters, agreement templates and key agreements, plus the pure rules forms and the API share.
 */

const Ref = Type.Object({ id: UuidSchema, name: Type.String() });
const DateSchema = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

// ---------------------------------------------------------------------------------------------- sites

export const SiteSchema = Type.Object({
  id: UuidSchema,
  name: Type.String(),
  address: Type.String(),
  district: Type.String(),
  department: Type.String(),
  keyCounts: Type.Object({
    available: Type.Integer(),
    lent: Type.Integer(),
    lost: Type.Integer(),
    retired: Type.Integer(),
  }),
  managers: Type.Array(Ref),
});
export type Site = Static<typeof SiteSchema>;

export const CreateSiteSchema = Type.Object(
  {
    name: RequiredText(200),
    address: RequiredText(300),
    district: RequiredText(100),
    department: RequiredText(200),
  },
  { additionalProperties: false },
);
export type CreateSite = Static<typeof CreateSiteSchema>;
export const UpdateSiteSchema = Type.Partial(CreateSiteSchema, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateSite = Static<typeof UpdateSiteSchema>;

export const SiteListQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) });
export type SiteListQuery = Static<typeof SiteListQuerySchema>;

// ----------------------------------------------------------------------------------------------- keys

export const KEY_STATUSES = ['available', 'lent', 'lost', 'retired'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];
export const KeyStatusSchema = Type.Enum(KEY_STATUSES);

/** Key codes as stamped on the key: letters, digits and dashes, e.g. `U5764`. */
export const KEY_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9-]{0,31}$';
export const KeyCodeSchema = Type.String({ pattern: KEY_CODE_PATTERN });

/** Normalised form used for storage and look-up, so `u5764 ` and `U5764` are the same key. */
export function normaliseKeyCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Who holds a key that is out. Site managers see the association; coordinators see the renter too. */
export const KeyHolderSchema = Type.Object({
  agreementId: UuidSchema,
  agreementNumber: Type.String(),
  association: Type.String(),
  renter: Type.Optional(Type.String()),
  since: DateTime,
  expectedReturnDate: DateSchema,
});
export type KeyHolder = Static<typeof KeyHolderSchema>;

export const KeySchema = Type.Object({
  id: UuidSchema,
  site: Ref,
  code: Type.String(),
  opens: Type.String(),
  keySet: Nullable(Type.String()),
  status: KeyStatusSchema,
  note: Nullable(Type.String()),
  holder: Nullable(KeyHolderSchema),
});
export type Key = Static<typeof KeySchema>;

export const CreateKeySchema = Type.Object(
  {
    code: KeyCodeSchema,
    opens: RequiredText(300),
    keySet: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export type CreateKey = Static<typeof CreateKeySchema>;

/** Staff change what a key opens, retire it, or bring a found/retired key back into use. */
export const UpdateKeySchema = Type.Object(
  {
    opens: Type.Optional(RequiredText(300)),
    keySet: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    status: Type.Optional(Type.Enum(['available', 'retired', 'lost'] as const)),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateKey = Static<typeof UpdateKeySchema>;

export const KeyListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  status: Type.Optional(KeyStatusSchema),
});
export type KeyListQuery = Static<typeof KeyListQuerySchema>;

export const KeyEventSchema = Type.Object({
  id: UuidSchema,
  at: DateTime,
  event: Type.String(),
  actor: Type.String(),
  agreementId: Nullable(UuidSchema),
  agreementNumber: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export const KeyDetailSchema = Type.Object({
  ...KeySchema.properties,
  history: Type.Array(KeyEventSchema),
});
export type KeyDetail = Static<typeof KeyDetailSchema>;

export const REKEYING_DECISIONS = ['rekey', 'accept_risk'] as const;
export type RekeyingDecisionValue = (typeof REKEYING_DECISIONS)[number];

/** What was decided about a lost key: change the locks (re-key) or accept the risk. */
export const RekeyingSchema = Type.Object({
  decision: Type.Enum(REKEYING_DECISIONS),
  decidedBy: Type.String(),
  decidedAt: DateTime,
  /** Euros, for re-keying (locks, keys, work). */
  cost: Nullable(Type.Number()),
  locksChangedOn: Nullable(DateSchema),
  note: Nullable(Type.String()),
});
export type Rekeying = Static<typeof RekeyingSchema>;

export const RekeyingDecisionSchema = Type.Object(
  {
    decision: Type.Enum(REKEYING_DECISIONS),
    cost: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1_000_000, multipleOf: 0.01 }))),
    /** When the locks were changed; only with `rekey`, and may be set later. */
    locksChangedOn: Type.Optional(Nullable(DateSchema)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export type RekeyingDecision = Static<typeof RekeyingDecisionSchema>;

export const LostKeySchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  opens: Type.String(),
  keySet: Nullable(Type.String()),
  site: Ref,
  lostAt: DateTime,
  note: Nullable(Type.String()),
  agreementId: Nullable(UuidSchema),
  agreementNumber: Nullable(Type.String()),
  association: Nullable(Type.String()),
  /** Null until someone decides. */
  rekeying: Nullable(RekeyingSchema),
});
export type LostKey = Static<typeof LostKeySchema>;

export const KeyImportRowErrorSchema = Type.Object({
  /** 1-based line number in the file, the header being line 1. */
  line: Type.Integer(),
  field: Type.String(),
  message: Type.String(),
});
export type KeyImportRowError = Static<typeof KeyImportRowErrorSchema>;
export const KeyImportResultSchema = Type.Object({ created: Type.Integer() });

// ------------------------------------------------------------------------------- associations, renters

export const AssociationSchema = Type.Object({
  id: UuidSchema,
  name: Type.String(),
  businessId: Nullable(Type.String()),
});
export type Association = Static<typeof AssociationSchema>;
export const CreateAssociationSchema = Type.Object(
  {
    name: RequiredText(200),
    /** Y-tunnus, checked with its check digit. */
    businessId: Type.Optional(Nullable(Type.String({ maxLength: 9 }))),
  },
  { additionalProperties: false },
);
export type CreateAssociation = Static<typeof CreateAssociationSchema>;

export const RenterSchema = Type.Object({
  id: UuidSchema,
  name: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  association: Nullable(Ref),
});
export type Renter = Static<typeof RenterSchema>;

/** A contact's e-mail as a site manager sees it in the type-ahead: `m***@example.org`. */
export const maskEmail = (email: string) => email.replace(/^(.)[^@]*/, '$1***');
/** A contact's phone as a site manager sees it: only its last two digits, `*** 33`. */
export const maskPhone = (phone: string) => (phone ? `*** ${phone.replace(/\D/g, '').slice(-2)}` : '');
export const CreateRenterSchema = Type.Object(
  {
    name: RequiredText(200),
    email: EmailSchema,
    phone: Type.String({ minLength: 5, maxLength: 30, pattern: '^\\+?[0-9 ()-]{5,30}$' }),
  },
  { additionalProperties: false },
);
export type CreateRenter = Static<typeof CreateRenterSchema>;

/** Type-ahead: at least two characters (after trimming), so one character cannot list everyone. */
export const LookupQuerySchema = Type.Object({
  q: RequiredText(100, 2),
  associationId: Type.Optional(UuidSchema),
});
export type LookupQuery = Static<typeof LookupQuerySchema>;

// ------------------------------------------------------------------------------------------ templates

export const AgreementTextsSchema = Type.Object(
  { fi: RequiredText(20_000), sv: RequiredText(20_000), en: RequiredText(20_000) },
  { additionalProperties: false },
);
export type AgreementTexts = Static<typeof AgreementTextsSchema>;
export const AgreementTemplateSchema = Type.Object({
  id: UuidSchema,
  department: Type.String(),
  version: Type.Integer(),
  texts: AgreementTextsSchema,
  createdAt: DateTime,
  createdBy: Type.String(),
});
export type AgreementTemplate = Static<typeof AgreementTemplateSchema>;
export const CreateAgreementTemplateSchema = Type.Object(
  { department: RequiredText(200), texts: AgreementTextsSchema },
  { additionalProperties: false },
);
export type CreateAgreementTemplate = Static<typeof CreateAgreementTemplateSchema>;

// ------------------------------------------------------------------------------------------ signature

/**
 * A drawn signature as strokes of points in a 1000 × 400 box (the pad scales to it). Vector strokes
 * let the API judge the signature and draw it sharply in the PDF without trusting an image.
 */
export const SIGNATURE_BOX = { width: 1000, height: 400 } as const;
/**
 * Most points a signature may have in all its strokes. The pad keeps a point per 5 px moved, so a
 * long signature has a few hundred to a couple of thousand; drawing 96 000 into the PDF held the
 * server for most of a second.
 */
export const SIGNATURE_MAX_POINTS = 5000;
const Point = Type.Tuple([
  Type.Number({ minimum: 0, maximum: SIGNATURE_BOX.width }),
  Type.Number({ minimum: 0, maximum: SIGNATURE_BOX.height }),
]);
export const SignatureSchema = Type.Object(
  {
    strokes: Type.Array(Type.Array(Point, { maxItems: SIGNATURE_MAX_POINTS }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type Signature = Static<typeof SignatureSchema>;

/** Minimum ink: the drawn path length and the size of what was drawn, in signature-box units. */
export const SIGNATURE_MIN = { pathLength: 250, width: 120, height: 25 } as const;

/** Why a signature is not acceptable, or null. An empty pad or a dot or dash is refused. */
export function signatureProblem(
  signature: Signature,
): 'signature_empty' | 'signature_too_small' | 'signature_too_complex' | null {
  let count = 0;
  for (const stroke of signature.strokes) count += stroke.length;
  if (count > SIGNATURE_MAX_POINTS) return 'signature_too_complex';
  const points = signature.strokes.flat();
  if (points.length < 2) return 'signature_empty';
  let length = 0;
  for (const stroke of signature.strokes) {
    for (let i = 1; i < stroke.length; i++) {
      const [x0, y0] = stroke[i - 1]!;
      const [x1, y1] = stroke[i]!;
      length += Math.hypot(x1 - x0, y1 - y0);
    }
  }
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  if (length < SIGNATURE_MIN.pathLength || width < SIGNATURE_MIN.width || height < SIGNATURE_MIN.height) {
    return 'signature_too_small';
  }
  return null;
}

/** The name typed to confirm identity must match the renter's name, ignoring case and extra spaces. */
export function namesMatch(expected: string, typed: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');
  return norm(expected) === norm(typed) && norm(typed).length > 0;
}

export const SignAgreementSchema = Type.Object(
  {
    confirmedName: RequiredText(200),
    accepted: Type.Literal(true),
    signature: SignatureSchema,
  },
  { additionalProperties: false },
);
export type SignAgreement = Static<typeof SignAgreementSchema>;
export const DeclineAgreementSchema = Type.Object(
  { reason: RequiredText(1000) },
  { additionalProperties: false },
);
export type DeclineAgreement = Static<typeof DeclineAgreementSchema>;

// ------------------------------------------------------------------------------------ agreement dates

/**
 * Default expected return: the end of the current season, `seasonEnd` being `MM-DD` (the school
 * year ends on 31 May in Helsinki). After that day in a year, the next year's season end.
 */
export function defaultExpectedReturnDate(today: string, seasonEnd: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${seasonEnd}`;
  return today <= thisYear ? thisYear : `${year + 1}-${seasonEnd}`;
}

/**
 * The season a day belongs to, named by its two years (`2025-2026`): the one that ends on the
 * next season end (`seasonEnd`, `MM-DD`) on or after the day. The keys figures split by it.
 */
export function keySeasonOf(day: string, seasonEnd: string): string {
  const endYear = Number(defaultExpectedReturnDate(day, seasonEnd).slice(0, 4));
  return `${endYear - 1}-${endYear}`;
}

export type DueStatus = 'overdue' | 'due_soon' | 'on_time';

/** Overdue after the expected return date; due soon within `dueSoonDays` before it (inclusive). */
export function dueStatus(expectedReturnDate: string, today: string, dueSoonDays: number): DueStatus {
  if (expectedReturnDate < today) return 'overdue';
  const soon = addDays(today, dueSoonDays);
  return expectedReturnDate <= soon ? 'due_soon' : 'on_time';
}

// Calendar arithmetic lives in dates.ts (no schema imports, so the web apps' date field can use it).
export { addDays };

// Made once: building a DateTimeFormat costs far more than formatting with it (tens of µs, per
// row of a list), and a format has no state that one call could leave for the next.
const HELSINKI_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });

/** Today's date in Helsinki, the legal clock for due dates. */
export function helsinkiToday(now: Date = new Date()): string {
  return HELSINKI_DATE.format(now);
}

// ------------------------------------------------------------------------------------------ agreements

const NewOrExisting = <T extends Parameters<typeof Type.Object>[0]>(create: T) =>
  Type.Union([
    Type.Object({ id: UuidSchema }, { additionalProperties: false }),
    Type.Object(create, { additionalProperties: false }),
  ]);

export const CreateKeyAgreementSchema = Type.Object(
  {
    siteId: UuidSchema,
    /** An existing association by id, or a new one. */
    association: NewOrExisting(CreateAssociationSchema.properties),
    /** An existing renter by id, or a new contact person. */
    renter: NewOrExisting(CreateRenterSchema.properties),
    keyIds: Type.Array(UuidSchema, { minItems: 1, maxItems: 50, uniqueItems: true }),
    expectedReturnDate: Type.Optional(DateSchema),
    /** The language the renter reads the agreement in. */
    language: Type.Optional(LanguageSchema),
    /** How the renter will sign; `visma_sign` only when the service is configured (see signing methods). */
    signingMethod: Type.Optional(Type.Enum(['in_person', 'link', 'visma_sign'] as const)),
  },
  { additionalProperties: false },
);
export type CreateKeyAgreement = Static<typeof CreateKeyAgreementSchema>;

/** Send the agreement to be signed remotely: a one-time link, or strong identification at Visma Sign. */
export const RequestSignatureSchema = Type.Object(
  {
    method: Type.Enum(['link', 'visma_sign'] as const),
    /** Where the invitation goes; the renter's own address when left out. */
    email: Type.Optional(EmailSchema),
  },
  { additionalProperties: false },
);
export type RequestSignature = Static<typeof RequestSignatureSchema>;

/** The signing methods of this installation and whether each can be chosen now. */
export const SigningMethodOptionSchema = Type.Object({
  method: Type.Enum(['in_person', 'link', 'visma_sign'] as const),
  available: Type.Boolean(),
  /** The renter identifies with a bank ID or mobile ID (strong electronic identification). */
  strongIdentification: Type.Boolean(),
});
export type SigningMethodOption = Static<typeof SigningMethodOptionSchema>;

export const SendSigningLinkSchema = Type.Object(
  { email: Type.Optional(EmailSchema) },
  { additionalProperties: false },
);
export const CancelKeyAgreementSchema = Type.Object(
  { reason: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);

export const ReturnKeysSchema = Type.Object(
  {
    /** Keys handed back now. */
    returnedKeyIds: Type.Array(UuidSchema, { maxItems: 50, uniqueItems: true }),
    /** Keys the renter reports lost, with what happened. */
    lostKeys: Type.Array(
      Type.Object({ keyId: UuidSchema, note: RequiredText(1000) }, { additionalProperties: false }),
      { maxItems: 50 },
    ),
    /** Optional signature of the renter at return. */
    signature: Type.Optional(SignatureSchema),
    signedName: Type.Optional(RequiredText(200)),
  },
  { additionalProperties: false },
);
export type ReturnKeys = Static<typeof ReturnKeysSchema>;

export const AGREEMENT_KEY_STATES = ['out', 'returned', 'lost', 'released'] as const;
export const AgreementKeySchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  opens: Type.String(),
  /** out: with the renter; returned; lost; released: the agreement ended before the keys went out. */
  state: Type.Enum(AGREEMENT_KEY_STATES),
  returnedAt: Nullable(DateTime),
});
export type AgreementKey = Static<typeof AgreementKeySchema>;

export const SIGNING_METHODS = ['in_person', 'link', 'visma_sign'] as const;
export type SigningMethod = (typeof SIGNING_METHODS)[number];

/** Where a request to an outside signing service stands, as staff see it. */
export const SIGNING_REQUEST_STATUSES = [
  'sending',
  'pending',
  'signed',
  'ended',
  'failed',
  'withdrawn',
  'cancelled',
] as const;

export const KeyAgreementTimelineEntrySchema = Type.Object({
  at: DateTime,
  event: Type.String(),
  fromState: Nullable(KeyAgreementStateSchema),
  toState: Nullable(KeyAgreementStateSchema),
  actor: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export const KeyAgreementDocumentSchema = Type.Object({
  id: UuidSchema,
  kind: Type.Enum(['signed_agreement', 'return_receipt'] as const),
  filename: Type.String(),
  sha256: Type.String(),
  createdAt: DateTime,
});
export type KeyAgreementDocument = Static<typeof KeyAgreementDocumentSchema>;

export const KeyAgreementSchema = Type.Object({
  id: UuidSchema,
  number: Type.String(),
  state: KeyAgreementStateSchema,
  site: Ref,
  association: AssociationSchema,
  renter: Type.Object({
    id: UuidSchema,
    name: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
  }),
  handedOverBy: Ref,
  keys: Type.Array(AgreementKeySchema),
  language: LanguageSchema,
  templateVersion: Type.Integer(),
  text: Type.String(),
  expectedReturnDate: DateSchema,
  dueStatus: Nullable(Type.Enum(['overdue', 'due_soon', 'on_time'] as const)),
  signingMethod: Nullable(Type.Enum(SIGNING_METHODS)),
  signingLink: Nullable(
    Type.Object({ sentTo: Type.String(), sentAt: DateTime, expiresAt: DateTime, used: Type.Boolean() }),
  ),
  /** The latest request to an outside signing service (Visma Sign), if any. */
  signingRequest: Nullable(
    Type.Object({
      method: Type.Literal('visma_sign'),
      status: Type.Enum(SIGNING_REQUEST_STATUSES),
      sentTo: Type.String(),
      sentAt: DateTime,
      expiresAt: DateTime,
      lastCheckedAt: Nullable(DateTime),
      /** Why the service refused or could not be reached (for staff). */
      problem: Nullable(Type.String()),
    }),
  ),
  createdAt: DateTime,
  signedAt: Nullable(DateTime),
  returnedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  declineReason: Nullable(Type.String()),
  anonymised: Type.Boolean(),
  documents: Type.Array(KeyAgreementDocumentSchema),
  /** Present for coordinators and admins only. */
  timeline: Type.Optional(Type.Array(KeyAgreementTimelineEntrySchema)),
});
export type KeyAgreement = Static<typeof KeyAgreementSchema>;

/** What a site manager needs at the door to take keys back: no e-mail, no phone, no archive. */
export const CurrentAgreementSchema = Type.Object({
  id: UuidSchema,
  number: Type.String(),
  state: KeyAgreementStateSchema,
  association: Type.String(),
  renter: Type.String(),
  keys: Type.Array(AgreementKeySchema),
  signedAt: Nullable(DateTime),
  expectedReturnDate: DateSchema,
});
export type CurrentAgreement = Static<typeof CurrentAgreementSchema>;
export const CurrentAgreementQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
});

// -------------------------------------------------------------------------------------------- report

export const REPORT_SORTS = [
  'createdAt',
  'signedAt',
  'expectedReturnDate',
  'state',
  'site',
  'renter',
  'association',
  'number',
] as const;
export const DUE_FILTERS = ['overdue', 'due_soon'] as const;

export const KeyAgreementReportQuerySchema = Type.Object({
  ...pageQueryProperties,
  siteId: Type.Optional(Type.Array(UuidSchema, { maxItems: 100 })),
  state: Type.Optional(Type.Array(KeyAgreementStateSchema, { maxItems: KEY_AGREEMENT_STATES.length })),
  associationId: Type.Optional(UuidSchema),
  /** Agreement date (creation) from/to, inclusive, in Helsinki time. */
  from: Type.Optional(DateSchema),
  to: Type.Optional(DateSchema),
  due: Type.Optional(Type.Enum(DUE_FILTERS)),
  lost: Type.Optional(Type.Boolean()),
  /** Renter, association, key code or agreement number. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.Enum(REPORT_SORTS, { default: 'createdAt' })),
  order: Type.Optional(Type.Enum(['asc', 'desc'] as const, { default: 'desc' })),
});
export type KeyAgreementReportQuery = Static<typeof KeyAgreementReportQuerySchema>;

export const KeyAgreementReportRowSchema = Type.Object({
  id: UuidSchema,
  number: Type.String(),
  state: KeyAgreementStateSchema,
  createdAt: DateTime,
  signedAt: Nullable(DateTime),
  expectedReturnDate: DateSchema,
  dueStatus: Nullable(Type.Enum(['overdue', 'due_soon', 'on_time'] as const)),
  site: Ref,
  siteManager: Type.String(),
  renter: Type.String(),
  association: Type.String(),
  keys: Type.Array(
    Type.Object({
      code: Type.String(),
      state: Type.Enum(AGREEMENT_KEY_STATES),
      /** For a lost key: the re-keying decision, or `undecided`. */
      rekeying: Type.Optional(Type.Enum([...REKEYING_DECISIONS, 'undecided'] as const)),
    }),
  ),
});
export type KeyAgreementReportRow = Static<typeof KeyAgreementReportRowSchema>;

export const KeyAgreementReportSchema = Type.Object({
  ...PageSchema(KeyAgreementReportRowSchema).properties,
  summary: Type.Object({
    byState: Type.Record(Type.String(), Type.Integer()),
    keysOut: Type.Integer(),
    overdue: Type.Integer(),
    dueSoon: Type.Integer(),
    withLostKeys: Type.Integer(),
  }),
});
export type KeyAgreementReport = Static<typeof KeyAgreementReportSchema>;

// ----------------------------------------------------------------------------------- public signing

/** What the renter sees on the signing page: only their own agreement. */
export const SigningViewSchema = Type.Object({
  number: Type.String(),
  site: Type.Object({ name: Type.String(), address: Type.String() }),
  association: Type.String(),
  renterName: Type.String(),
  handedOverBy: Type.String(),
  keys: Type.Array(Type.Object({ code: Type.String(), opens: Type.String() })),
  language: LanguageSchema,
  text: Type.String(),
  createdAt: DateTime,
  expectedReturnDate: DateSchema,
  expiresAt: DateTime,
  /** `link`: sign on this page; `visma_sign`: the page tells whether the signing at Visma Sign is done. */
  method: Type.Optional(Type.Enum(['link', 'visma_sign'] as const)),
  status: Type.Optional(Type.Enum(['awaiting_signature', 'signed'] as const)),
});
export type SigningView = Static<typeof SigningViewSchema>;

export const SigningTokenParamsSchema = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});

export const OutboxMessageSchema = Type.Object({
  id: UuidSchema,
  to: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  status: Type.Enum(['held', 'queued', 'sent', 'failed'] as const),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  attachment: Nullable(Type.String()),
});
export type OutboxMessage = Static<typeof OutboxMessageSchema>;
