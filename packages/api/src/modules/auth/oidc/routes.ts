import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuthOptionsSchema, SsoCallbackQuerySchema, SsoStartQuerySchema } from '@civic/shared/sso';
import { notFound } from '../../../lib/errors.ts';
import { problems } from '../../../lib/schemas.ts';
import { setRefreshCookie } from '../session-cookie.ts';
import { APP_BASE, LOGIN_REQUEST_TTL_SECONDS, SsoRefusal, type oidcService } from './service.ts';

/** Binds a sign-on to the browser that started it; sent back on the provider's redirect (SameSite=Lax). */
const STATE_COOKIE = 'civic_oidc_state';
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';

const Redirect = (description: string) => Type.Null({ description });

const routes: FastifyPluginAsyncTypebox<{ sso: ReturnType<typeof oidcService> }> = async (app, { sso }) => {
  const tags = ['auth'];
  const loginPage = (err: SsoRefusal) => `${APP_BASE[err.app]}/login?sso_error=${err.code}`;

  app.get(
    '/auth/options',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getAuthOptions',
        tags,
        summary: 'How one can log in',
        description: 'Public, for the login pages: whether single sign-on with the city account is offered.',
        security: [],
        response: { 200: AuthOptionsSchema, ...problems() },
      },
    },
    async () => ({ sso: sso.enabled }),
  );

  app.get(
    '/auth/oidc/start',
    {
      config: {
        access: 'public',
        // Each start keeps a row for the sign-on's few minutes: counted per address like login.
        rateLimit: { max: app.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        operationId: 'startSingleSignOn',
        tags,
        summary: 'Start single sign-on with the city account (OpenID Connect)',
        description:
          'Redirects the browser to the identity provider (authorization code flow with PKCE). ' +
          'A browser navigation, not an API call; 404 when single sign-on is not configured.',
        security: [],
        querystring: SsoStartQuerySchema,
        response: {
          302: Redirect('To the identity provider, or back to the login page with `sso_error`'),
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      if (!sso.enabled) throw notFound('Single sign-on');
      const appName = request.query.app ?? 'staff';
      try {
        const { url, state } = await sso.start(appName, request.query.returnTo ?? '/');
        reply.setCookie(STATE_COOKIE, state, {
          httpOnly: true,
          secure: app.config.COOKIE_SECURE,
          // Lax: the provider's redirect back is a cross-site top-level navigation.
          sameSite: 'lax',
          path: STATE_COOKIE_PATH,
          maxAge: LOGIN_REQUEST_TTL_SECONDS,
        });
        return reply.redirect(url, 302);
      } catch (err) {
        if (err instanceof SsoRefusal) return reply.redirect(loginPage(err), 302);
        throw err;
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: {
        access: 'public',
        rateLimit: { max: app.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        operationId: 'finishSingleSignOn',
        tags,
        summary: 'The identity provider returns here (redirect URI)',
        description:
          'Checks the state against the sign-on this browser started (once only), exchanges the code, ' +
          'checks the ID token and opens a session like a password login (refresh cookie), then redirects ' +
          'to the page the user wanted; on any refusal, to the login page with `sso_error`.',
        security: [],
        querystring: SsoCallbackQuerySchema,
        response: { 302: Redirect('To the app, or to its login page with `sso_error`'), ...problems(404) },
      },
    },
    async (request, reply) => {
      if (!sso.enabled) throw notFound('Single sign-on');
      const at = request.url.indexOf('?');
      const query = new URLSearchParams(at >= 0 ? request.url.slice(at + 1) : '');
      const cookieState = request.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
      try {
        const result = await sso.callback(request, query, cookieState);
        setRefreshCookie(app, reply, result);
        return reply.redirect(`${APP_BASE[result.app]}${result.returnTo}`, 302);
      } catch (err) {
        if (err instanceof SsoRefusal) return reply.redirect(loginPage(err), 302);
        throw err;
      }
    },
  );
};

export default routes;
