import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { sendProblem } from '../app/errors.ts';

/** Text files the build precompresses; their answers depend on the request's Accept-Encoding. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml)$/;
/** The renter's signing page has an entry of its own (sign.html), far smaller than the staff app. */
const SIGNING_PAGE = /^\/sign\/[^/]+\/?$/;

/**
 * Serves the built staff app at `/` and the provider portal at `/portal/`, so the product is one
 * process on one port. Unknown paths under an app fall back to its index.html (client-side routes);
 * unknown API paths get a problem+json 404.
 *
 * Caching and compression: the build writes brotli and gzip copies next to each text file, and the
 * one the browser accepts is sent as it is (`Content-Encoding`, `Vary: Accept-Encoding`). Files under
 * `assets/` have a content hash in their name, so they are cached for a year and never revalidated;
 * the HTML pages are revalidated on every load (`no-cache`), so a new build reaches users at once.
 * Source maps are not served.
 */
export default fp(
  async (app) => {
    const staff = app.config.STAFF_WEB_DIST;
    const portal = app.config.PORTAL_DIST;
    const hasStaff = existsSync(path.join(staff, 'index.html'));
    const hasPortal = existsSync(path.join(portal, 'index.html'));
    const hasSigningPage = hasStaff && existsSync(path.join(staff, 'sign.html'));
    const setHeaders = (res: { setHeader(k: string, v: string): void }, file: string) => {
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      if (COMPRESSIBLE.test(file.replace(/\.(br|gz)$/, ''))) res.setHeader('vary', 'Accept-Encoding');
    };
    const common = {
      wildcard: false,
      setHeaders,
      index: false,
      preCompressed: true,
      // The static plugin's own Cache-Control (max-age=0) would override the one set above.
      cacheControl: false,
      allowedPath: (pathname: string) => !pathname.endsWith('.map'),
    } as const;
    if (hasStaff) {
      await app.register(fastifyStatic, {
        root: staff,
        prefix: '/',
        ...common,
      });
    }
    if (hasPortal) {
      await app.register(fastifyStatic, {
        root: portal,
        prefix: '/portal/',
        decorateReply: !hasStaff,
        ...common,
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
      if (wantsPage && hasSigningPage && SIGNING_PAGE.test(url)) {
        return reply.header('cache-control', 'no-cache').sendFile('sign.html', staff);
      }
      if (wantsPage && hasStaff && !url.startsWith('/portal')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html', staff);
      }
      return sendProblem(request, reply, 404, 'not_found', `No route for ${request.method} ${url}`);
    });
  },
  { name: 'spa', dependencies: ['errors'] },
);
