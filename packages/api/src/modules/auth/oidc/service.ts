import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { hasAnyRole, PROVIDER_ROLES, roleScopeProblem } from '@civic/shared/roles';
import type { SsoApp, SsoErrorCode } from '@civic/shared/auth';
import { hashPassword } from '../../../lib/passwords.ts';
import { sha256Hex } from '../../../lib/tokens.ts';
import type { Executor } from '../../../db/client.ts';
import { auditActor, writeAudit } from '../../../plugins/app/audit.ts';
import { revokeAllSessionsOfUser } from '../repo.ts';
import type { authService } from '../service.ts';
import { mappedRoles, oidcSettings, providerClient } from './provider.ts';
import * as repo from './repo.ts';

/** Where each app is served; the callback and the provider's logout return there. */
export const APP_BASE: Record<SsoApp, string> = { staff: '', portal: '/portal' };

/** How long a sign-on may take at the provider before its state is forgotten. */
export const LOGIN_REQUEST_TTL_SECONDS = 600;

/**
 * A sign-on that ends on the login page with a message: `code` is what the person is told
 * (translated in the apps), `reason` what the audit log keeps.
 */
export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly reason: string,
    readonly app: SsoApp = 'staff',
  ) {
    super(`single sign-on refused: ${reason}`);
  }
}

