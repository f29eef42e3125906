import type { FastifyInstance, FastifyReply } from 'fastify';

export const REFRESH_COOKIE = 'civic_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** The refresh token of a new or rotated session, in its httpOnly cookie (password login and SSO alike). */
export function setRefreshCookie(
  app: FastifyInstance,
  reply: FastifyReply,
  result: { refreshToken: string; sessionExpiresAt: Date },
) {
  reply.setCookie(REFRESH_COOKIE, result.refreshToken, {
    httpOnly: true,
    secure: app.config.COOKIE_SECURE,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    expires: result.sessionExpiresAt,
  });
}
