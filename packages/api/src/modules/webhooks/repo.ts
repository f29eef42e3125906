import { sql, type SQL } from 'drizzle-orm';
import type {
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryListQuery,
  WebhookEventType,
  WebhookSubscription,
} from '@civic/shared/webhooks';
import type { Page } from '@civic/shared/common';
import type { Executor } from '../../db/client.ts';
import { WEBHOOK_CHANNEL } from './events.ts';

interface SubscriptionRow extends Record<string, unknown> {
  id: string;
  client_pk: string;
  client_id: string;
  client_name: string;
  url: string;
  event_types: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  previous_secret_valid_until: Date | null;
  pending: number;
  delivered: number;
  failed: number;
  last_delivery_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toSubscription(r: SubscriptionRow): WebhookSubscription {
  return {
    id: r.id,
    integrationClient: { id: r.client_pk, clientId: r.client_id, name: r.client_name },
    url: r.url,
    eventTypes: r.event_types,
    description: r.description,
    enabled: r.enabled,
    previousSecretValidUntil:
      r.previous_secret_valid_until && new Date(r.previous_secret_valid_until) > new Date()
        ? iso(r.previous_secret_valid_until)
        : null,
    counts: { pending: r.pending, delivered: r.delivered, failed: r.failed },
    lastDeliveryAt: iso(r.last_delivery_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export async function selectSubscriptions(db: Executor, where: SQL = sql`TRUE`) {
  const res = await db.execute<SubscriptionRow>(sql`
    SELECT s.id, c.id AS client_pk, c.client_id, c.name AS client_name, s.url, s.event_types, s.description, s.enabled,
           s.previous_secret_valid_until, s.created_at, s.updated_at,
           coalesce(n.pending, 0)::int AS pending, coalesce(n.delivered, 0)::int AS delivered,
           coalesce(n.failed, 0)::int AS failed, n.last_delivery_at
      FROM webhook_subscriptions s
      JOIN integration_clients c ON c.id = s.integration_client_id
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE d.status = 'pending') AS pending,
               count(*) FILTER (WHERE d.status = 'delivered') AS delivered,
               count(*) FILTER (WHERE d.status = 'failed') AS failed,
               max(d.delivered_at) AS last_delivery_at
          FROM webhook_deliveries d WHERE d.subscription_id = s.id) n ON TRUE
     WHERE ${where}
     ORDER BY c.name, s.created_at`);
  return res.rows.map(toSubscription);
}

export async function selectSubscription(db: Executor, id: string) {
  return (await selectSubscriptions(db, sql`s.id = ${id}`))[0] ?? null;
}

interface DeliveryRow extends Record<string, unknown> {
  id: string;
  subscription_id: string;
  event_id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  occurred_at: Date;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  payload: unknown;
}

const DELIVERY_SELECT = sql`
  SELECT d.id, d.subscription_id, d.event_id, e.type, e.subject_type, e.subject_id, e.occurred_at, d.status, d.attempts,
         d.next_attempt_at, d.last_status_code, d.last_error, d.delivered_at, e.payload
    FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id`;

function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    eventType: r.type,
    subject: { type: r.subject_type, id: r.subject_id },
    occurredAt: iso(r.occurred_at)!,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    deliveredAt: iso(r.delivered_at),
  };
}

/** A subscription's deliveries, newest first. */
export async function selectDeliveries(
  db: Executor,
  subscriptionId: string,
  query: WebhookDeliveryListQuery,
): Promise<Page<WebhookDelivery>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const where = sql`d.subscription_id = ${subscriptionId} ${query.status ? sql`AND d.status = ${query.status}` : sql``}`;
  const [rows, count] = await Promise.all([
    db.execute<DeliveryRow>(sql`${DELIVERY_SELECT} WHERE ${where}
      ORDER BY d.seq DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_deliveries d WHERE ${where}`),
  ]);
  return { items: rows.rows.map(toDelivery), page, pageSize, total: count.rows[0]?.n ?? 0 };
}

export async function selectDelivery(
  db: Executor,
  subscriptionId: string,
  id: string,
): Promise<WebhookDeliveryDetail | null> {
  const res = await db.execute<DeliveryRow>(
    sql`${DELIVERY_SELECT} WHERE d.id = ${id} AND d.subscription_id = ${subscriptionId}`,
  );
  const row = res.rows[0];
  if (!row) return null;
  const attempts = await db.execute<{
    at: Date;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
  }>(sql`SELECT at, status_code, duration_ms, error FROM webhook_delivery_attempts
          WHERE delivery_id = ${id} ORDER BY at DESC, id DESC LIMIT 100`);
  return {
    ...toDelivery(row),
    payload: row.payload,
    attemptLog: attempts.rows.map((a) => ({
      at: iso(a.at)!,
      statusCode: a.status_code,
      durationMs: a.duration_ms,
      error: a.error,
    })),
  };
}

/** Pending deliveries of a subscription no longer go out (it was disabled). */
export async function cancelPending(tx: Executor, subscriptionId: string) {
  await tx.execute(sql`UPDATE webhook_deliveries SET status = 'cancelled', lease_until = NULL,
    last_error = 'subscription disabled' WHERE subscription_id = ${subscriptionId} AND status = 'pending'`);
}

/** A delivery goes out again (same webhook-id), with a fresh set of attempts. */
export async function requeueDelivery(tx: Executor, subscriptionId: string, id: string) {
  const res = await tx.execute(sql`UPDATE webhook_deliveries
       SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL, delivered_at = NULL
     WHERE id = ${id} AND subscription_id = ${subscriptionId} RETURNING id`);
  if (res.rows.length) await notifyWorkers(tx);
  return res.rows.length > 0;
}

/** A `webhook.test` event for one subscription only. */
export async function insertTestEvent(tx: Executor, subscriptionId: string) {
  const res = await tx.execute<{ id: string }>(sql`
    WITH ev AS (
      INSERT INTO webhook_events (type, subject_type, subject_id, payload)
      VALUES ('webhook.test', 'webhook_subscription', ${subscriptionId},
              jsonb_build_object('type', 'webhook.test', 'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'data', jsonb_build_object('id', ${subscriptionId}::text)))
      RETURNING id)
    INSERT INTO webhook_deliveries (event_id, subscription_id, subject)
    SELECT ev.id, ${subscriptionId}, ${`webhook_subscription:${subscriptionId}`} FROM ev RETURNING id`);
  await notifyWorkers(tx);
  return res.rows[0]!.id;
}

export const notifyWorkers = (tx: Executor) => tx.execute(sql`SELECT pg_notify(${WEBHOOK_CHANNEL}, '')`);
