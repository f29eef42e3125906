import { Type, type Static } from 'typebox';
import { EmailSchema, pageQueryProperties, PageSchema, RequiredText, UuidSchema } from './common.ts';
import {
  CLOCK_STATES,
  CLOSE_REASONS,
  ENTERED_WAITING_SETTINGS,
  ENTRY_STATUSES,
  OFFER_STATUSES,
  URGENCY_CLASSES,
  WAITING_SETTINGS,
} from './care-queue.ts';
import { NamesSchema, ProviderKindSchema, VacancySchema } from './care.ts';

/**
 * The HTTP contract of JOPA's queue (DOMAIN.md, module 2, second half): clients waiting for
 * long-term care, their queue entries with the legal clock, matching, offers and placements.
 */

const DateSchema = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Tag = Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema });
const ServiceTypeRef = Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema });
const UnitRef = Type.Object({ id: UuidSchema, name: Type.String(), district: Type.String() });

export const UrgencySchema = Type.Enum(URGENCY_CLASSES);
export const EntryStatusSchema = Type.Enum(ENTRY_STATUSES);
export const CloseReasonSchema = Type.Enum(CLOSE_REASONS);
export const ClockStateSchema = Type.Enum(CLOCK_STATES);
export const OfferStatusSchema = Type.Enum(OFFER_STATUSES);
export const WaitingSettingSchema = Type.Enum(WAITING_SETTINGS);
export const EnteredWaitingSettingSchema = Type.Enum(ENTERED_WAITING_SETTINGS);
/** Language of care: ISO 639-1 (fi, sv, or another language such as ru, et, so). */
export const CareLanguageSchema = Type.String({ pattern: '^[a-z]{2}$' });

// -------------------------------------------------------------------------------------------- clients

export const RaiSchema = Type.Object(
  {
    /** Cognitive Performance Scale, 0–6. */
    cps: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 6 }))),
    /** ADL hierarchy, 0–6. */
    adlh: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 6 }))),
    /** MAPLe, 1–5. */
    maple: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
    assessedOn: Type.Optional(Nullable(DateSchema)),
  },
  { additionalProperties: false },
);
export type Rai = Static<typeof RaiSchema>;

export const ContactPersonSchema = Type.Object(
  {
    name: RequiredText(200),
    relation: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    email: Type.Optional(Nullable(EmailSchema)),
  },
  { additionalProperties: false },
);
export type ContactPerson = Static<typeof ContactPersonSchema>;

export const WaitingSchema = Type.Object({
  setting: WaitingSettingSchema,
  /** Hospital ward, short-term care unit or other place, as written. */
  place: Nullable(Type.String()),
  /** A short-term care or interim unit of the registry. */
  unit: Nullable(UnitRef),
  since: DateSchema,
});
export type Waiting = Static<typeof WaitingSchema>;
/** Where a client waits now; null once they wait nowhere (placed, or their waiting ended). */
const WaitingNowSchema = Nullable(WaitingSchema);

export const SetWaitingSchema = Type.Object(
  {
    setting: EnteredWaitingSettingSchema,
    place: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    unitId: Type.Optional(Nullable(UuidSchema)),
    /** Default: today. */
    since: Type.Optional(DateSchema),
  },
  { additionalProperties: false },
);
export type SetWaiting = Static<typeof SetWaitingSchema>;

