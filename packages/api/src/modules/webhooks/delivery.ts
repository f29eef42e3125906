import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { webhookDeliveryAttempts } from '../../db/schema/index.ts';
import { WEBHOOK_CHANNEL } from './events.ts';
import { secretBox } from './secrets.ts';
import { postWebhook } from './target.ts';

export const DELIVER_JOB = 'webhooks.deliver';
const BATCH = 16;
/** One job run stops claiming after this long and asks for another run, so a backlog never holds a worker. */
const RUN_BUDGET_MS = 50_000;

/** Instances that are closing: their delivery runs stop claiming (what is in flight finishes). */
const stopping = new WeakSet<FastifyInstance>();

interface Claimed extends Record<string, unknown> {
  id: string;
  event_id: string;
  attempts: number;
  payload: unknown;
  url: string;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_valid: boolean;
  deliverable: boolean;
}

/** Seconds to wait after the n-th failed attempt: base × 2^(n−1), capped, plus up to 10 % jitter. */
export function retryDelaySeconds(attempt: number, base: number, cap: number, random = Math.random()) {
  const plain = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return plain * (1 + random * 0.1);
}

/**
 * Takes the first pending delivery of each (subscription, subject) whose time has come and that no
 * worker holds, and leases it. Only the head of a subject is ever taken, so events of one subject
 * reach a receiver in the order they happened, and a failing one holds back the later ones until it
 * is delivered or given up. SKIP LOCKED lets several workers (instances) share the work.
 */
async function claim(app: FastifyInstance, notAfter: Date): Promise<Claimed[]> {
  const leaseSeconds = Math.ceil(app.config.WEBHOOK_TIMEOUT_MS / 1000) + 30;
  const res = await app.db.execute<Claimed>(sql`
    WITH heads AS (
      SELECT DISTINCT ON (subscription_id, subject) id, next_attempt_at, lease_until
        FROM webhook_deliveries WHERE status = 'pending'
       ORDER BY subscription_id, subject, seq),
    picked AS (
      SELECT d.id FROM webhook_deliveries d JOIN heads h ON h.id = d.id
       WHERE h.next_attempt_at <= ${notAfter} AND (h.lease_until IS NULL OR h.lease_until < now())
       ORDER BY d.seq LIMIT ${BATCH}
       FOR UPDATE OF d SKIP LOCKED)
    UPDATE webhook_deliveries d
       SET lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1
      FROM picked, webhook_events e, webhook_subscriptions s, integration_clients c
     WHERE d.id = picked.id AND e.id = d.event_id AND s.id = d.subscription_id AND c.id = s.integration_client_id
 RETURNING d.id, d.event_id, d.attempts, e.payload, s.url, s.secret_encrypted, s.previous_secret_encrypted,
           coalesce(s.previous_secret_valid_until > now(), false) AS previous_valid,
           (s.enabled AND c.revoked_at IS NULL) AS deliverable`);
  return res.rows;
}

