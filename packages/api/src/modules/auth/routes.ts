import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  ClientTokenRequestSchema,
  ClientTokenResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeSchema,
} from '@civic/shared/auth';
import { LogoutQuerySchema, LogoutResponseSchema } from '@civic/shared/sso';
import { AppError } from '../../lib/errors.ts';
import { NoContent, problems } from '../../lib/schemas.ts';
import { authService } from './service.ts';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH, setRefreshCookie } from './session-cookie.ts';
import { oidcService } from './oidc/service.ts';
import oidcRoutes from './oidc/routes.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = authService(app);
  const sso = oidcService(app, service);
  await app.register(oidcRoutes, { sso });
  const tags = ['auth'];

  /** The answer to a login or refresh: access token in the body, refresh token in its cookie. */
  function startSession(reply: FastifyReply, result: Awaited<ReturnType<typeof service.login>>) {
    setRefreshCookie(app, reply, result);
    return {
      accessToken: result.accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: app.config.ACCESS_TOKEN_TTL_SECONDS,
      me: result.me,
    };
  }

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: app.config.LOGIN_RATE_LIMIT_PER_MINUTE,
          timeWindow: '1 minute',
          // Counted after the body is parsed, per address and username: one attacker behind an
          // office's shared address must not lock out everyone else there.
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { username?: unknown })?.username ?? '').toLowerCase()}`,
        },
      },
      schema: {
        operationId: 'login',
        tags,
        summary: 'Log in with username and password',
        description:
          'Returns a short-lived access token and sets a rotating refresh token in an httpOnly cookie.',
        security: [],
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, ...problems(423) },
      },
    },
    async (request, reply) => {
      return startSession(reply, await service.login(request, request.body.username, request.body.password));
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'refreshToken',
        tags,
        summary: 'Exchange the refresh cookie for a new access token',
        description: 'The refresh token rotates on every use; presenting a used one ends the session.',
        security: [],
        response: { 200: LoginResponseSchema, ...problems() },
      },
    },
    async (request, reply) => {
      try {
        return startSession(reply, await service.refresh(request, request.cookies[REFRESH_COOKIE]));
      } catch (err) {
        if (err instanceof AppError && err.status === 401)
          reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
        throw err;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'logout',
        tags,
        summary: 'End this session',
        description:
          'Revokes the session of the refresh cookie (or of the bearer token): its access tokens stop working at once. ' +
          "A session opened by single sign-on answers 200 with the identity provider's logout page " +
          '(its `end_session_endpoint` with `id_token_hint`, `post_logout_redirect_uri` and `client_id`), ' +
          'which the app opens to end the sign-on there too; 204 otherwise, or when the provider has no such endpoint.',
        security: [],
        querystring: LogoutQuerySchema,
        response: { 200: LogoutResponseSchema, 204: NoContent, ...problems() },
      },
    },
    async (request, reply) => {
      // Logout is public so an expired access token can still end the session via the cookie;
      // a valid bearer token names the session directly.
      await request.authenticateIfPresent();
      const ended = await service.logout(request, request.cookies[REFRESH_COOKIE]);
      reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
      const endSessionUrl = ended.sso
        ? await sso.endSessionUrl(request.query.app ?? 'staff', ended.idToken)
        : null;
      if (endSessionUrl) return { endSessionUrl };
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: { roles: 'any', scopes: 'any' } },
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'The signed-in user, or the calling integration client',
        response: { 200: MeSchema, ...problems() },
      },
    },
    async (request) => {
      const p = request.principal!;
      if (p.kind === 'user') return service.me(p.id);
      // The principal was loaded for this request already; it holds everything the answer needs.
      return { kind: 'client' as const, id: p.id, clientId: p.clientId, name: p.name, scopes: p.scopes };
    },
  );

  app.post(
    '/oauth/token',
    {
      // No request limit of its own beyond the general one: failures are limited per client id and
      // per address in the service, and a right secret is always answered (see authService).
      config: { access: 'public' },
      schema: {
        operationId: 'issueClientToken',
        tags: ['integration clients'],
        summary: 'OAuth 2.0 client-credentials grant for integration clients',
        description:
          'Send `grant_type=client_credentials` with `client_id` and `client_secret` in the body ' +
          '(form-encoded or JSON) or as HTTP Basic credentials. Optional `scope` narrows the token.',
        security: [],
        body: ClientTokenRequestSchema,
        response: { 200: ClientTokenResponseSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      let { client_id: clientId, client_secret: secret } = request.body;
      const basic = request.headers.authorization?.match(/^Basic (.+)$/i)?.[1];
      if (basic) {
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        const sep = decoded.indexOf(':');
        clientId = decodeURIComponent(decoded.slice(0, sep));
        secret = decodeURIComponent(decoded.slice(sep + 1));
      }
      if (!clientId || !secret)
        throw new AppError(400, 'bad_request', 'client_id and client_secret are required');
      reply.header('cache-control', 'no-store');
      return service.clientToken(request, clientId, secret, request.body.scope);
    },
  );
};

export default routes;
