import { sql } from 'drizzle-orm';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookPayload } from '@civic/shared/webhooks';
import type { Executor } from '../../db/client.ts';

/** The channel a commit that queued deliveries notifies, so a worker starts at once (see delivery.ts). */
export const WEBHOOK_CHANNEL = 'civic_webhooks';

/**
 * Records that something happened, in the caller's transaction: one event row and one delivery per
 * enabled subscription of a client that is not revoked and wants this type. Nothing is written when
 * nobody subscribes. The notification is sent by PostgreSQL only if the transaction commits.
 * `data` carries ids only (the subject's and its parents'), never personal data.
 */
export async function emitWebhookEvent(
  tx: Executor,
  type: WebhookEventType,
  subjectId: string,
  data: Record<string, string | boolean | null> = {},
) {
  const subjectType = WEBHOOK_EVENT_TYPES[type].subject;
  const payload: Omit<WebhookPayload, 'timestamp'> = { type, data: { id: subjectId, ...data } };
  const res = await tx.execute<{ n: number }>(sql`
    WITH subs AS (
      SELECT s.id FROM webhook_subscriptions s JOIN integration_clients c ON c.id = s.integration_client_id
       WHERE s.enabled AND c.revoked_at IS NULL AND ${type} = ANY (s.event_types)),
    ev AS (
      INSERT INTO webhook_events (type, subject_type, subject_id, payload)
      SELECT ${type}, ${subjectType}, ${subjectId},
             jsonb_build_object('type', ${type}::text, 'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                'data', ${JSON.stringify(payload.data)}::jsonb)
       WHERE EXISTS (SELECT 1 FROM subs)
      RETURNING id),
    d AS (
      INSERT INTO webhook_deliveries (event_id, subscription_id, subject)
      SELECT ev.id, subs.id, ${`${subjectType}:${subjectId}`} FROM ev, subs ORDER BY subs.id
      RETURNING 1)
    SELECT count(*)::int AS n FROM d`);
  if ((res.rows[0]?.n ?? 0) > 0) await tx.execute(sql`SELECT pg_notify(${WEBHOOK_CHANNEL}, '')`);
}
