import { and, eq, lt, sql } from 'drizzle-orm';
import type { Role } from '@civic/shared/roles';
import type { Executor } from '../../../db/client.ts';
import { oidcLoginRequests, userIdentities, users, userSites } from '../../../db/schema/index.ts';

export async function insertLoginRequest(
  db: Executor,
  input: {
    stateHash: string;
    nonce: string;
    codeVerifier: string;
    app: string;
    returnTo: string;
    ttlSeconds: number;
  },
) {
  // Sign-ons abandoned at the provider are forgotten here, so the table stays small without a job.
  await db.delete(oidcLoginRequests).where(lt(oidcLoginRequests.expiresAt, sql`now()`));
  const { ttlSeconds, ...row } = input;
  await db
    .insert(oidcLoginRequests)
    .values({ ...row, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` });
}

/** Takes the request out as it is read: a second callback with the same state finds nothing. */
export async function takeLoginRequest(db: Executor, stateHash: string) {
  const [row] = await db
    .delete(oidcLoginRequests)
    .where(eq(oidcLoginRequests.stateHash, stateHash))
    .returning({
      nonce: oidcLoginRequests.nonce,
      codeVerifier: oidcLoginRequests.codeVerifier,
      app: oidcLoginRequests.app,
      returnTo: oidcLoginRequests.returnTo,
      expired: sql<boolean>`${oidcLoginRequests.expiresAt} <= now()`,
    });
  return row ?? null;
}

const userColumns = {
  id: users.id,
  username: users.username,
  roles: users.roles,
  disabledAt: users.disabledAt,
};

export async function findIdentity(db: Executor, issuer: string, subject: string) {
  const [row] = await db
    .select({ identityId: userIdentities.id, user: userColumns })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row ?? null;
}

/** Users whose e-mail or username (by `column`) equals `value`, case-insensitively; the caller refuses several. */
export async function findUsersBy(db: Executor, column: 'email' | 'username', value: string) {
  return db
    .select(userColumns)
    .from(users)
    .where(sql`lower(${users[column]}) = lower(${value})`)
    .limit(2);
}

export async function hasIdentityAt(db: Executor, userId: string, issuer: string) {
  const [row] = await db
    .select({ id: userIdentities.id })
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), eq(userIdentities.issuer, issuer)));
  return !!row;
}

export async function insertIdentity(
  db: Executor,
  input: { userId: string; issuer: string; subject: string; origin: 'linked' | 'created' },
) {
  const [row] = await db.insert(userIdentities).values(input).returning({ id: userIdentities.id });
  return row!.id;
}

export async function recordSignOn(db: Executor, identityId: string, userId: string) {
  await db
    .update(userIdentities)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(userIdentities.id, identityId));
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function usernameTaken(db: Executor, username: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return !!row;
}

export async function insertUser(
  db: Executor,
  input: { username: string; passwordHash: string; displayName: string; email: string; roles: Role[] },
) {
  const [row] = await db.insert(users).values(input).returning(userColumns);
  return row!;
}

/** The user's roles and organisation, locked while a sign-on decides whether the role map changes them. */
export async function getRolesForUpdate(db: Executor, userId: string) {
  const [row] = await db
    .select({ username: users.username, roles: users.roles, providerId: users.providerId })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  return row ?? null;
}

/** New roles from the role map; sites stay only with the site manager role. */
export async function setRoles(db: Executor, userId: string, roles: Role[]) {
  await db
    .update(users)
    .set({ roles, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
  if (!roles.includes('site_manager')) await db.delete(userSites).where(eq(userSites.userId, userId));
}