type Claims = Record<string, unknown> & { iss: string; sub: string };

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function oidcService(app: FastifyInstance, auth: ReturnType<typeof authService>) {
  const { db } = app;
  const settings = oidcSettings(app.config);
  const configuration = settings ? providerClient(settings) : null;

  /** The provider's authorization URL for a new sign-on, and the state the browser's cookie binds it to. */
  async function start(appName: SsoApp, returnTo: string) {
    if (!settings || !configuration) throw new SsoRefusal('sso_failed', 'not_configured', appName);
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      app.log.error({ err }, 'OpenID Connect discovery failed');
      throw new SsoRefusal('sso_failed', 'discovery_failed', appName);
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    await repo.insertLoginRequest(db, {
      stateHash: sha256Hex(state),
      nonce,
      codeVerifier,
      app: appName,
      returnTo,
      ttlSeconds: LOGIN_REQUEST_TTL_SECONDS,
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  async function refuse(request: FastifyRequest, err: SsoRefusal, claims?: Claims, extra = {}) {
    await writeAudit(
      db,
      auditActor(request, {
        actorType: 'anonymous',
        actorLabel: claims ? (str(claims.preferred_username) ?? str(claims.email) ?? claims.sub) : null,
      }),
      {
        action: 'auth.sso.refused',
        metadata: {
          reason: err.reason,
          ...(claims ? { issuer: claims.iss, subject: claims.sub } : {}),
          ...extra,
        },
      },
    );
    return err;
  }

  /**
   * The provider's answer: the state must be the one this browser started with and still unused,
   * the code is exchanged with the PKCE verifier, and the ID token's signature, issuer, audience,
   * expiry and nonce are checked (openid-client). Then the person is matched to a user.
   */
  async function callback(request: FastifyRequest, query: URLSearchParams, cookieState: string | undefined) {
    if (!settings || !configuration) throw new SsoRefusal('sso_failed', 'not_configured');
    const state = query.get('state') ?? '';
    const pending = state ? await repo.takeLoginRequest(db, sha256Hex(state)) : null;
    if (!pending || pending.expired || !cookieState || cookieState !== state) {
      throw await refuse(
        request,
        new SsoRefusal(
          'sso_state_invalid',
          !pending ? 'unknown_state' : pending.expired ? 'expired_state' : 'state_cookie_mismatch',
          (pending?.app as SsoApp) ?? 'staff',
        ),
      );
    }
    const appName = pending.app as SsoApp;
    // The person said no at the provider (or closed its page through its cancel button): not a
    // failure of ours, and the login page says so in plain words.
    if (query.get('error') === 'access_denied')
      throw await refuse(request, new SsoRefusal('sso_cancelled', 'cancelled', appName), undefined, {
        error: 'access_denied',
      });
    let claims: Claims;
    let idToken: string;
    try {
      const config = await configuration();
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = query.toString();
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() as Claims;
      // Kept with the session only, for the provider's logout (`id_token_hint`).
      idToken = tokens.id_token!;
    } catch (err) {
      request.log.warn({ err }, 'single sign-on: provider answer refused');
      const code = (err as { code?: unknown }).code;
      const error = (err as { error?: unknown }).error;
      throw await refuse(
        request,
        new SsoRefusal('sso_failed', 'provider_answer_invalid', appName),
        undefined,
        {
          error: String(error ?? code ?? (err as Error).message).slice(0, 200),
        },
      );
    }

    const user = await matchUser(request, claims, appName);
    const result = await auth.openSession(
      request,
      user,
      { identityId: user.identityId, idToken },
      async (tx, sessionId) => {
        await repo.recordSignOn(tx, user.identityId, user.id);
        if (!user.created) await followRoleMap(request, tx, user.id, sessionId, claims);
        await writeAudit(
          tx,
          auditActor(request, { actorType: 'user', actorId: user.id, actorLabel: user.username }),
          {
            action: 'auth.sso.login.succeeded',
            targetType: 'user',
            targetId: user.id,
            metadata: { sessionId, issuer: claims.iss, subject: claims.sub },
          },
        );
      },
    );
    // Each person works in one app: provider staff in the portal, city staff in the staff app. One
    // who signed on from the other app's login page goes to the front page of their own.
    const ownApp: SsoApp = hasAnyRole(result.me.kind === 'user' ? result.me.roles : [], PROVIDER_ROLES)
      ? 'portal'
      : 'staff';
    return ownApp === appName
      ? { ...result, app: appName, returnTo: pending.returnTo }
      : { ...result, app: ownApp, returnTo: '/' };
  }

  /** The user of an identity seen before, or the account it links to once, or a new one when allowed. */
  async function matchUser(request: FastifyRequest, claims: Claims, appName: SsoApp) {
    const s = settings!;
    const known = await repo.findIdentity(db, claims.iss, claims.sub);
    if (known) {
      if (known.user.disabledAt)
        throw await refuse(request, new SsoRefusal('sso_refused', 'disabled', appName), claims);
      return { ...known.user, identityId: known.identityId, created: false };
    }

    const linkValue =
      s.linkBy === 'email'
        ? claims.email_verified === true
          ? str(claims.email)
          : null
        : s.linkBy
          ? str(claims[s.linkBy])
          : null;
    if (linkValue) {
      const found = await repo.findUsersBy(db, s.linkBy === 'email' ? 'email' : 'username', linkValue);
      if (found.length > 1)
        throw await refuse(request, new SsoRefusal('sso_refused', 'ambiguous_link', appName), claims);
      const user = found[0];
      if (user) {
        if (user.disabledAt)
          throw await refuse(request, new SsoRefusal('sso_refused', 'disabled', appName), claims);
        // Linked once: an account already tied to another person at this provider stays theirs.
        if (await repo.hasIdentityAt(db, user.id, claims.iss))
          throw await refuse(request, new SsoRefusal('sso_refused', 'already_linked', appName), claims, {
            userId: user.id,
          });
        const identityId = await db.transaction(async (tx) => {
          const id = await repo.insertIdentity(tx, {
            userId: user.id,
            issuer: claims.iss,
            subject: claims.sub,
            origin: 'linked',
          });
          await writeAudit(
            tx,
            auditActor(request, { actorType: 'user', actorId: user.id, actorLabel: user.username }),
            {
              action: 'auth.sso.linked',
              targetType: 'user',
              targetId: user.id,
              metadata: { issuer: claims.iss, subject: claims.sub, by: s.linkBy },
            },
          );
          return id;
        });
        return { ...user, identityId, created: false };
      }
    }

    const roles = mappedRoles(s, claims);
    // Provider staff need their organisation, which no claim names: their accounts are made in the product.
    if (!s.createUsers || !roles.length || roleScopeProblem(roles, null))
      throw await refuse(request, new SsoRefusal('sso_unmapped', 'unmapped', appName), claims, { roles });
    const username = await freeUsername(claims);
    // A password nobody knows: the account signs in only through the provider until an admin sets one.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    return db.transaction(async (tx) => {
      const user = await repo.insertUser(tx, {
        username,
        passwordHash,
        displayName: str(claims.name) ?? username,
        email: str(claims.email) ?? '',
        roles,
      });
      const identityId = await repo.insertIdentity(tx, {
        userId: user.id,
        issuer: claims.iss,
        subject: claims.sub,
        origin: 'created',
      });
      await writeAudit(
        tx,
        auditActor(request, { actorType: 'user', actorId: user.id, actorLabel: user.username }),
        {
          action: 'auth.sso.user_created',
          targetType: 'user',
          targetId: user.id,
          metadata: { issuer: claims.iss, subject: claims.sub, roles },
        },
      );
      return { ...user, identityId, created: true };
    });
  }

  /**
   * At every sign-on of an account tied to the provider (linked or created by it), the city roles
   * follow the roles claim through OIDC_ROLE_MAP: changed roles are written and audited
   * (`auth.sso.roles_changed`) and the person's other sessions end, as when an admin changes them.
   * Nothing is changed (`auth.sso.roles_refused` with the reason) when the claim maps to no role
   * (a provider that stopped sending the claim must not strip everyone's roles), or to provider
   * roles (they need an organisation no claim names), or when the account is provider staff: their
   * roles and organisation are the product's. Without a role map, nothing is read.
   */
  async function followRoleMap(
    request: FastifyRequest,
    tx: Executor,
    userId: string,
    sessionId: string,
    claims: Claims,
  ) {
    const s = settings!;
    if (!s.roleMap.size) return;
    const current = await repo.getRolesForUpdate(tx, userId);
    if (!current) return;
    const claimed = mappedRoles(s, claims);
    const actor = auditActor(request, { actorType: 'user', actorId: userId, actorLabel: current.username });
    const refuseRoles = (reason: string) =>
      writeAudit(tx, actor, {
        action: 'auth.sso.roles_refused',
        targetType: 'user',
        targetId: userId,
        metadata: { reason, roles: current.roles, claimed, issuer: claims.iss, subject: claims.sub },
      });
    if (current.providerId || hasAnyRole(current.roles, PROVIDER_ROLES)) {
      if (claimed.length) await refuseRoles('provider_staff');
      return;
    }
    if (!claimed.length) return refuseRoles('unmapped');
    if (roleScopeProblem(claimed, null)) return refuseRoles('not_city_roles');
    const same = claimed.length === current.roles.length && claimed.every((r) => current.roles.includes(r));
    if (same) return;
    await repo.setRoles(tx, userId, claimed);
    await revokeAllSessionsOfUser(tx, userId, 'access_changed', sessionId);
    await writeAudit(tx, actor, {
      action: 'auth.sso.roles_changed',
      targetType: 'user',
      targetId: userId,
      metadata: { from: current.roles, to: claimed, issuer: claims.iss, subject: claims.sub, sessionId },
    });
  }

  async function freeUsername(claims: Claims) {
    const base = (str(claims.preferred_username) ?? str(claims.email) ?? `sso-${claims.sub}`).slice(0, 200);
    if (!(await repo.usernameTaken(db, base))) return base;
    return `${base}-${randomBytes(3).toString('hex')}`;
  }

  /**
   * The provider's logout page for a session opened by single sign-on, when its discovery names an
   * `end_session_endpoint`: with the session's ID token as `id_token_hint` (so the provider logs
   * out without asking), the client id, and the page to come back to (OIDC_POST_LOGOUT_REDIRECT_URI,
   * or the app's login page).
   */
  async function endSessionUrl(appName: SsoApp, idToken: string | null): Promise<string | null> {
    if (!settings || !configuration) return null;
    try {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        ...(idToken ? { id_token_hint: idToken } : {}),
        client_id: settings.clientId,
        post_logout_redirect_uri:
          app.config.OIDC_POST_LOGOUT_REDIRECT_URI || `${app.config.PUBLIC_URL}${APP_BASE[appName]}/login`,
      }).href;
    } catch (err) {
      app.log.warn({ err }, "single sign-on: the provider's logout page is not known");
      return null;
    }
  }

  return { enabled: !!settings, start, callback, endSessionUrl };
}
