import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { sendProblem } from '../app/errors.ts';

/**
 * Serves the built staff app at `/` and the provider portal at `/portal/`, so the product is one
 * process on one port. Unknown paths under an app fall back to its index.html (client-side routes);
 * unknown API paths get a problem+json 404.
 */
export default fp(
  async (app) => {
    const staff = app.config.STAFF_WEB_DIST;
    const portal = app.config.PORTAL_DIST;
    const hasStaff = existsSync(path.join(staff, 'index.html'));
    const hasPortal = existsSync(path.join(portal, 'index.html'));
    const setHeaders = (res: { setHeader(k: string, v: string): void }, file: string) => {
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    };
    if (hasStaff) {
      await app.register(fastifyStatic, {
        root: staff,
        prefix: '/',
        wildcard: false,
        setHeaders,
        index: false,
      });
    }
    if (hasPortal) {
      await app.register(fastifyStatic, {
        root: portal,
        prefix: '/portal/',
        decorateReply: !hasStaff,
        wildcard: false,
        setHeaders,
        index: false,
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const url = request.url.split('?')[0]!;
      // Client-side routes have no file extension; a missing asset is a 404, not the app's page.
      const wantsPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !url.startsWith('/api') &&
        !/\.[a-z0-9]+$/i.test(url);
      if (wantsPage && hasPortal && (url === '/portal' || url.startsWith('/portal/'))) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html', portal);
      }
      if (wantsPage && hasStaff && !url.startsWith('/portal')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html', staff);
      }
      return sendProblem(request, reply, 404, 'not_found', `No route for ${request.method} ${url}`);
    });
  },
  { name: 'spa', dependencies: ['errors'] },
);
