import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ENTRY_STATUSES, OFFER_STATUSES, URGENCY_CLASSES, WAITING_SETTINGS } from '@civic/shared/care-queue';
import { users } from './auth.ts';
import { careUnits, serviceTypes, vacancies } from './care.ts';

export const urgencyClass = pgEnum('urgency_class', URGENCY_CLASSES);
export const entryStatus = pgEnum('queue_entry_status', ENTRY_STATUSES);
export const offerStatus = pgEnum('placement_offer_status', OFFER_STATUSES);
export const waitingSetting = pgEnum('waiting_setting', WAITING_SETTINGS);

/**
 * A person with a decision for long-term care. Health-related and highly sensitive: every read is
 * audited with its purpose (`subject_client_id(s)` in the audit log). Needs are tag ids of the same
 * managed list as the units' tags, kept as an array so matching reads one row per client.
 */
export const careClients = pgTable(
  'care_clients',
  {
    id: uuid().primaryKey().defaultRandom(),
    personalIdentityCode: text().notNull(),
    birthDate: date({ mode: 'string' }).notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    /** ISO 639-1 code of the language of care. */
    language: text().notNull(),
    contactName: text(),
    contactRelation: text(),
    contactPhone: text(),
    contactEmail: text(),
    needTagIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    raiCps: smallint(),
    raiAdlh: smallint(),
    raiMaple: smallint(),
    raiAssessedOn: date({ mode: 'string' }),
    /** Both spouses point at each other; `placeTogether` is their wish to live together (§14). */
    spouseClientId: uuid(),
    placeTogether: boolean().notNull().default(false),
    deceasedOn: date({ mode: 'string' }),
    /** Set by an import: the sending system and its id make a row idempotent. */
    sourceSystem: text(),
    sourceId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex('care_clients_pic_idx').on(t.personalIdentityCode),
    uniqueIndex('care_clients_source_idx')
      .on(t.sourceSystem, t.sourceId)
      .where(sql`source_system IS NOT NULL`),
    index('care_clients_name_idx').on(t.lastName, t.firstName),
    check('care_clients_not_own_spouse', sql`spouse_client_id IS NULL OR spouse_client_id <> id`),
    check(
      'care_clients_rai_ranges',
      sql`(rai_cps IS NULL OR rai_cps BETWEEN 0 AND 6)
      AND (rai_adlh IS NULL OR rai_adlh BETWEEN 0 AND 6) AND (rai_maple IS NULL OR rai_maple BETWEEN 1 AND 5)`,
    ),
  ],
);

/**
 * Where a client waits, as periods: the open one (`until` null) is now. The periods are what the
 * cost of waiting (days in hospital after the ready date × the price of a hospital day) is computed
 * from, for any past period.
 */
export const clientWaitingPeriods = pgTable(
  'client_waiting_periods',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => careClients.id),
    setting: waitingSetting().notNull(),
    place: text(),
    unitId: uuid().references(() => careUnits.id),
    since: date({ mode: 'string' }).notNull(),
    until: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('client_waiting_periods_client_idx').on(t.clientId, t.since),
    uniqueIndex('client_waiting_periods_current_idx')
      .on(t.clientId)
      .where(sql`until IS NULL`),
    check('client_waiting_periods_order', sql`until IS NULL OR until >= since`),
  ],
);

/** A client's place in the queue for one service type. At most one open entry per client and type. */
export const queueEntries = pgTable(
  'queue_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => careClients.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    decisionDate: date({ mode: 'string' }).notNull(),
    readyDate: date({ mode: 'string' }),
    urgency: urgencyClass().notNull(),
    priorityDate: date({ mode: 'string' }),
    priorityReason: text(),
    /** In the client's order of preference. */
    preferredUnitIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    preferredDistricts: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    onlyPreferredUnits: boolean().notNull().default(false),
    status: entryStatus().notNull().default('queued'),
    interimUnitId: uuid().references(() => careUnits.id),
    closedOn: date({ mode: 'string' }),
    closeNote: text(),
    refusalCount: integer().notNull().default(0),
    needsReassessment: boolean().notNull().default(false),
    clockRestartedOn: date({ mode: 'string' }),
    /** The day the wait ended (move-in to a permanent place, or closing). */
    endedOn: date({ mode: 'string' }),
    sourceSystem: text(),
    sourceId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex('queue_entries_one_open_idx')
      .on(t.clientId, t.serviceTypeId)
      .where(sql`status IN ('queued', 'offered', 'interim')`),
    index('queue_entries_open_order_idx')
      .on(t.serviceTypeId, t.urgency, t.decisionDate)
      .where(sql`status IN ('queued', 'offered', 'interim')`),
    index('queue_entries_client_idx').on(t.clientId),
    uniqueIndex('queue_entries_source_idx')
      .on(t.sourceSystem, t.sourceId)
      .where(sql`source_system IS NOT NULL`),
    check(
      'queue_entries_closed',
      sql`(status IN ('withdrawn', 'deceased', 'placed_elsewhere')) = (closed_on IS NOT NULL)`,
    ),
  ],
);

