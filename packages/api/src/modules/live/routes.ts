import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { LiveStreamQuerySchema, type LiveChange } from '@civic/shared/live';
import { forbidden } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { audienceOf } from './access.ts';
import { LiveHub, type StoredEvent } from './hub.ts';
import { eventsSince, latestEventId, pruneEvents } from './repo.ts';

const HEARTBEAT_MS = 20_000;

/**
 * `GET /events`: server-sent events telling an open screen what changed, so it reloads that
 * through the normal API. Fed by PostgreSQL LISTEN/NOTIFY, so a change made through any API
 * instance reaches streams on every instance. Each caller hears only of what it may read; a
 * reconnecting stream resumes after `Last-Event-ID`. The stream ends when the access token does
 * (the client reconnects with a fresh one), so a disabled user or ended session stops hearing.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const hub = new LiveHub(app.config.DATABASE_URL, app.log);
  const open = new Set<ServerResponse>();
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.addHook('onClose', () => hub.close());
  app.jobs.define({ name: 'live.prune-events', cron: '17 * * * *', handler: () => pruneEvents(app.db) });

  app.get(
    '/events',
    {
      config: { access: { roles: 'any', scopes: 'any' } },
      schema: {
        operationId: 'streamLiveEvents',
        tags: ['live events'],
        summary: 'What changed, as server-sent events (text/event-stream)',
        description:
          'Events: `ready` (connected; its id is where to resume from), `change` (data ' +
          '`{"topic","ids"}`: reload what the topic shows), `reset` (missed too much: reload ' +
          'everything). Send `Last-Event-ID` (or `lastEventId`) to resume. Only topics the caller ' +
          'may read are allowed (403 otherwise): care.vacancies and care.capacity for care staff, ' +
          'management, providers (their own) and `care.registry:read`; care.offers for coordinators, ' +
          'providers (their own) and `care.queue:read`; care.queue for coordinators and ' +
          '`care.queue:read`; keys.agreements for key staff, site managers (their sites) and `keys:read`.',
        querystring: LiveStreamQuerySchema,
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'An event stream' }), ...problems(400) },
      },
    },
    async (request, reply) => {
      const audience = await audienceOf(request);
      const topics = new Set(request.query.topic);
      const refused = [...topics].filter((t) => !audience.has(t));
      if (refused.length) throw forbidden(`Not allowed to follow: ${refused.join(', ')}`);
      const header = request.headers['last-event-id'];
      const resumeFrom = Number(
        (typeof header === 'string' && /^\d{1,18}$/.test(header) ? header : null) ??
          request.query.lastEventId ??
          NaN,
      );
      const visible = (e: StoredEvent) => topics.has(e.topic) && audience.get(e.topic)!(e);

      const res = reply.raw;
      let live = false;
      const buffered: StoredEvent[] = [];
      const written = new Set<number>();
      const write = (text: string) => {
        if (!res.writableEnded) res.write(text);
      };
      const send = (e: StoredEvent) => {
        if (written.has(e.id)) return;
        written.add(e.id);
        const change: LiveChange = { topic: e.topic, ids: e.ids };
        write(`id: ${e.id}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
      };
      const unsubscribe = await hub.subscribe((e) => {
        if (!visible(e)) return;
        if (live) send(e);
        else buffered.push(e);
      });

      reply.hijack();
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies (nginx) must pass each event on at once.
        'x-accel-buffering': 'no',
      });
      open.add(res);
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      // The stream lives as long as the token that opened it.
      const token = request.headers.authorization?.split(' ')[1] ?? '';
      const exp = (app.jwt.decode<{ exp?: number }>(token)?.exp ?? 0) * 1000;
      const expiry = setTimeout(() => res.end(), Math.max(1_000, Math.min(exp - Date.now(), 2 ** 31 - 1)));
      const cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
        open.delete(res);
      };
      res.on('close', cleanup);

      try {
        write('retry: 3000\n\n');
        let latest = await latestEventId(app.db);
        if (Number.isSafeInteger(resumeFrom)) {
          const missed = await eventsSince(app.db, resumeFrom);
          if (missed === null) write(`id: ${latest}\nevent: reset\ndata: {}\n\n`);
          else missed.filter(visible).forEach(send);
        }
        for (const e of buffered) send(e);
        live = true;
        latest = Math.max(latest, ...written);
        write(`id: ${latest}\nevent: ready\ndata: {}\n\n`);
      } catch (err) {
        request.log.warn({ err }, 'live stream failed to start');
        res.end();
      }
    },
  );
};

export default routes;