export const ClientSchema = Type.Object(
  {
    id: UuidSchema,
    personalIdentityCode: Type.String(),
    birthDate: DateSchema,
    age: Type.Integer(),
    firstName: Type.String(),
    lastName: Type.String(),
    language: Type.String(),
    contact: Nullable(
      Type.Object({
        name: Type.String(),
        relation: Nullable(Type.String()),
        phone: Nullable(Type.String()),
        email: Nullable(Type.String()),
      }),
    ),
    waiting: WaitingNowSchema,
    needs: Type.Array(Tag),
    rai: Nullable(
      Type.Object({
        cps: Nullable(Type.Integer()),
        adlh: Nullable(Type.Integer()),
        maple: Nullable(Type.Integer()),
        assessedOn: Nullable(DateSchema),
      }),
    ),
    spouse: Nullable(Type.Object({ id: UuidSchema, name: Type.String(), placeTogether: Type.Boolean() })),
    deceasedOn: Nullable(DateSchema),
    sourceSystem: Nullable(Type.String()),
    sourceId: Nullable(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  {
    examples: [
      {
        id: '4a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        personalIdentityCode: '010338-123N',
        birthDate: '1938-03-01',
        age: 88,
        firstName: 'Aili',
        lastName: 'Virtanen',
        language: 'fi',
        contact: { name: 'Pekka Virtanen', relation: 'son', phone: '+358 40 765 4321', email: null },
        waiting: {
          setting: 'hospital',
          place: 'Laakson sairaala, osasto 7',
          unit: null,
          since: '2026-10-20',
        },
        needs: [],
        rai: { cps: 4, adlh: 3, maple: 4, assessedOn: '2026-10-15' },
        spouse: null,
        deceasedOn: null,
        sourceSystem: null,
        sourceId: null,
        createdAt: '2026-10-20T09:00:00Z',
        updatedAt: '2026-10-20T09:00:00Z',
      },
    ],
  },
);
export type Client = Static<typeof ClientSchema>;

export const CreateClientSchema = Type.Object(
  {
    personalIdentityCode: Type.String({ minLength: 11, maxLength: 11 }),
    firstName: RequiredText(100),
    lastName: RequiredText(100),
    language: CareLanguageSchema,
    contact: Type.Optional(Nullable(ContactPersonSchema)),
    waiting: SetWaitingSchema,
    needTagIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 20, uniqueItems: true })),
    rai: Type.Optional(Nullable(RaiSchema)),
    spouseClientId: Type.Optional(Nullable(UuidSchema)),
    /** Spouses to be placed together (their right under §14); default true when a spouse is linked. */
    placeTogether: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateClient = Static<typeof CreateClientSchema>;

export const UpdateClientSchema = Type.Object(
  {
    firstName: Type.Optional(RequiredText(100)),
    lastName: Type.Optional(RequiredText(100)),
    language: Type.Optional(CareLanguageSchema),
    contact: Type.Optional(Nullable(ContactPersonSchema)),
    waiting: Type.Optional(SetWaitingSchema),
    needTagIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 20, uniqueItems: true })),
    rai: Type.Optional(Nullable(RaiSchema)),
    spouseClientId: Type.Optional(Nullable(UuidSchema)),
    placeTogether: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateClient = Static<typeof UpdateClientSchema>;

export const ClientListQuerySchema = Type.Object({
  ...pageQueryProperties,
  /** Name or identity code. */
  q: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
});
export type ClientListQuery = Static<typeof ClientListQuerySchema>;

export const ClientSummarySchema = Type.Object({
  id: UuidSchema,
  firstName: Type.String(),
  lastName: Type.String(),
  age: Type.Integer(),
  language: Type.String(),
  waiting: WaitingNowSchema,
  needs: Type.Array(Tag),
  openEntries: Type.Integer(),
});
export type ClientSummary = Static<typeof ClientSummarySchema>;

// ------------------------------------------------------------------------------------ queue entries

export const ClockSchema = Type.Object({
  startDate: DateSchema,
  dueDate: DateSchema,
  daysWaiting: Type.Integer(),
  daysLeft: Type.Integer(),
  state: ClockStateSchema,
  metDeadline: Nullable(Type.Boolean()),
});

export const LiveOfferRefSchema = Type.Object({
  id: UuidSchema,
  status: OfferStatusSchema,
  vacancyId: UuidSchema,
  unit: UnitRef,
  responseDueAt: DateTime,
});

