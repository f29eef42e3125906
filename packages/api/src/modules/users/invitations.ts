import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { passwordProblem } from '@civic/shared/password';
import { PROVIDER_ROLES } from '@civic/shared/roles';
import type { Language } from '@civic/shared/common';
import type { InvitationView } from '@civic/shared/users';
import { userInvitations, users } from '../../db/schema/index.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Executor } from '../../db/client.ts';
import { revokeAllSessionsOfUser } from '../auth/repo.ts';

/** Only the SHA-256 of an invitation token is stored. */
export const invitationHash = (token: string) =>
  createHash('sha256').update(`invitation:${token}`).digest('hex');

export const INVITATION_MAIL = {
  fi: {
    subject: 'Kutsu: aseta salasanasi',
    body: (name: string, username: string, link: string, hours: number) =>
      `Hei ${name},\n\nsinulle on luotu käyttäjätunnus ${username}. Aseta salasanasi tästä linkistä:\n\n${link}\n\nLinkki toimii kerran ja vanhenee ${hours} tunnin kuluttua.\n\nHelsingin kaupunki`,
  },
  sv: {
    subject: 'Inbjudan: välj ditt lösenord',
    body: (name: string, username: string, link: string, hours: number) =>
      `Hej ${name},\n\nett användarnamn ${username} har skapats åt dig. Välj ditt lösenord via länken:\n\n${link}\n\nLänken fungerar en gång och går ut om ${hours} timmar.\n\nHelsingfors stad`,
  },
  en: {
    subject: 'Invitation: set your password',
    body: (name: string, username: string, link: string, hours: number) =>
      `Hello ${name},\n\nthe username ${username} has been created for you. Set your password through this link:\n\n${link}\n\nThe link works once and expires in ${hours} hours.\n\nCity of Helsinki`,
  },
} satisfies Record<Language, Record<string, unknown>>;

async function lockInvitation(tx: Executor, token: string) {
  const [row] = await tx
    .select({ inv: userInvitations, user: users })
    .from(userInvitations)
    .innerJoin(users, eq(users.id, userInvitations.userId))
    .where(eq(userInvitations.tokenHash, invitationHash(token)))
    .for('update', { of: userInvitations });
  if (!row) throw new AppError(404, 'link_unusable', 'No such invitation', { reason: 'unknown' });
  const reason = row.inv.usedAt
    ? 'used'
    : row.user.disabledAt
      ? 'cancelled'
      : row.inv.expiresAt <= new Date()
        ? 'expired'
        : null;
  if (reason) throw new AppError(410, 'link_unusable', `This invitation is ${reason}`, { reason });
  return row;
}

export function invitationService(app: FastifyInstance) {
  const { db } = app;
  return {
    async view(token: string): Promise<InvitationView> {
      const { user } = await db.transaction((tx) => lockInvitation(tx, token));
      return {
        username: user.username,
        displayName: user.displayName,
        app: user.roles.every((r) => PROVIDER_ROLES.includes(r)) ? 'portal' : 'staff',
      };
    },
    async accept(request: FastifyRequest, token: string, password: string) {
      await db.transaction(async (tx) => {
        const { inv, user } = await lockInvitation(tx, token);
        const problem = passwordProblem(password, user.username);
        if (problem)
          throw badRequest('Password does not meet the rule', [{ field: '/password', message: problem }]);
        await tx
          .update(users)
          .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
          .where(eq(users.id, user.id));
        await tx
          .update(userInvitations)
          .set({ usedAt: new Date() })
          .where(and(eq(userInvitations.userId, user.id), isNull(userInvitations.usedAt)));
        await revokeAllSessionsOfUser(tx, user.id, 'access_changed');
        await request.audit(
          {
            action: 'user.invitation_accepted',
            targetType: 'user',
            targetId: user.id,
            metadata: { invitationId: inv.id },
          },
          tx,
        );
      });
    },
  };
}
