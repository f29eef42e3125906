import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import {
  WEBHOOK_EVENT_TYPES,
  type CreateWebhookSubscription,
  type UpdateWebhookSubscription,
  type WebhookDeliveryListQuery,
  type WebhookEventType,
} from '@civic/shared/webhooks';
import type { FieldError } from '@civic/shared/problem';
import type { Executor } from '../../db/client.ts';
import { integrationClients, webhookSubscriptions } from '../../db/schema/index.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import * as repo from './repo.ts';
import { newWebhookSecret, secretBox } from './secrets.ts';
import { checkTargetUrl, TargetRefused } from './target.ts';

/** How long deliveries are also signed with the secret before a rotation, for receivers to switch over. */
const ROTATION_OVERLAP_HOURS = 24;

async function clientOf(db: Executor, id: string) {
  const [client] = await db.select().from(integrationClients).where(eq(integrationClients.id, id));
  if (!client) throw notFound('Integration client');
  return client;
}

/** A client is only told about what it may read through the API (each type's scope). */
function checkEventTypes(types: readonly WebhookEventType[], scopes: readonly string[]) {
  const errors: FieldError[] = types.flatMap((t, i) =>
    scopes.includes(WEBHOOK_EVENT_TYPES[t].scope)
      ? []
      : [{ field: `/eventTypes/${i}`, message: `needs_scope:${WEBHOOK_EVENT_TYPES[t].scope}` }],
  );
  if (errors.length) throw badRequest('The integration client lacks the scope these events need', errors);
}

async function checkUrl(request: FastifyRequest, url: string) {
  try {
    await checkTargetUrl(url, request.server.config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
  } catch (err) {
    if (err instanceof TargetRefused)
      throw badRequest(`The target URL is refused: ${err.message}`, [{ field: '/url', message: err.reason }]);
    throw err;
  }
}

async function existing(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id))
    .for('update');
  if (!row) throw notFound('Webhook subscription');
  return row;
}

export async function listSubscriptions(request: FastifyRequest) {
  return repo.selectSubscriptions(request.server.db);
}

export async function getSubscription(request: FastifyRequest, id: string) {
  const found = await repo.selectSubscription(request.server.db, id);
  if (!found) throw notFound('Webhook subscription');
  return found;
}

export async function createSubscription(request: FastifyRequest, body: CreateWebhookSubscription) {
  const { db, config } = request.server;
  const actor = request.requireUser();
  const client = await clientOf(db, body.integrationClientId);
  if (client.revokedAt) throw conflict('A revoked integration client cannot be subscribed');
  checkEventTypes(body.eventTypes, client.scopes);
  await checkUrl(request, body.url);
  const secret = newWebhookSecret();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        integrationClientId: client.id,
        url: body.url,
        eventTypes: body.eventTypes,
        description: body.description?.trim() || null,
        secretEncrypted: secretBox(config.WEBHOOK_SECRET_KEY).seal(secret),
        createdBy: actor.id,
      })
      .returning({ id: webhookSubscriptions.id });
    await request.audit(
      {
        action: 'webhook.created',
        targetType: 'webhook_subscription',
        targetId: row!.id,
        metadata: { integrationClientId: client.id, url: body.url, eventTypes: body.eventTypes },
      },
      tx,
    );
    return row!.id;
  });
  return { ...(await getSubscription(request, id)), secret };
}

export async function updateSubscription(
  request: FastifyRequest,
  id: string,
  patch: UpdateWebhookSubscription,
) {
  const { db } = request.server;
  if (patch.url) await checkUrl(request, patch.url);
  await db.transaction(async (tx) => {
    const row = await existing(tx, id);
    if (patch.eventTypes)
      checkEventTypes(patch.eventTypes, (await clientOf(tx, row.integrationClientId)).scopes);
    await tx
      .update(webhookSubscriptions)
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.eventTypes !== undefined ? { eventTypes: patch.eventTypes } : {}),
        ...(patch.description !== undefined ? { description: patch.description?.trim() || null } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        updatedAt: new Date(),
      })
      .where(eq(webhookSubscriptions.id, id));
    if (patch.enabled === false && row.enabled) await repo.cancelPending(tx, id);
    await request.audit(
      { action: 'webhook.updated', targetType: 'webhook_subscription', targetId: id, metadata: { ...patch } },
      tx,
    );
  });
  return getSubscription(request, id);
}

/** A new secret, shown once; deliveries carry signatures with both for a day, so receivers can switch. */
export async function rotateSecret(request: FastifyRequest, id: string) {
  const { db, config } = request.server;
  const secret = newWebhookSecret();
  await db.transaction(async (tx) => {
    const row = await existing(tx, id);
    await tx
      .update(webhookSubscriptions)
      .set({
        secretEncrypted: secretBox(config.WEBHOOK_SECRET_KEY).seal(secret),
        previousSecretEncrypted: row.secretEncrypted,
        previousSecretValidUntil: sql`now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS})`,
        updatedAt: new Date(),
      })
      .where(eq(webhookSubscriptions.id, id));
    await request.audit(
      { action: 'webhook.secret_rotated', targetType: 'webhook_subscription', targetId: id },
      tx,
    );
  });
  return { ...(await getSubscription(request, id)), secret };
}

export async function sendTestEvent(request: FastifyRequest, id: string) {
  return request.server.db.transaction(async (tx) => {
    const row = await existing(tx, id);
    if (!row.enabled) throw conflict('The subscription is disabled');
    const deliveryId = await repo.insertTestEvent(tx, id);
    await request.audit(
      { action: 'webhook.test_sent', targetType: 'webhook_subscription', targetId: id },
      tx,
    );
    return { deliveryId };
  });
}

export async function listDeliveries(request: FastifyRequest, id: string, query: WebhookDeliveryListQuery) {
  await getSubscription(request, id);
  return repo.selectDeliveries(request.server.db, id, query);
}

export async function getDelivery(request: FastifyRequest, id: string, deliveryId: string) {
  const found = await repo.selectDelivery(request.server.db, id, deliveryId);
  if (!found) throw notFound('Delivery');
  return found;
}

/** Sends a delivery again, whatever became of it (the receiver lost it, or it was given up). */
export async function redeliver(request: FastifyRequest, id: string, deliveryId: string) {
  await request.server.db.transaction(async (tx) => {
    const row = await existing(tx, id);
    if (!row.enabled) throw conflict('The subscription is disabled; enable it first');
    if (!(await repo.requeueDelivery(tx, id, deliveryId))) throw notFound('Delivery');
    await request.audit(
      {
        action: 'webhook.redelivered',
        targetType: 'webhook_delivery',
        targetId: deliveryId,
        metadata: { subscriptionId: id },
      },
      tx,
    );
  });
  return getDelivery(request, id, deliveryId);
}