export const QueueEntrySchema = Type.Object({
  id: UuidSchema,
  client: Type.Object({
    id: UuidSchema,
    firstName: Type.String(),
    lastName: Type.String(),
    age: Type.Integer(),
    language: Type.String(),
    waiting: WaitingNowSchema,
    needs: Type.Array(Tag),
    spouse: Nullable(Type.Object({ id: UuidSchema, name: Type.String(), placeTogether: Type.Boolean() })),
  }),
  serviceType: ServiceTypeRef,
  decisionDate: DateSchema,
  readyDate: Nullable(DateSchema),
  urgency: UrgencySchema,
  /** A coordinator's manual queue date, with its reason. */
  priorityDate: Nullable(DateSchema),
  priorityReason: Nullable(Type.String()),
  preferredUnits: Type.Array(UnitRef),
  preferredDistricts: Type.Array(Type.String()),
  onlyPreferredUnits: Type.Boolean(),
  status: EntryStatusSchema,
  /** Where an interim client lives meanwhile. */
  interimUnit: Nullable(UnitRef),
  closedOn: Nullable(DateSchema),
  closeNote: Nullable(Type.String()),
  refusalCount: Type.Integer(),
  needsReassessment: Type.Boolean(),
  clockRestartedOn: Nullable(DateSchema),
  clock: ClockSchema,
  /** The cost clock: days since the placement-ready date, while still waiting. */
  daysSinceReady: Type.Integer(),
  liveOffer: Nullable(LiveOfferRefSchema),
  /** 1-based position in the queue for its service type (open entries). */
  position: Nullable(Type.Integer()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type QueueEntry = Static<typeof QueueEntrySchema>;

export const CreateQueueEntrySchema = Type.Object(
  {
    clientId: UuidSchema,
    serviceTypeId: UuidSchema,
    decisionDate: DateSchema,
    readyDate: Type.Optional(Nullable(DateSchema)),
    urgency: UrgencySchema,
    preferredUnitIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 10, uniqueItems: true })),
    preferredDistricts: Type.Optional(Type.Array(RequiredText(100), { maxItems: 30, uniqueItems: true })),
    onlyPreferredUnits: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateQueueEntry = Static<typeof CreateQueueEntrySchema>;

export const UpdateQueueEntrySchema = Type.Object(
  {
    decisionDate: Type.Optional(DateSchema),
    readyDate: Type.Optional(Nullable(DateSchema)),
    preferredUnitIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 10, uniqueItems: true })),
    preferredDistricts: Type.Optional(Type.Array(RequiredText(100), { maxItems: 30, uniqueItems: true })),
    onlyPreferredUnits: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateQueueEntry = Static<typeof UpdateQueueEntrySchema>;

/** A manual change of the queue position: urgency class and/or queue date, always with a reason. */
export const ChangePrioritySchema = Type.Object(
  {
    urgency: Type.Optional(UrgencySchema),
    /** Null clears an earlier manual date. */
    priorityDate: Type.Optional(Nullable(DateSchema)),
    reason: RequiredText(1000),
  },
  { additionalProperties: false },
);
export type ChangePriority = Static<typeof ChangePrioritySchema>;

export const CloseQueueEntrySchema = Type.Object(
  { reason: CloseReasonSchema, on: DateSchema, note: RequiredText(1000) },
  { additionalProperties: false },
);
export type CloseQueueEntry = Static<typeof CloseQueueEntrySchema>;

export const QueueListQuerySchema = Type.Object({
  ...pageQueryProperties,
  serviceTypeId: Type.Optional(UuidSchema),
  urgency: Type.Optional(Type.Array(UrgencySchema, { maxItems: 3 })),
  waitingSetting: Type.Optional(Type.Array(WaitingSettingSchema, { maxItems: 5 })),
  /** Entries preferring any of these districts. */
  district: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
  language: Type.Optional(CareLanguageSchema),
  needTagId: Type.Optional(Type.Array(UuidSchema, { maxItems: 20 })),
  clockState: Type.Optional(Type.Array(ClockStateSchema, { maxItems: 5 })),
  /** Default: the open ones (queued, offered, interim). */
  status: Type.Optional(Type.Array(EntryStatusSchema, { maxItems: 7 })),
  needsReassessment: Type.Optional(Type.Boolean()),
  /** Name or identity code. */
  q: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
});
export type QueueListQuery = Static<typeof QueueListQuerySchema>;

export const QueuePageSchema = PageSchema(QueueEntrySchema);

export const QueueExportQuerySchema = Type.Object({
  ...QueueListQuerySchema.properties,
  format: Type.Enum(['csv', 'xlsx'] as const),
});
export type QueueExportQuery = Static<typeof QueueExportQuerySchema>;

// ------------------------------------------------------------------------------------------ matching

const Explanation = Type.Object(
  { code: Type.String(), points: Type.Optional(Type.Number()) },
  { additionalProperties: true },
);

export const CandidateSchema = Type.Object({
  rank: Type.Integer(),
  score: Type.Number(),
  entry: QueueEntrySchema,
  reasons: Type.Array(Explanation),
  lacks: Type.Array(Explanation),
  /** For a couple: the spouse's entry and the second vacancy that would be offered. */
  spouse: Nullable(
    Type.Object({ entryId: UuidSchema, clientId: UuidSchema, name: Type.String(), vacancyId: UuidSchema }),
  ),
});
export type Candidate = Static<typeof CandidateSchema>;

export const CandidatesQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const CandidateListSchema = Type.Object({
  vacancy: VacancySchema,
  candidates: Type.Array(CandidateSchema),
  /** Fitting candidates in all (the list shows the first `limit`). */
  total: Type.Integer(),
  /** Waiting entries of this service type left out, counted by the hard constraint they fail. */
  excluded: Type.Record(Type.String(), Type.Integer()),
});
export type CandidateList = Static<typeof CandidateListSchema>;

export const PlaceMatchSchema = Type.Object({
  vacancy: VacancySchema,
  score: Type.Number(),
  reasons: Type.Array(Explanation),
  lacks: Type.Array(Explanation),
  spouseVacancyId: Nullable(UuidSchema),
});
export type PlaceMatch = Static<typeof PlaceMatchSchema>;

// --------------------------------------------------------------------------------------------- offers

export const OfferEventSchema = Type.Object({
  at: DateTime,
  kind: Type.String(),
  actor: Type.String(),
  actorSide: Type.Enum(['city', 'provider', 'system'] as const),
  reason: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type OfferEvent = Static<typeof OfferEventSchema>;

export const PlacementOfferSchema = Type.Object({
  id: UuidSchema,
  /** Offers made together (a couple's two places) share a group and are answered together. */
  groupId: UuidSchema,
  vacancy: Type.Object({
    id: UuidSchema,
    availableFrom: DateSchema,
    unit: UnitRef,
    provider: Type.Object({ id: UuidSchema, name: Type.String(), kind: ProviderKindSchema }),
    serviceType: ServiceTypeRef,
  }),
  entryId: UuidSchema,
  client: Type.Object({
    id: UuidSchema,
    firstName: Type.String(),
    lastName: Type.String(),
    age: Type.Integer(),
    language: Type.String(),
  }),
  /**
   * A couple's two places: the other offer of the group, answered and released with this one.
   * (Optional only so older fixtures stay valid; the API always sends it.)
   */
  coupleOfferId: Type.Optional(Nullable(UuidSchema)),
  status: OfferStatusSchema,
  interim: Type.Boolean(),
  intendedMoveIn: DateSchema,
  offeredAt: DateTime,
  offeredBy: Type.String(),
  responseDueAt: DateTime,
  moveInDueOn: Nullable(DateSchema),
  movedInOn: Nullable(DateSchema),
  /** Why a coordinator chose this client over a higher-ranked one. */
  pickReason: Nullable(Type.String()),
  rankAtOffer: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  timeline: Type.Array(OfferEventSchema),
});
export type PlacementOffer = Static<typeof PlacementOfferSchema>;

export const CreateOfferSchema = Type.Object(
  {
    vacancyId: UuidSchema,
    entryId: UuidSchema,
    /** Required for a couple: the second vacancy of the same unit. */
    spouseVacancyId: Type.Optional(UuidSchema),
    interim: Type.Optional(Type.Boolean()),
    intendedMoveIn: DateSchema,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Required when the client is not the top-ranked candidate. */
    pickReason: Type.Optional(RequiredText(1000)),
  },
  { additionalProperties: false },
);
export type CreateOffer = Static<typeof CreateOfferSchema>;

export const ClientAnswerSchema = Type.Union([
  Type.Object({ answer: Type.Literal('accept') }, { additionalProperties: false }),
  Type.Object(
    {
      answer: Type.Literal('decline'),
      reason: RequiredText(1000),
      /** A refusal of a suitable offer counts (restarts the clock by setting, a second one flags reassessment). */
      suitable: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
]);
export type ClientAnswer = Static<typeof ClientAnswerSchema>;

export const ReasonSchema = Type.Object({ reason: RequiredText(1000) }, { additionalProperties: false });
export const OptionalNoteSchema = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const MoveInSchema = Type.Object({ movedInOn: DateSchema }, { additionalProperties: false });

export const OfferListQuerySchema = Type.Object({
  ...pageQueryProperties,
  status: Type.Optional(Type.Array(OfferStatusSchema, { maxItems: 8 })),
  unitId: Type.Optional(UuidSchema),
  clientId: Type.Optional(UuidSchema),
});
export type OfferListQuery = Static<typeof OfferListQuerySchema>;
export const OfferPageSchema = PageSchema(PlacementOfferSchema);

/** What a provider sees of an offer: only what it needs to take the client in. */
export const PortalOfferSchema = Type.Object({
  id: UuidSchema,
  groupId: UuidSchema,
  unit: UnitRef,
  serviceType: ServiceTypeRef,
  vacancyId: UuidSchema,
  client: Type.Object({
    firstName: Type.String(),
    lastName: Type.String(),
    age: Type.Integer(),
    language: Type.String(),
    needs: Type.Array(Tag),
  }),
  /** Two places for a couple: the other offer of the group. */
  coupleOfferId: Nullable(UuidSchema),
  status: OfferStatusSchema,
  intendedMoveIn: DateSchema,
  offeredAt: DateTime,
  responseDueAt: DateTime,
  moveInDueOn: Nullable(DateSchema),
  movedInOn: Nullable(DateSchema),
  note: Nullable(Type.String()),
  timeline: Type.Array(OfferEventSchema),
});
export type PortalOffer = Static<typeof PortalOfferSchema>;
export const PortalOfferPageSchema = PageSchema(PortalOfferSchema);

/**
 * How many of the organisation's offers wait for the provider: to confirm or decline, and accepted
 * by the client with the move-in still to record. Counts only (the portal's navigation badge asks
 * on every page), so no client is disclosed and nothing goes into a client's access log.
 */
export const PortalOffersAwaitingSchema = Type.Object({
  toAnswer: Type.Integer(),
  toRecordMoveIn: Type.Integer(),
});
export type PortalOffersAwaiting = Static<typeof PortalOffersAwaitingSchema>;

// ------------------------------------------------------------------------------------------ client page

export const ClientDetailSchema = Type.Object({
  client: ClientSchema,
  entries: Type.Array(QueueEntrySchema),
  offers: Type.Array(PlacementOfferSchema),
  /** Everything that happened to the client's entries, newest first. */
  timeline: Type.Array(
    Type.Object({
      at: DateTime,
      kind: Type.String(),
      actor: Type.String(),
      entryId: Nullable(UuidSchema),
      offerId: Nullable(UuidSchema),
      reason: Nullable(Type.String()),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});
export type ClientDetail = Static<typeof ClientDetailSchema>;

/** One row of a client's access log (Client Data Act 703/2023 §11): who read or received the data. */
export const AccessLogEntrySchema = Type.Object({
  at: DateTime,
  actorType: Type.String(),
  actor: Nullable(Type.String()),
  action: Type.String(),
  purpose: Nullable(Type.String()),
  /** Where the data went: the user's organisation, or the integration client. */
  recipient: Nullable(Type.String()),
});
export type AccessLogEntry = Static<typeof AccessLogEntrySchema>;
export const AccessLogQuerySchema = Type.Object({
  ...pageQueryProperties,
  format: Type.Optional(Type.Enum(['json', 'csv'] as const)),
});
export const AccessLogPageSchema = PageSchema(AccessLogEntrySchema);

// ----------------------------------------------------------------------------------------------- today

export const TodaySchema = Type.Object({
  today: DateSchema,
  /** Offers waiting for the provider's or the client's answer, soonest deadline first. */
  awaitingAnswer: Type.Array(PlacementOfferSchema),
  /** Accepted offers whose move-in is due or late. */
  moveInsDue: Type.Array(PlacementOfferSchema),
  /** Open entries at or past the warning days, or overdue, most urgent first. */
  deadlines: Type.Array(QueueEntrySchema),
  deadlineCounts: Type.Record(Type.String(), Type.Integer()),
  /** Open vacancies nobody has been offered, longest empty first. */
  vacanciesWithoutOffer: Type.Array(VacancySchema),
  /** Clients in hospital after their ready date: the cost of waiting, accumulating now. */
  hospitalWaiting: Type.Object({
    clients: Type.Integer(),
    days: Type.Integer(),
    euros: Type.Number(),
    dailyEuros: Type.Number(),
    /** Daily price of a hospital day used (the managed price valid today). */
    dailyPrice: Nullable(Type.Number()),
  }),
  needsReassessment: Type.Integer(),
});
export type Today = Static<typeof TodaySchema>;

// --------------------------------------------------------------------------------- waiting-place prices

export const WaitingPriceSchema = Type.Object({
  id: UuidSchema,
  setting: WaitingSettingSchema,
  validFrom: DateSchema,
  dailyPrice: Type.Number(),
});
export type WaitingPrice = Static<typeof WaitingPriceSchema>;
export const CreateWaitingPriceSchema = Type.Object(
  {
    setting: WaitingSettingSchema,
    validFrom: DateSchema,
    dailyPrice: Type.Number({ minimum: 0, maximum: 100_000, multipleOf: 0.01 }),
  },
  { additionalProperties: false },
);
export type CreateWaitingPrice = Static<typeof CreateWaitingPriceSchema>;

// --------------------------------------------------------------------------------------------- import

/** One client and their entry, as another system (the patient record) or a CSV file sends them. */
/** The columns of a queue CSV file (header row, `;` or `,` separated). List cells separate values with `|`. */
export const QUEUE_CSV_COLUMNS = [
  'source_id',
  'personal_identity_code',
  'first_name',
  'last_name',
  'language',
  'waiting_setting',
  'waiting_place',
  'needs',
  'service_type',
  'decision_date',
  'ready_date',
  'urgency',
  'preferred_districts',
  'contact_name',
  'contact_phone',
] as const;

export const ImportRowSchema = Type.Object(
  {
    sourceId: Type.String({ minLength: 1, maxLength: 100 }),
    personalIdentityCode: Type.String({ maxLength: 11 }),
    firstName: Type.String({ maxLength: 100 }),
    lastName: Type.String({ maxLength: 100 }),
    language: Type.String({ maxLength: 2 }),
    waitingSetting: Type.String({ maxLength: 40 }),
    waitingPlace: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    needs: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    serviceType: Type.String({ maxLength: 40 }),
    decisionDate: Type.String({ maxLength: 10 }),
    readyDate: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
    urgency: Type.String({ maxLength: 10 }),
    preferredDistricts: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 })),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  },
  { additionalProperties: false },
);
export type ImportRow = Static<typeof ImportRowSchema>;

export const ImportQueueSchema = Type.Object(
  {
    /** The sending system's name; with each row's `sourceId` it identifies a row across imports. */
    sourceSystem: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }),
    rows: Type.Array(ImportRowSchema, { minItems: 1, maxItems: 20_000 }),
  },
  { additionalProperties: false },
);
export type ImportQueue = Static<typeof ImportQueueSchema>;

export const ImportResultSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResultSchema>;