/** Standard Webhooks headers; during a secret rotation the signature header carries both signatures. */
export function signedHeaders(
  eventId: string,
  body: string,
  secrets: string[],
  now = new Date(),
): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(eventId, now, body));
  return {
    'content-type': 'application/json',
    'user-agent': 'Civic-Webhooks/1.0',
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

async function attempt(app: FastifyInstance, d: Claimed) {
  const { config } = app;
  if (!d.deliverable) {
    // Disabled since, or its client was revoked: nothing is sent to a system that lost its access.
    await app.db.execute(sql`UPDATE webhook_deliveries SET status = 'cancelled', lease_until = NULL,
      attempts = attempts - 1, last_error = 'subscription disabled or client revoked' WHERE id = ${d.id}`);
    return 'cancelled' as const;
  }
  const box = secretBox(config.WEBHOOK_SECRET_KEY);
  const secrets = [box.open(d.secret_encrypted)];
  if (d.previous_valid && d.previous_secret_encrypted) secrets.push(box.open(d.previous_secret_encrypted));
  const body = JSON.stringify(d.payload);
  const started = performance.now();
  const result = await postWebhook(d.url, signedHeaders(d.event_id, body, secrets), body, {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
  });
  const durationMs = Math.round(performance.now() - started);
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const error = ok ? null : (result.error ?? `HTTP ${result.statusCode}`);
  const giveUp = !ok && d.attempts >= config.WEBHOOK_MAX_ATTEMPTS;
  const delay = retryDelaySeconds(
    d.attempts,
    config.WEBHOOK_RETRY_BASE_SECONDS,
    config.WEBHOOK_RETRY_MAX_SECONDS,
  );
  await app.db.transaction(async (tx) => {
    await tx.insert(webhookDeliveryAttempts).values({
      deliveryId: d.id,
      statusCode: result.statusCode,
      durationMs,
      error,
    });
    await tx.execute(sql`
      UPDATE webhook_deliveries SET lease_until = NULL, last_status_code = ${result.statusCode}, last_error = ${error},
             status = ${ok ? 'delivered' : giveUp ? 'failed' : 'pending'}::webhook_delivery_status,
             delivered_at = ${ok ? sql`now()` : sql`NULL`},
             next_attempt_at = ${ok || giveUp ? sql`next_attempt_at` : sql`now() + make_interval(secs => ${delay})`}
       WHERE id = ${d.id} AND status = 'pending'`);
  });
  if (!ok && !giveUp) app.jobs.kickAt(DELIVER_JOB, new Date(Date.now() + delay * 1000));
  return ok ? ('delivered' as const) : giveUp ? ('failed' as const) : ('retry' as const);
}

/**
 * The delivery job: sends every due delivery, subject by subject in order, several subjects at once.
 * Only deliveries due when the run started are attempted, so a run never retries one in a loop.
 */
export async function deliverDueWebhooks(app: FastifyInstance) {
  const started = Date.now();
  const notAfter = new Date();
  const counts = { delivered: 0, retry: 0, failed: 0, cancelled: 0 };
  for (;;) {
    if (stopping.has(app)) break;
    if (Date.now() - started > RUN_BUDGET_MS) {
      app.jobs.kick(DELIVER_JOB);
      break;
    }
    const batch = await claim(app, notAfter);
    if (!batch.length) break;
    for (const outcome of await Promise.all(batch.map((d) => attempt(app, d)))) counts[outcome]++;
  }
  return counts;
}

/** Removes delivered, failed and cancelled deliveries (and their events) past the retention time. */
export async function pruneWebhookLog(app: FastifyInstance) {
  const days = app.config.WEBHOOK_LOG_RETENTION_DAYS;
  const res = await app.db.execute(sql`
    DELETE FROM webhook_events e
     WHERE e.occurred_at < now() - make_interval(days => ${days})
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`);
  return { removed: res.rowCount ?? 0 };
}

/**
 * Listens for commits that queued deliveries (NOTIFY is sent only at commit) and asks for a
 * delivery run at once; the every-minute schedule covers whatever arrives while not connected.
 */
export function listenForWebhookEvents(app: FastifyInstance) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 1000;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({
      connectionString: app.config.DATABASE_URL,
      application_name: 'civic-webhooks',
    });
    client = c;
    const again = () => {
      if (client !== c || stopped) return;
      client = null;
      c.end().catch(() => {});
      setTimeout(connect, retryMs).unref();
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    c.on('error', again);
    c.on('end', again);
    c.on('notification', () => app.jobs.kick(DELIVER_JOB));
    try {
      await c.connect();
      await c.query(`LISTEN ${WEBHOOK_CHANNEL}`);
      retryMs = 1000;
      // Anything committed while not listening (or before this instance started) goes now.
      app.jobs.kick(DELIVER_JOB);
    } catch {
      again();
    }
  };
  app.addHook('onReady', async () => {
    if (app.jobs.running) await connect();
  });
  app.addHook('preClose', async () => {
    stopping.add(app);
  });
  app.addHook('onClose', async () => {
    stopped = true;
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  });
}
