import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { CreateUser, InviteUser, UpdateUser, UserListQuery } from '@civic/shared/users';
import type { Executor } from '../../db/client.ts';
import { userInvitations } from '../../db/schema/index.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { INVITATION_MAIL, invitationHash } from './invitations.ts';
import { PROVIDER_ROLES, roleScopeProblem, type Role } from '@civic/shared/roles';
import { passwordProblem } from '@civic/shared/password';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { UserPrincipal } from '../../lib/access.ts';
import { clearLoginAttempts, revokeAllSessionsOfUser } from '../auth/repo.ts';
import * as repo from './repo.ts';

/**
 * Which users the caller administers: an admin all of them, a provider admin only the users of
 * their own organisation. Every query below goes through this, so a foreign user is simply absent.
 */
function adminScope(actor: UserPrincipal): { providerId?: string } {
  if (actor.roles.includes('admin')) return {};
  if (actor.roles.includes('provider_admin') && actor.providerId) return { providerId: actor.providerId };
  throw forbidden();
}

export function usersService(app: FastifyInstance) {
  const { db } = app;

  async function checkAssignment(
    actor: UserPrincipal,
    roles: Role[],
    providerId: string | null,
    siteIds: string[],
  ) {
    const scope = adminScope(actor);
    if (scope.providerId) {
      if (roles.some((r) => !PROVIDER_ROLES.includes(r))) {
        throw forbidden('A provider admin can grant only provider roles');
      }
      if (providerId !== scope.providerId) throw forbidden('Users must belong to your own organisation');
    }
    const problem = roleScopeProblem(roles, providerId);
    if (problem)
      throw badRequest(`Roles and organisation do not fit together: ${problem}`, [
        { field: '/roles', message: problem },
      ]);
    if (siteIds.length && !roles.includes('site_manager')) {
      throw badRequest('Only site managers are assigned to sites', [
        { field: '/siteIds', message: 'site_manager_only' },
      ]);
    }
    if (providerId && (await repo.countExisting(db, 'providers', [providerId])) !== 1) {
      throw badRequest('Unknown provider', [{ field: '/providerId', message: 'unknown' }]);
    }
    if ((await repo.countExisting(db, 'sites', siteIds)) !== siteIds.length) {
      throw badRequest('Unknown site', [{ field: '/siteIds', message: 'unknown' }]);
    }
  }

  /** Checks the assignment and inserts the user with their sites, audited, in one transaction. */
  async function insertUser(
    request: FastifyRequest,
    body: Omit<CreateUser, 'password'>,
    passwordHash: string,
    action: string,
    inTx?: (tx: Executor, userId: string, roles: Role[]) => Promise<void>,
  ) {
    const actor = request.requireUser();
    const scope = adminScope(actor);
    // A provider admin's users join their organisation; naming another one is refused, not ignored.
    const providerId = body.providerId ?? scope.providerId ?? null;
    const siteIds = body.siteIds ?? [];
    await checkAssignment(actor, body.roles, providerId, siteIds);
    return db.transaction(async (tx) => {
      if (await repo.usernameTaken(tx, body.username)) throw conflict('Username is already in use');
      const id = await repo.insertUser(tx, {
        username: body.username,
        passwordHash,
        displayName: body.displayName,
        email: body.email,
        phone: body.phone ?? null,
        language: body.language ?? 'fi',
        roles: body.roles,
        providerId,
      });
      await repo.replaceUserSites(tx, id, siteIds);
      await inTx?.(tx, id, body.roles);
      await request.audit(
        { action, targetType: 'user', targetId: id, metadata: { roles: body.roles, providerId, siteIds } },
        tx,
      );
      return id;
    });
  }

  function checkPassword(password: string, username: string) {
    const problem = passwordProblem(password, username);
    if (problem)
      throw badRequest('Password does not meet the rule', [{ field: '/password', message: problem }]);
  }

  return {
    list(request: FastifyRequest, query: UserListQuery) {
      return repo.listUsers(db, query, adminScope(request.requireUser()));
    },

    async get(request: FastifyRequest, id: string) {
      const user = await repo.getUser(db, id, adminScope(request.requireUser()));
      if (!user) throw notFound('User');
      return user;
    },

    async create(request: FastifyRequest, body: CreateUser) {
      checkPassword(body.password, body.username);
      const id = await insertUser(request, body, await hashPassword(body.password), 'user.created');
      return (await repo.getUser(db, id))!;
    },

    /**
     * A user who sets their own password: created with an unusable random one, and e-mailed a
     * one-time link (INVITATION_TTL_HOURS) to the portal or the staff app, by their roles.
     */
    async invite(request: FastifyRequest, body: InviteUser) {
      const token = randomBytes(32).toString('base64url');
      const unusable = await hashPassword(randomBytes(32).toString('base64url'));
      const id = await insertUser(request, body, unusable, 'user.invited', async (tx, userId, roles) => {
        await tx.insert(userInvitations).values({
          userId,
          tokenHash: invitationHash(token),
          expiresAt: new Date(Date.now() + app.config.INVITATION_TTL_HOURS * 3600_000),
          createdBy: request.requireUser().id,
        });
        const portal = roles.every((r) => PROVIDER_ROLES.includes(r));
        const link = `${app.config.PUBLIC_URL}${portal ? '/portal' : ''}/invitation/${token}`;
        const m = INVITATION_MAIL[body.language ?? 'fi'];
        await enqueueEmail(tx, !!app.config.SMTP_URL, {
          to: body.email,
          subject: m.subject,
          body: m.body(body.displayName, body.username, link, app.config.INVITATION_TTL_HOURS),
        });
      });
      if (app.config.SMTP_URL) app.jobs.kick('mail.deliver');
      return (await repo.getUser(db, id))!;
    },

    /** The user's single sign-on links; a user outside the caller's scope is not found. */
    async ssoLinks(request: FastifyRequest, id: string) {
      const user = await repo.getUser(db, id, adminScope(request.requireUser()));
      if (!user) throw notFound('User');
      return { items: await repo.listSsoLinks(db, id) };
    },

    /**
     * Removes one single sign-on link, audited with what it was: the person no longer signs in to
     * this account through the provider (until linked again at a sign-on, when OIDC_LINK_BY matches),
     * and sessions opened through the link end at once.
     */
    async unlinkSso(request: FastifyRequest, id: string, linkId: string) {
      const scope = adminScope(request.requireUser());
      await db.transaction(async (tx) => {
        const current = await repo.getUserForUpdate(tx, id);
        if (!current || (scope.providerId && current.providerId !== scope.providerId)) throw notFound('User');
        const link = await repo.deleteSsoLink(tx, id, linkId);
        if (!link) throw notFound('Single sign-on link');
        await request.audit(
          {
            action: 'user.sso_unlinked',
            targetType: 'user',
            targetId: id,
            metadata: {
              linkId,
              issuer: link.issuer,
              subject: link.subject,
              origin: link.origin,
              linkedAt: link.createdAt.toISOString(),
              sessionsEnded: link.sessionsEnded,
            },
          },
          tx,
        );
      });
    },

    async update(request: FastifyRequest, id: string, patch: UpdateUser) {
      const actor = request.requireUser();
      const scope = adminScope(actor);
      await db.transaction(async (tx) => {
        const current = await repo.getUserForUpdate(tx, id);
        if (!current || (scope.providerId && current.providerId !== scope.providerId)) throw notFound('User');
        const roles = patch.roles ?? current.roles;
        const providerId = patch.providerId !== undefined ? patch.providerId : current.providerId;
        if (patch.roles || patch.providerId !== undefined || patch.siteIds) {
          const siteIds = patch.siteIds ?? (await repo.getUser(tx, id))!.sites.map((s) => s.id);
          await checkAssignment(actor, roles, providerId, siteIds);
        }
        if (
          id === actor.id &&
          (patch.disabled === true || (current.roles.includes('admin') && !roles.includes('admin')))
        ) {
          throw conflict('You cannot disable yourself or remove your own admin role');
        }
        if (patch.password) checkPassword(patch.password, current.username);
        // Hashed only once the change is known to be allowed: argon2 is deliberately costly.
        const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
        await repo.updateUserRow(tx, id, {
          displayName: patch.displayName,
          email: patch.email,
          phone: patch.phone,
          language: patch.language,
          roles: patch.roles,
          providerId: patch.providerId,
          passwordHash,
          ...(patch.disabled === true && !current.disabledAt ? { disabledAt: new Date() } : {}),
          ...(patch.disabled === false ? { disabledAt: null } : {}),
        });
        if (patch.unlock) await clearLoginAttempts(tx, current.username.toLowerCase());
        if (patch.siteIds) await repo.replaceUserSites(tx, id, patch.siteIds);
        // Losing access or a password change ends every session at once.
        if (patch.disabled === true || patch.password || patch.roles || patch.providerId !== undefined) {
          await revokeAllSessionsOfUser(tx, id, patch.disabled ? 'user_disabled' : 'access_changed');
        }
        const changed = Object.keys(patch).filter((k) => k !== 'password');
        await request.audit(
          {
            action:
              patch.disabled === true
                ? 'user.disabled'
                : patch.disabled === false
                  ? 'user.enabled'
                  : 'user.updated',
            targetType: 'user',
            targetId: id,
            metadata: { changed, passwordChanged: !!patch.password },
          },
          tx,
        );
      });
      return (await repo.getUser(db, id))!;
    },
  };
}
