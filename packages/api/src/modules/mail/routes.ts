import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuerySchema, PageSchema, UuidSchema } from '@civic/shared/common';
import { OutboxMessageSchema } from '@civic/shared/keys';
import { AppError } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { deliverSoon, listOutbox, outboxStatus, requeueMail } from './outbox.ts';

const OutboxStatusSchema = Type.Object({
  smtpConfigured: Type.Boolean(),
  held: Type.Integer(),
  queued: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const access = { roles: ['admin'] } as const;
  const tags = ['mail'];
  app.get(
    '/admin/outbox',
    {
      config: { access },
      schema: {
        operationId: 'listOutbox',
        tags,
        summary: 'Every e-mail the product has sent or holds (held = no SMTP configured)',
        querystring: PageQuerySchema,
        response: { 200: PageSchema(OutboxMessageSchema), ...problems() },
      },
    },
    async (request) => {
      const page = await listOutbox(app.db, request.query.page ?? 1, request.query.pageSize ?? 50);
      await request.audit({ action: 'outbox.read', metadata: { returned: page.items.length } });
      return page;
    },
  );
  app.get(
    '/admin/outbox/status',
    {
      config: { access },
      schema: {
        operationId: 'outboxStatus',
        tags,
        summary: 'Counts by status, and whether SMTP is configured so held mail can be sent',
        response: { 200: OutboxStatusSchema, ...problems() },
      },
    },
    () => outboxStatus(app.db, !!app.config.SMTP_URL),
  );
  app.post(
    '/admin/outbox/requeue',
    {
      config: { access },
      schema: {
        operationId: 'requeueOutbox',
        tags,
        summary: 'Send mail held while SMTP was not configured (and failed mail) now that it is',
        body: Type.Object(
          { ids: Type.Optional(Type.Array(UuidSchema, { minItems: 1, maxItems: 1000, uniqueItems: true })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ requeued: Type.Integer() }), ...problems(409) },
      },
    },
    async (request) => {
      if (!app.config.SMTP_URL) {
        throw new AppError(
          409,
          'conflict',
          'SMTP is not configured: set SMTP_URL first, then send the held mail',
        );
      }
      const ids = await app.db.transaction(async (tx) => {
        const requeued = await requeueMail(tx, request.body.ids);
        await request.audit({ action: 'outbox.requeued', metadata: { ids: requeued } }, tx);
        return requeued;
      });
      deliverSoon(app);
      return { requeued: ids.length };
    },
  );
};

export default routes;
