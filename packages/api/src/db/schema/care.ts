import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { VACANCY_STATUSES } from '@civic/shared/care-capacity';
import { users } from './auth.ts';
import { providers } from './org.ts';

type Names = { fi: string; sv: string; en: string };

/** Managed list of service types (24-hour service housing and others). */
export const serviceTypes = pgTable('service_types', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  names: jsonb().$type<Names>().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Managed list of unit tags (dementia/secure unit, Swedish-language, couple rooms …). */
export const careTags = pgTable('care_tags', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  names: jsonb().$type<Names>().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const careUnits = pgTable(
  'care_units',
  {
    id: uuid().primaryKey().defaultRandom(),
    providerId: uuid()
      .notNull()
      .references(() => providers.id),
    name: text().notNull(),
    address: text().notNull(),
    district: text().notNull(),
    /** Languages care is given in: fi, sv, en, or others by ISO 639-1 code. */
    languages: text()
      .array()
      .notNull()
      .default(sql`'{fi}'::text[]`),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('care_units_provider_idx').on(t.providerId), index('care_units_district_idx').on(t.district)],
);

export const careUnitTags = pgTable(
  'care_unit_tags',
  {
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    tagId: uuid()
      .notNull()
      .references(() => careTags.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.tagId] }), index('care_unit_tags_tag_idx').on(t.tagId)],
);

/** Daily price of a purchased place; the price valid on a day is the latest `validFrom` ≤ that day. */
export const careUnitPrices = pgTable(
  'care_unit_prices',
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    validFrom: date({ mode: 'string' }).notNull(),
    dailyPrice: numeric({ precision: 10, scale: 2 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex('care_unit_prices_valid_idx').on(t.unitId, t.serviceTypeId, t.validFrom)],
);

/**
 * Current capacity figures per unit and service type. Every change (an update, a confirmation that
 * nothing changed, a vacancy moving the figures) also appends a row to capacity_history.
 */
export const careCapacity = pgTable(
  'care_capacity',
  {
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    maxCapacity: integer().notNull(),
    occupied: integer().notNull(),
    reserved: integer().notNull(),
    vacantAccepting: integer().notNull(),
    closedToAdmissions: boolean().notNull().default(false),
    /** When the provider last said these figures are true (an update or "nothing has changed"). */
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: clients send the version they saw. */
    version: integer().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.serviceTypeId] }),
    index('care_capacity_confirmed_idx').on(t.confirmedAt),
    // The database refuses figures that do not add up, whatever the code does.
    check(
      'care_capacity_adds_up',
      sql`occupied >= 0 AND reserved >= 0 AND vacant_accepting >= 0
          AND occupied + reserved + vacant_accepting <= max_capacity
          AND NOT (closed_to_admissions AND vacant_accepting > 0)`,
    ),
  ],
);

export const capacityHistory = pgTable(
  'capacity_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: text().$type<'update' | 'confirm' | 'vacancy' | 'created'>().notNull(),
    maxCapacity: integer().notNull(),
    occupied: integer().notNull(),
    reserved: integer().notNull(),
    vacantAccepting: integer().notNull(),
    closedToAdmissions: boolean().notNull(),
    actorUserId: uuid().references(() => users.id),
    actorLabel: text().notNull(),
    vacancyId: uuid(),
    /**
     * The order the changes were written in. One transaction can write two changes of a unit with
     * the same `at` (a couple's two places), so only this tells which is the later state.
     */
    seq: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [index('capacity_history_unit_idx').on(t.unitId, t.serviceTypeId, t.at)],
);

/**
 * Each unit's figures day by day, as the occupancy figures read them: one row per day its
 * figures changed, holding that day's last state until the next such day (`until`, exclusive;
 * null: still). Kept by a trigger on capacity_history (migration `0013_reports_live`), so it is
 * true whatever writes the history; a day never goes back (a change stamped earlier than the one
 * before it counts on that one's day).
 */
export const capacityDays = pgTable(
  'capacity_days',
  {
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    day: date({ mode: 'string' }).notNull(),
    until: date({ mode: 'string' }),
    maxCapacity: integer().notNull(),
    occupied: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.serviceTypeId, t.day] }),
    uniqueIndex('capacity_days_current_idx')
      .on(t.unitId, t.serviceTypeId)
      .where(sql`until IS NULL`),
    index('capacity_days_day_idx').on(t.day),
    // The ranges meeting a period's part-months (the figures read the whole months from
    // capacity_months); an open range is unbounded above.
    index('capacity_days_range_idx').using('gist', sql`daterange(${t.day}, ${t.until})`),
  ],
);

/**
 * The closed ranges of `capacity_days` summed per calendar month (a range over several months
 * split at their first days): the days, occupied place-days and place-days each unit's figures
 * held. Kept by a trigger on capacity_days (migration `0015_capacity_months`) that adds each
 * change's difference, so concurrent writers each add their own; the occupancy figures read the
 * whole months of a period here and only its part-months and the open ranges from capacity_days.
 */
export const capacityMonths = pgTable(
  'capacity_months',
  {
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    /** The month's first day. */
    month: date({ mode: 'string' }).notNull(),
    days: integer().notNull(),
    occupiedDays: bigint({ mode: 'number' }).notNull(),
    placeDays: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.serviceTypeId, t.month] })],
);

export const vacancyStatus = pgEnum('vacancy_status', VACANCY_STATUSES);

export const vacancies = pgTable(
  'vacancies',
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => careUnits.id),
    serviceTypeId: uuid()
      .notNull()
      .references(() => serviceTypes.id),
    availableFrom: date({ mode: 'string' }).notNull(),
    notes: text(),
    status: vacancyStatus().notNull().default('open'),
    reportedBy: uuid().references(() => users.id),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnReason: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('vacancies_open_idx')
      .on(t.reportedAt)
      .where(sql`status IN ('open', 'offered')`),
    index('vacancies_unit_idx').on(t.unitId, t.reportedAt),
  ],
);

/** One-time invitations to set a password (provider admins inviting their users). */
export const userInvitations = pgTable(
  'user_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('user_invitations_token_idx').on(t.tokenHash),
    index('user_invitations_user_idx').on(t.userId),
  ],
);

/** One stale-figures reminder per provider and day, so a rerun of the job sends nothing twice. */
export const careStaleReminders = pgTable(
  'care_stale_reminders',
  {
    providerId: uuid()
      .notNull()
      .references(() => providers.id),
    sentOn: date({ mode: 'string' }).notNull(),
    unitCount: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.sentOn] })],
);
