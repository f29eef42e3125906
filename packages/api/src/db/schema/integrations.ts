import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { WEBHOOK_DELIVERY_STATUSES } from '@civic/shared/webhooks';
import { integrationClients, users } from './auth.ts';

/**
 * An integration client's subscription to event types at one URL. The secret is stored encrypted
 * (AES-256-GCM) with a key kept outside the database (WEBHOOK_SECRET_KEY or DATA_DIR), so a dump of
 * the database alone cannot sign a delivery.
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    integrationClientId: uuid()
      .notNull()
      .references(() => integrationClients.id),
    url: text().notNull(),
    eventTypes: text().array().notNull(),
    description: text(),
    enabled: boolean().notNull().default(true),
    secretEncrypted: text().notNull(),
    /** After a rotation, deliveries are signed with both secrets until this time. */
    previousSecretEncrypted: text(),
    previousSecretValidUntil: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_client_idx').on(t.integrationClientId)],
);

/** Something that happened, written in the transaction of the change; ids only, no personal data. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    /** The exact payload every subscriber receives. */
    payload: jsonb().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_events_occurred_idx').on(t.occurredAt)],
);

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', WEBHOOK_DELIVERY_STATUSES);

/**
 * One event for one subscription. `seq` orders deliveries: one of a subscription and subject is
 * sent only when every earlier one of the same subject is delivered, given up or cancelled.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigserial({ mode: 'number' }).notNull().unique(),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    subscriptionId: uuid()
      .notNull()
      .references(() => webhookSubscriptions.id),
    /** `<subject type>:<id>`, the unit of ordering. */
    subject: text().notNull(),
    status: webhookDeliveryStatus().notNull().default('pending'),
    /** Attempts since the delivery was created or last asked to be redelivered. */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A worker holds the delivery until then; a crashed one's lease runs out and another retries. */
    leaseUntil: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_pending_idx')
      .on(t.subscriptionId, t.subject, t.seq)
      .where(sql`status = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.seq),
    index('webhook_deliveries_event_idx').on(t.eventId),
  ],
);

/** Every HTTP attempt of a delivery, for the delivery log. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusCode: integer(),
    durationMs: integer().notNull(),
    error: text(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.at)],
);

/**
 * Idempotency-Key records (IETF httpapi draft): per caller and key, the request's fingerprint and,
 * once answered, the answer to replay. Kept 24 hours; a job removes expired ones.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** `user:<id>` or `client:<id>`: keys are the caller's own. */
    principal: text().notNull(),
    key: text().notNull(),
    fingerprint: text().notNull(),
    /** null while the first request is still running. */
    responseStatus: integer(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    responseBody: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.principal, t.key] }),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);
