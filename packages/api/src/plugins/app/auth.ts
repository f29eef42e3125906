import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import fastifyCookie from '@fastify/cookie';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { forbidden, unauthenticated } from '../../lib/errors.ts';
import { isAllowed, type Principal } from '../../lib/access.ts';
import { findActiveClient, findActiveUserSession } from '../../modules/auth/repo.ts';
import { runFirst } from '../../lib/route-hooks.ts';

export const TOKEN_AUDIENCE = 'civic-api';
export const TOKEN_ISSUER = 'civic-api';

/**
 * Authentication and the route-level half of authorization. Every route gets one onRequest hook
 * unless it is public: routes without `config.access` are refused (default deny), all others
 * need a valid access token whose user or client is still active and allowed by the rule.
 */
export default fp(
  async (app) => {
    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: app.config.JWT_SECRET,
      sign: { iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, algorithm: 'HS256' },
      verify: {
        allowedIss: TOKEN_ISSUER,
        allowedAud: TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        // The verdict on a token (signature, claims) is kept until the token expires, so a
        // client's next request does not decode and check the same token again. Keyed by
        // fast-jwt's own hash of the token. Who the token is for is still checked in the
        // database on every request (the onRequest hook below).
        cache: 1000,
      },
    });

    app.decorateRequest('principal', null);
    app.decorateRequest('requireUser', function (this: FastifyRequest) {
      if (this.principal?.kind !== 'user') throw unauthenticated();
      return this.principal;
    });

    async function authenticate(request: FastifyRequest): Promise<Principal> {
      const header = request.headers.authorization;
      if (!header) throw unauthenticated();
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw unauthenticated('token_invalid', 'Expected a Bearer token');
      type Claims = { typ?: string; kind?: string; sub?: string; sid?: string; scope?: string };
      let claims: Claims;
      try {
        claims = app.jwt.verify<Claims>(token);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'FAST_JWT_EXPIRED') throw unauthenticated('token_expired', 'Access token expired');
        throw unauthenticated('token_invalid', 'Access token is not valid');
      }
      if (claims.typ !== 'access' || typeof claims.sub !== 'string') {
        throw unauthenticated('token_invalid', 'Not an access token');
      }
      if (claims.kind === 'user' && typeof claims.sid === 'string') {
        const user = await findActiveUserSession(app.db, claims.sub, claims.sid);
        if (!user) throw unauthenticated('token_invalid', 'Session ended or account disabled');
        return user;
      }
      if (claims.kind === 'client') {
        const client = await findActiveClient(app.db, claims.sub);
        if (!client) throw unauthenticated('token_invalid', 'Client revoked');
        // A token carries the scopes asked for at issue; scopes removed since then stop at once.
        const granted = (claims.scope ?? '').split(' ');
        return { ...client, scopes: client.scopes.filter((s) => granted.includes(s)) };
      }
      throw unauthenticated('token_invalid', 'Unknown token kind');
    }

    // For public routes that act on the caller when one is signed in (logout): the principal, or
    // null when there is no valid token, instead of a refusal.
    app.decorateRequest('authenticateIfPresent', async function (this: FastifyRequest) {
      if (!this.headers.authorization) return null;
      this.principal = await authenticate(this).catch(() => null);
      return this.principal;
    });

    // Attached to each route that needs it rather than run for every request: public routes
    // (health probes, static files, login) skip it, and the 404 handler never gets it. A route
    // hook runs after all global ones (request id and security headers, the stopping check, load
    // shedding, CORS), so a request shed under load costs no session lookup, and before the
    // route's own hooks and the rate limiter's.
    app.addHook('onRoute', (route) => {
      const rule = route.config?.access;
      if (rule === 'public') return;
      const guard: onRequestHookHandler = rule
        ? async (request) => {
            request.principal = await authenticate(request);
            if (!isAllowed(rule, request.principal)) throw forbidden();
          }
        : async (request) => {
            request.log.error({ url: request.routeOptions.url }, 'route has no access rule; refused');
            throw forbidden('This route is not open to anyone');
          };
      runFirst(route, 'onRequest', guard);
    });
  },
  { name: 'auth', dependencies: ['db', 'errors'] },
);
