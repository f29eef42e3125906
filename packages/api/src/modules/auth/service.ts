import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Me } from '@civic/shared/auth';
import { hasAnyRole, SCOPES, type Scope } from '@civic/shared/roles';
import { AppError, unauthenticated } from '../../lib/errors.ts';
import { verifyAgainstDummy, verifyPassword } from '../../lib/passwords.ts';
import { FailureWindow } from '../../lib/failure-window.ts';
import { hashClientSecret, newOpaqueToken, sha256Hex, verifyClientSecret } from '../../lib/tokens.ts';
import { auditActor, clientLabel, writeAudit } from '../../plugins/app/audit.ts';
import { getUser } from '../users/repo.ts';
import * as repo from './repo.ts';
import { parseRoles } from './oidc/provider.ts';

/** The refusal for a locked account, with the time it opens again. */
function accountLocked(until: Date): AppError {
  return new AppError(423, 'account_locked', 'Too many failed attempts; try again later', {
    headers: { 'retry-after': String(Math.ceil((until.getTime() - Date.now()) / 1000)) },
    lockedUntil: until.toISOString(),
  });
}

export function authService(app: FastifyInstance) {
  const { config, db } = app;
  /** Failed client-credential attempts per client id and per address, in this process. */
  const clientFailures = new FailureWindow(config.LOGIN_RATE_LIMIT_PER_MINUTE);
  /** Roles that sign in only through the city's identity provider; without one, nobody is refused. */
  const ssoOnlyRoles = config.OIDC_ISSUER
    ? parseRoles(config.OIDC_SSO_ONLY_ROLES, 'OIDC_SSO_ONLY_ROLES')
    : [];

  function signAccessToken(userId: string, sessionId: string) {
    return app.jwt.sign(
      { typ: 'access', kind: 'user', sub: userId, sid: sessionId },
      { expiresIn: config.ACCESS_TOKEN_TTL_SECONDS },
    );
  }

  async function me(userId: string): Promise<Me> {
    const user = await getUser(db, userId);
    if (!user) throw unauthenticated();
    return {
      kind: 'user',
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      language: user.language,
      roles: user.roles,
      provider: user.provider,
      sites: user.sites,
    };
  }

  async function issueRefreshToken(
    executor: Parameters<typeof repo.insertRefreshToken>[0],
    sessionId: string,
    sessionExpiresAt: Date,
  ) {
    const { token, hash } = newOpaqueToken();
    await repo.insertRefreshToken(executor, { sessionId, tokenHash: hash, expiresAt: sessionExpiresAt });
    return token;
  }

  /**
   * Every failure an attacker can cause (unknown username, wrong password, disabled account, too
   * many attempts) gets one of two answers, the same for every username: 401 `invalid_credentials`,
   * or 423 `account_locked` once the name has had `LOGIN_MAX_FAILURES` admitted attempts. A
   * disabled account's right password is a failure like a wrong one, so it confirms nothing; so is
   * the right password of a user holding a role that must sign in with single sign-on.
   */
  async function login(request: FastifyRequest, username: string, password: string) {
    const usernameKey = username.toLowerCase();
    const user = await repo.findUserByUsername(db, username);
    const actor = user
      ? auditActor(request, { actorType: 'user', actorId: user.id, actorLabel: user.username })
      : auditActor(request, { actorType: 'anonymous', actorLabel: username });
    const target = user ? { targetType: 'user', targetId: user.id } : {};
    // `attempt`: the attempt's number in the username's count since the last success or lock.
    const fail = async (reason: string, lockedUntil: Date | null, newlyLocked: boolean, attempt?: number) => {
      await db.transaction(async (tx) => {
        await writeAudit(tx, actor, {
          action: 'auth.login.failed',
          ...target,
          metadata: { ...(user ? {} : { username }), reason, ...(attempt ? { attempt } : {}) },
        });
        if (newlyLocked) {
          await writeAudit(tx, actor, {
            action: 'auth.account.locked',
            ...target,
            metadata: { ...(user ? {} : { username }), until: lockedUntil!.toISOString() },
          });
        }
      });
      if (lockedUntil) throw accountLocked(lockedUntil);
      throw new AppError(401, 'invalid_credentials', 'Wrong username or password');
    };

    const attempt = await repo.admitLoginAttempt(
      db,
      usernameKey,
      config.LOGIN_MAX_FAILURES,
      config.LOGIN_LOCK_MINUTES,
    );
    if (!attempt.admitted) return fail('locked', attempt.lockedUntil, false);
    const passwordOk = user
      ? await verifyPassword(user.passwordHash, password)
      : (await verifyAgainstDummy(password), false);
    const ssoOnly = user && hasAnyRole(user.roles, ssoOnlyRoles);
    if (!user || !passwordOk || user.disabledAt || ssoOnly) {
      const reason = !user
        ? 'unknown_user'
        : !passwordOk
          ? 'wrong_password'
          : user.disabledAt
            ? 'disabled'
            : 'sso_only';
      return fail(reason, attempt.lockedUntil, attempt.lockedUntil !== null, attempt.attempt);
    }
    return openSession(request, user, { identityId: null, idToken: null }, async (tx, sessionId) => {
      await repo.recordSuccessfulLogin(tx, user.id, usernameKey);
      await writeAudit(tx, actor, {
        action: 'auth.login.succeeded',
        targetType: 'user',
        targetId: user.id,
        metadata: { sessionId, attempt: attempt.attempt },
      });
    });
  }

  /**
   * A new session with its first refresh token, for a password login or a single sign-on alike;
   * `record` writes the caller's own bookkeeping and audit entry in the same transaction.
   */
  async function openSession(
    request: FastifyRequest,
    user: { id: string },
    opts: { identityId: string | null; idToken: string | null },
    record: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], sessionId: string) => Promise<void>,
  ) {
    const sessionExpiresAt = new Date(Date.now() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const { sessionId, refreshToken } = await db.transaction(async (tx) => {
      const sessionId = await repo.createSession(tx, {
        userId: user.id,
        expiresAt: sessionExpiresAt,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
        identityId: opts.identityId,
        idToken: opts.idToken,
      });
      const refreshToken = await issueRefreshToken(tx, sessionId, sessionExpiresAt);
      await record(tx, sessionId);
      return { sessionId, refreshToken };
    });
    return {
      accessToken: signAccessToken(user.id, sessionId),
      refreshToken,
      sessionExpiresAt,
      me: await me(user.id),
    };
  }

  async function refresh(request: FastifyRequest, rawToken: string | undefined) {
    if (!rawToken) throw unauthenticated('token_invalid', 'No refresh token');
    const outcome = await db.transaction(async (tx) => {
      const row = await repo.findRefreshTokenForUpdate(tx, sha256Hex(rawToken));
      if (!row) return { error: unauthenticated('token_invalid', 'Unknown refresh token') };
      const actor = auditActor(request, { actorType: 'user', actorId: row.userId, actorLabel: null });
      if (row.sessionRevokedAt || row.userDisabledAt) {
        return { error: unauthenticated('token_invalid', 'Session has ended') };
      }
      if (row.expiresAt <= new Date() || row.sessionExpiresAt <= new Date()) {
        return { error: unauthenticated('token_expired', 'Session expired; please log in again') };
      }
      // A token used again within the grace window is a second tab racing the first, not a thief:
      // it gets a fresh token in the same session instead of ending the session.
      if (row.usedAt && (row.usedSecondsAgo ?? Infinity) >= config.REFRESH_REUSE_GRACE_SECONDS) {
        // A rotated token came back: it was copied. End the session for everyone holding it.
        await repo.revokeSession(tx, row.sessionId, 'refresh_token_reuse');
        await writeAudit(tx, actor, {
          action: 'auth.refresh.reuse_detected',
          targetType: 'session',
          targetId: row.sessionId,
        });
        return { error: unauthenticated('token_invalid', 'Refresh token was already used; session ended') };
      }
      await repo.markRefreshTokenUsed(tx, row.id);
      const refreshToken = await issueRefreshToken(tx, row.sessionId, row.sessionExpiresAt);
      return {
        userId: row.userId,
        sessionId: row.sessionId,
        refreshToken,
        sessionExpiresAt: row.sessionExpiresAt,
      };
    });
    // Refusals commit their audit rows and revocations before the error is raised.
    if ('error' in outcome) throw outcome.error;
    return {
      accessToken: signAccessToken(outcome.userId, outcome.sessionId),
      refreshToken: outcome.refreshToken,
      sessionExpiresAt: outcome.sessionExpiresAt,
      me: await me(outcome.userId),
    };
  }

  /**
   * Ends the session; answers whether it was opened by single sign-on and, if so, the provider's ID
   * token it kept (for the provider's logout URL; the row forgets it here).
   */
  async function logout(
    request: FastifyRequest,
    rawToken: string | undefined,
  ): Promise<{ sso: boolean; idToken: string | null }> {
    const principal = request.principal;
    return db.transaction(async (tx) => {
      let sessionId = principal?.kind === 'user' ? principal.sessionId : null;
      if (!sessionId && rawToken)
        sessionId = (await repo.findRefreshTokenForUpdate(tx, sha256Hex(rawToken)))?.sessionId ?? null;
      if (!sessionId) return { sso: false, idToken: null };
      const ended = await repo.revokeSession(tx, sessionId, 'logout');
      await request.audit({ action: 'auth.logout', targetType: 'session', targetId: sessionId }, tx);
      return { sso: ended?.identityId != null, idToken: ended?.idToken ?? null };
    });
  }

  async function clientToken(request: FastifyRequest, clientId: string, secret: string, requested?: string) {
    const client = await repo.findClientByClientId(db, clientId);
    const check =
      client && !client.revokedAt
        ? await verifyClientSecret(client.secretHash, secret, verifyPassword)
        : { ok: (sha256Hex(secret), false), upgrade: false };
    if (!client || !check.ok) {
      // Only failures are counted, per client id and per address, and a right secret never looks
      // at the count: bad secrets from anywhere cannot keep the real client from its token.
      const keys = [`client:${clientId}`, `address:${request.ip}`];
      const wait = Math.max(...keys.map((k) => clientFailures.retryAfterMs(k)));
      if (wait > 0) {
        request.log.warn({ clientId }, 'client token failures throttled');
        const seconds = Math.ceil(wait / 1000);
        throw new AppError(429, 'rate_limited', `Too many failed attempts; try again in ${seconds} s`, {
          headers: { 'retry-after': String(seconds) },
        });
      }
      for (const k of keys) clientFailures.record(k);
      await writeAudit(db, auditActor(request, { actorType: 'anonymous', actorLabel: clientId }), {
        action: 'auth.client_token.failed',
        metadata: { clientId },
      });
      // RFC 6749 §5.2 names this error invalid_client; our problem code keeps the API uniform.
      throw new AppError(401, 'invalid_credentials', 'Unknown client or wrong secret', {
        headers: { 'www-authenticate': 'Basic realm="civic-api"' },
      });
    }
    if (check.upgrade) await repo.updateClientSecretHash(db, client.id, hashClientSecret(secret));
    let scopes: Scope[] = client.scopes;
    if (requested) {
      const asked = requested.split(' ').filter(Boolean);
      const unknown = asked.filter(
        (s) => !(SCOPES as readonly string[]).includes(s) || !client.scopes.includes(s as Scope),
      );
      if (unknown.length)
        throw new AppError(400, 'bad_request', `Scopes not granted to this client: ${unknown.join(' ')}`);
      scopes = asked as Scope[];
    }
    const token = app.jwt.sign(
      { typ: 'access', kind: 'client', sub: client.id, scope: scopes.join(' ') },
      { expiresIn: config.CLIENT_TOKEN_TTL_SECONDS },
    );
    await db.transaction(async (tx) => {
      await repo.touchClient(tx, client.id);
      await writeAudit(
        tx,
        auditActor(request, { actorType: 'client', actorId: client.id, actorLabel: clientLabel(client) }),
        {
          action: 'auth.client_token.issued',
          targetType: 'integration_client',
          targetId: client.id,
          metadata: { scopes },
        },
      );
    });
    return {
      access_token: token,
      token_type: 'Bearer' as const,
      expires_in: config.CLIENT_TOKEN_TTL_SECONDS,
      scope: scopes.join(' '),
    };
  }

  return { login, openSession, refresh, logout, me, clientToken };
}
