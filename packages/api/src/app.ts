import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { AccessRule } from './lib/access.ts';
import errors, { sendProblem } from './plugins/app/errors.ts';
import input from './plugins/app/input.ts';
import { trimKeyword } from './lib/schemas.ts';
import db from './plugins/app/db.ts';
import auth from './plugins/app/auth.ts';
import audit from './plugins/app/audit.ts';
import security, { SECURITY_HEADERS } from './plugins/external/security.ts';
import openapi from './plugins/external/openapi.ts';
import spa from './plugins/external/spa.ts';
import healthRoutes from './modules/health/routes.ts';
import authRoutes from './modules/auth/routes.ts';
import usersRoutes from './modules/users/routes.ts';
import integrationClientRoutes from './modules/integration-clients/routes.ts';
import auditRoutes from './modules/audit/routes.ts';
import orgRoutes from './modules/org/routes.ts';
import keyRoutes from './modules/keys/routes.ts';
import careRoutes from './modules/care/routes.ts';
import mailRoutes from './modules/mail/routes.ts';
import queueRoutes from './modules/queue/routes.ts';
import reportRoutes from './modules/reports/routes.ts';
import liveRoutes from './modules/live/routes.ts';
import webhookRoutes from './modules/webhooks/routes.ts';
import {
  DELIVER_JOB,
  deliverDueWebhooks,
  listenForWebhookEvents,
  pruneWebhookLog,
} from './modules/webhooks/delivery.ts';
import importRoutes from './modules/imports/routes.ts';
import { forgetExpiredIdTokens, pruneLoginThrottles } from './modules/auth/repo.ts';
import { expireLapsedOffers } from './modules/queue/offers/service.ts';
import jobs from './plugins/app/jobs.ts';
import idempotency from './plugins/app/idempotency.ts';
import { defineKeyJobs } from './modules/keys/jobs/definitions.ts';
import { careJobs } from './modules/care/jobs.ts';
import { createTransport, deliverQueuedEmails } from './modules/mail/outbox.ts';
import { loggerOptions, RequestLog } from './lib/logger.ts';

/** Every registered route, so tests can walk the whole table (default deny, OpenAPI metadata). */
export interface RouteSummary {
  method: string;
  url: string;
  access: AccessRule | undefined;
  schema: unknown;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the whole API as one Fastify instance; `server.ts` starts it, tests inject into it. */
export async function buildApp(config: Config, opts: { logger?: FastifyServerOptions['logger'] } = {}) {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    logController: new RequestLog(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    // While closing, the errors plugin answers 503 as problem+json instead.
    return503OnClosing: false,
    // genReqId reads the header itself, so a malformed id is replaced rather than trusted.
    requestIdHeader: false,
    // Accept a caller's request id only when it looks like one; otherwise make our own.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
      plugins: [trimKeyword],
    },
    // A path Fastify cannot decode (`/users/%E0%A4%A`) or with a parameter too long: problem+json too.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id).headers(SECURITY_HEADERS);
      void sendProblem(request, reply, error.statusCode ?? 400, 'bad_request', error.message);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  const routeTable: RouteSummary[] = [];
  app.decorate('routeTable', routeTable);
  // The first hook, so whatever ends a request (a 401 from auth, a 503 while closing) carries them.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).headers(SECURITY_HEADERS);
    done();
  });
  app.addHook('onRoute', (route) => {
    // Static files of the two SPAs and the docs UI's pages are public by nature; every API route
    // must declare its own rule (default deny, enforced in the auth plugin and by a test).
    if (route.url.startsWith('/api/docs') || !route.url.startsWith('/api')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
    for (const method of [route.method].flat()) {
      routeTable.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    }
  });

  await app.register(errors);
  await app.register(input);
  await app.register(db);
  await app.register(auth);
  await app.register(audit);
  await app.register(jobs);
  await app.register(idempotency);
  await app.register(security);
  await app.register(openapi);

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(
    async (v1) => {
      await v1.register(authRoutes);
      await v1.register(usersRoutes);
      await v1.register(integrationClientRoutes);
      await v1.register(auditRoutes);
      await v1.register(orgRoutes);
      await v1.register(keyRoutes);
      await v1.register(careRoutes);
      await v1.register(mailRoutes);
      await v1.register(queueRoutes);
      await v1.register(reportRoutes);
      await v1.register(liveRoutes);
      await v1.register(webhookRoutes);
      await v1.register(importRoutes);
    },
    { prefix: '/api/v1' },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(spa);
  defineJobs(app);
  return app;
}

function defineJobs(app: FastifyInstance) {
  const transport = createTransport(app.config.SMTP_URL);
  app.addHook('onClose', async () => transport?.close());
  app.jobs.define({
    name: 'mail.deliver',
    cron: '* * * * *',
    handler: async () =>
      transport ? { sent: await deliverQueuedEmails(app.db, transport, app.config.MAIL_FROM) } : { sent: 0 },
  });
  app.jobs.define({
    name: 'auth.prune-login-throttles',
    cron: '17 * * * *',
    // Also forgets the provider ID tokens of sessions that expired without a logout.
    handler: async () => ({
      pruned: await pruneLoginThrottles(app.db),
      idTokensForgotten: await forgetExpiredIdTokens(app.db),
    }),
  });
  defineKeyJobs(app);
  app.jobs.define({ name: 'queue.expire-offers', cron: '* * * * *', handler: () => expireLapsedOffers(app) });
  app.jobs.define({
    name: 'care.stale-reminders',
    cron: '0 8 * * 1-5',
    handler: careJobs(app).staleReminders,
  });
  app.jobs.define({ name: DELIVER_JOB, cron: '* * * * *', handler: () => deliverDueWebhooks(app) });
  app.jobs.define({ name: 'webhooks.prune', cron: '45 3 * * *', handler: () => pruneWebhookLog(app) });
  listenForWebhookEvents(app);
}

export type App = Awaited<ReturnType<typeof buildApp>>;
