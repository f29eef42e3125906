import { date, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const providerKind = pgEnum('provider_kind', ['own', 'purchased']);

/** A care provider organisation: the city's own production or a purchased-service company. */
export const providers = pgTable('providers', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  businessId: text(),
  kind: providerKind().notNull(),
  contactName: text(),
  contactEmail: text(),
  contactPhone: text(),
  /** Purchased-service contract period; null for the city's own production. */
  contractStart: date({ mode: 'string' }),
  contractEnd: date({ mode: 'string' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A building where keys are lent: a school or another site with self-supervised spaces. */
export const sites = pgTable('sites', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  address: text().notNull(),
  district: text().notNull(),
  department: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
