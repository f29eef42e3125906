import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PageSchema, UuidSchema } from '@civic/shared/common';
import {
  CreateWebhookSubscriptionSchema,
  UpdateWebhookSubscriptionSchema,
  WebhookDeliveryDetailSchema,
  WebhookDeliveryListQuerySchema,
  WebhookDeliverySchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
} from '@civic/shared/webhooks';
import { problems } from '../../lib/schemas.ts';
import * as service from './service.ts';

const DeliveryParamsSchema = Type.Object({ id: UuidSchema, deliveryId: UuidSchema });

const WEBHOOKS_DESCRIPTION =
  'Deliveries follow the Standard Webhooks specification: `POST` of `{"type", "timestamp", "data"}` ' +
  '(ids only) with `webhook-id` (the event id, the same on every retry), `webhook-timestamp` and ' +
  '`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`. A 2xx answer is a delivery; ' +
  'anything else is retried with exponential backoff. Events of one subject arrive in order.';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const access = { roles: ['admin'] } as const;
  const tags = ['webhooks'];

  app.get(
    '/admin/webhooks',
    {
      config: { access },
      schema: {
        operationId: 'listWebhookSubscriptions',
        tags,
        summary: 'Webhook subscriptions of every integration client, with delivery counts',
        description: WEBHOOKS_DESCRIPTION,
        response: { 200: Type.Array(WebhookSubscriptionSchema), ...problems() },
      },
    },
    (request) => service.listSubscriptions(request),
  );

  app.post(
    '/admin/webhooks',
    {
      config: { access },
      schema: {
        operationId: 'createWebhookSubscription',
        tags,
        summary: 'Subscribe an integration client to event types; the secret is returned once',
        description:
          'The client must hold the scope each event type needs. The URL must be https to a public ' +
          'address (unless `WEBHOOK_ALLOW_PRIVATE_TARGETS`).',
        body: CreateWebhookSubscriptionSchema,
        response: { 201: WebhookSubscriptionWithSecretSchema, ...problems(404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createSubscription(request, request.body)),
  );

  app.get(
    '/admin/webhooks/:id',
    {
      config: { access },
      schema: {
        operationId: 'getWebhookSubscription',
        tags,
        summary: 'One webhook subscription',
        params: IdParamsSchema,
        response: { 200: WebhookSubscriptionSchema, ...problems(404) },
      },
    },
    (request) => service.getSubscription(request, request.params.id),
  );

  app.patch(
    '/admin/webhooks/:id',
    {
      config: { access },
      schema: {
        operationId: 'updateWebhookSubscription',
        tags,
        summary: 'Change the URL, event types or description, or disable (pending deliveries are cancelled)',
        params: IdParamsSchema,
        body: UpdateWebhookSubscriptionSchema,
        response: { 200: WebhookSubscriptionSchema, ...problems(404) },
      },
    },
    (request) => service.updateSubscription(request, request.params.id, request.body),
  );

  app.post(
    '/admin/webhooks/:id/rotate-secret',
    {
      config: { access },
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'Issue a new secret; for 24 hours deliveries are signed with the old one too',
        params: IdParamsSchema,
        response: { 200: WebhookSubscriptionWithSecretSchema, ...problems(404) },
      },
    },
    (request) => service.rotateSecret(request, request.params.id),
  );

  app.post(
    '/admin/webhooks/:id/test',
    {
      config: { access },
      schema: {
        operationId: 'sendWebhookTestEvent',
        tags,
        summary: 'Send a `webhook.test` event to this subscription only',
        params: IdParamsSchema,
        response: { 202: Type.Object({ deliveryId: UuidSchema }), ...problems(404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await service.sendTestEvent(request, request.params.id)),
  );

  app.get(
    '/admin/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'The delivery log of a subscription, newest first',
        params: IdParamsSchema,
        querystring: WebhookDeliveryListQuerySchema,
        response: { 200: PageSchema(WebhookDeliverySchema), ...problems(404) },
      },
    },
    (request) => service.listDeliveries(request, request.params.id, request.query),
  );

  app.get(
    '/admin/webhooks/:id/deliveries/:deliveryId',
    {
      config: { access },
      schema: {
        operationId: 'getWebhookDelivery',
        tags,
        summary: 'One delivery with its payload and every attempt',
        params: DeliveryParamsSchema,
        response: { 200: WebhookDeliveryDetailSchema, ...problems(404) },
      },
    },
    (request) => service.getDelivery(request, request.params.id, request.params.deliveryId),
  );

  app.post(
    '/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: { access },
      schema: {
        operationId: 'redeliverWebhook',
        tags,
        summary: 'Send a delivery again (same webhook-id), with a fresh set of attempts',
        params: DeliveryParamsSchema,
        response: { 200: WebhookDeliveryDetailSchema, ...problems(404, 409) },
      },
    },
    (request) => service.redeliver(request, request.params.id, request.params.deliveryId),
  );
};

export default routes;
