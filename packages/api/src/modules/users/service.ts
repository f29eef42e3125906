import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CreateUser, UpdateUser, UserListQuery } from '@civic/shared/users';
import { PROVIDER_ROLES, roleScopeProblem, type Role } from '@civic/shared/roles';
import { passwordProblem } from '@civic/shared/password';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { UserPrincipal } from '../../lib/access.ts';
import { revokeAllSessionsOfUser } from '../auth/repo.ts';
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
      const actor = request.requireUser();
      const scope = adminScope(actor);
      // A provider admin's users join their organisation; naming another one is refused, not ignored.
      const providerId = body.providerId ?? scope.providerId ?? null;
      const siteIds = body.siteIds ?? [];
      await checkAssignment(actor, body.roles, providerId, siteIds);
      checkPassword(body.password, body.username);
      const passwordHash = await hashPassword(body.password);
      const id = await db.transaction(async (tx) => {
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
        await request.audit(
          {
            action: 'user.created',
            targetType: 'user',
            targetId: id,
            metadata: { roles: body.roles, providerId, siteIds },
          },
          tx,
        );
        return id;
      });
      return (await repo.getUser(db, id))!;
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
          ...(patch.unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
        });
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
