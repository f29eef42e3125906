import { Type, type Static } from 'typebox';
import { pageQueryProperties, UuidSchema } from './common.ts';
import type { Scope } from './roles.ts';

/**
 * What other systems can be told about. Each type names its subject (the resource whose id the
 * payload carries and whose events are delivered in order) and the scope an integration client
 * needs to read that subject through the API: a client is only subscribed to what it may read.
 */
export const WEBHOOK_EVENT_TYPES = {
  'key_agreement.signed': { subject: 'key_agreement', scope: 'keys:read' },
  'key_agreement.returned': { subject: 'key_agreement', scope: 'keys:read' },
  'key_agreement.declined': { subject: 'key_agreement', scope: 'keys:read' },
  'vacancy.reported': { subject: 'vacancy', scope: 'care.registry:read' },
  'vacancy.withdrawn': { subject: 'vacancy', scope: 'care.registry:read' },
  'vacancy.filled': { subject: 'vacancy', scope: 'care.registry:read' },
  'offer.made': { subject: 'offer', scope: 'care.queue:read' },
  'offer.confirmed': { subject: 'offer', scope: 'care.queue:read' },
  'offer.declined': { subject: 'offer', scope: 'care.queue:read' },
  'offer.accepted': { subject: 'offer', scope: 'care.queue:read' },
  'offer.expired': { subject: 'offer', scope: 'care.queue:read' },
  'offer.cancelled': { subject: 'offer', scope: 'care.queue:read' },
  'placement.moved_in': { subject: 'offer', scope: 'care.queue:read' },
} as const satisfies Record<string, { subject: string; scope: Scope }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];
export const WebhookEventTypeSchema = Type.Enum(WEBHOOK_EVENT_TYPE_NAMES);
/** Sent only by "send a test event", to the one subscription asked. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** The event types a client with these scopes may be subscribed to. */
export function eventTypesForScopes(scopes: readonly string[]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPE_NAMES.filter((t) => scopes.includes(WEBHOOK_EVENT_TYPES[t].scope));
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const WebhookSubscriptionSchema = Type.Object({
  id: UuidSchema,
  integrationClient: Type.Object({ id: UuidSchema, clientId: Type.String(), name: Type.String() }),
  url: Type.String(),
  eventTypes: Type.Array(WebhookEventTypeSchema),
  description: Nullable(Type.String()),
  enabled: Type.Boolean(),
  /** Until then deliveries carry a second signature with the secret before the last rotation. */
  previousSecretValidUntil: Nullable(DateTime),
  counts: Type.Object({ pending: Type.Integer(), delivered: Type.Integer(), failed: Type.Integer() }),
  lastDeliveryAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type WebhookSubscription = Static<typeof WebhookSubscriptionSchema>;

/** Returned when created or when the secret is rotated: the only time the secret is shown. */
export const WebhookSubscriptionWithSecretSchema = Type.Object({
  ...WebhookSubscriptionSchema.properties,
  secret: Type.String({ description: 'Standard Webhooks secret (`whsec_` + base64); shown once' }),
});
export type WebhookSubscriptionWithSecret = Static<typeof WebhookSubscriptionWithSecretSchema>;

export const WebhookUrlSchema = Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://' });

export const CreateWebhookSubscriptionSchema = Type.Object(
  {
    integrationClientId: UuidSchema,
    url: WebhookUrlSchema,
    eventTypes: Type.Array(WebhookEventTypeSchema, { minItems: 1, uniqueItems: true }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateWebhookSubscription = Static<typeof CreateWebhookSubscriptionSchema>;

export const UpdateWebhookSubscriptionSchema = Type.Object(
  {
    url: Type.Optional(WebhookUrlSchema),
    eventTypes: Type.Optional(Type.Array(WebhookEventTypeSchema, { minItems: 1, uniqueItems: true })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebhookSubscription = Static<typeof UpdateWebhookSubscriptionSchema>;

export const WebhookAttemptSchema = Type.Object({
  at: DateTime,
  /** HTTP status of the receiver's answer; null when there was none (refused, timed out). */
  statusCode: Nullable(Type.Integer()),
  durationMs: Type.Integer(),
  error: Nullable(Type.String()),
});
export type WebhookAttempt = Static<typeof WebhookAttemptSchema>;

export const WebhookDeliverySchema = Type.Object({
  id: UuidSchema,
  subscriptionId: UuidSchema,
  /** The `webhook-id` header: the event's id, the same on every attempt and redelivery. */
  eventId: UuidSchema,
  eventType: Type.String(),
  subject: Type.Object({ type: Type.String(), id: Type.String() }),
  occurredAt: DateTime,
  status: Type.Enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(DateTime),
});
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

export const WebhookDeliveryDetailSchema = Type.Object({
  ...WebhookDeliverySchema.properties,
  /** The exact body sent (ids and the event type only). */
  payload: Type.Unknown(),
  attemptLog: Type.Array(WebhookAttemptSchema),
});
export type WebhookDeliveryDetail = Static<typeof WebhookDeliveryDetailSchema>;

export const WebhookDeliveryListQuerySchema = Type.Object({
  ...pageQueryProperties,
  status: Type.Optional(Type.Enum(WEBHOOK_DELIVERY_STATUSES)),
});
export type WebhookDeliveryListQuery = Static<typeof WebhookDeliveryListQuerySchema>;

/** The body of every delivery (Standard Webhooks): the type, when, and ids only, never personal data. */
export interface WebhookPayload {
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  timestamp: string;
  data: { id: string } & Record<string, string | boolean | null>;
}