/** What happened to an entry: created, edited, priority changed, refused, flagged, closed … */
export const queueEntryEvents = pgTable(
  'queue_entry_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    entryId: uuid()
      .notNull()
      .references(() => queueEntries.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorLabel: text().notNull(),
    reason: text(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('queue_entry_events_entry_idx').on(t.entryId, t.at)],
);

/**
 * An offer of a vacant place to a waiting client. One live offer per vacancy and per entry, made a
 * database fact by partial unique indexes, so two coordinators offering at once end with one offer.
 * A couple's two offers share `group_id` and are answered together.
 */
export const placementOffers = pgTable(
  'placement_offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    groupId: uuid().notNull(),
    vacancyId: uuid()
      .notNull()
      .references(() => vacancies.id),
    entryId: uuid()
      .notNull()
      .references(() => queueEntries.id),
    clientId: uuid()
      .notNull()
      .references(() => careClients.id),
    status: offerStatus().notNull().default('proposed'),
    interim: boolean().notNull().default(false),
    intendedMoveIn: date({ mode: 'string' }).notNull(),
    note: text(),
    pickReason: text(),
    rankAtOffer: integer(),
    offeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    offeredBy: uuid().references(() => users.id),
    responseDueAt: timestamp({ withTimezone: true }).notNull(),
    answeredAt: timestamp({ withTimezone: true }),
    moveInDueOn: date({ mode: 'string' }),
    movedInOn: date({ mode: 'string' }),
    endedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('placement_offers_live_vacancy_idx')
      .on(t.vacancyId)
      .where(sql`status IN ('proposed', 'provider_confirmed', 'accepted')`),
    uniqueIndex('placement_offers_live_entry_idx')
      .on(t.entryId)
      .where(sql`status IN ('proposed', 'provider_confirmed', 'accepted')`),
    index('placement_offers_live_due_idx')
      .on(t.responseDueAt)
      .where(sql`status IN ('proposed', 'provider_confirmed')`),
    index('placement_offers_client_idx').on(t.clientId, t.offeredAt),
    index('placement_offers_group_idx').on(t.groupId),
    index('placement_offers_vacancy_idx').on(t.vacancyId),
  ],
);

/**
 * What the reports need of a vacancy's offers, kept by statement triggers on `placement_offers`
 * (migration 0017): its first offer's time and the day a client moved in. Read by the vacancy
 * figures instead of grouping every offer on each request.
 */
export const vacancyOfferFacts = pgTable('vacancy_offer_facts', {
  vacancyId: uuid()
    .primaryKey()
    .references(() => vacancies.id, { onDelete: 'cascade' }),
  firstOfferedAt: timestamp({ withTimezone: true }),
  movedInOn: date({ mode: 'string' }),
});

/** Every step of an offer: who, when, why. `actor_side` tells the provider's steps from the city's. */
export const placementOfferEvents = pgTable(
  'placement_offer_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    offerId: uuid()
      .notNull()
      .references(() => placementOffers.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: text().notNull(),
    actorSide: text().$type<'city' | 'provider' | 'system'>().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorLabel: text().notNull(),
    reason: text(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('placement_offer_events_offer_idx').on(t.offerId, t.at)],
);

/** Daily price of a day waiting in each setting (a hospital day above all), valid from a date. */
export const waitingSettingPrices = pgTable(
  'waiting_setting_prices',
  {
    id: uuid().primaryKey().defaultRandom(),
    setting: waitingSetting().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    dailyPrice: numeric({ precision: 10, scale: 2 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex('waiting_setting_prices_valid_idx').on(t.setting, t.validFrom)],
);
