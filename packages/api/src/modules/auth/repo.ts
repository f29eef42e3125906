import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { integrationClients, refreshTokens, sessions, users } from '../../db/schema/index.ts';
import type { ClientPrincipal, UserPrincipal } from '../../lib/access.ts';

/** One query per request: the user is active and this session is neither logged out nor expired. */
export async function findActiveUserSession(
  db: Db,
  userId: string,
  sessionId: string,
): Promise<UserPrincipal | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, roles: users.roles, providerId: users.providerId })
    .from(users)
    .innerJoin(sessions, eq(sessions.userId, users.id))
    .where(
      and(
        eq(users.id, userId),
        eq(sessions.id, sessionId),
        isNull(users.disabledAt),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
      ),
    );
  return row ? { kind: 'user', sessionId, ...row } : null;
}

export async function findActiveClient(db: Db, id: string): Promise<ClientPrincipal | null> {
  const [row] = await db
    .select({
      id: integrationClients.id,
      clientId: integrationClients.clientId,
      name: integrationClients.name,
      scopes: integrationClients.scopes,
    })
    .from(integrationClients)
    .where(and(eq(integrationClients.id, id), isNull(integrationClients.revokedAt)));
  return row ? { kind: 'client', ...row } : null;
}

export async function findUserByUsername(db: Executor, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row ?? null;
}

/**
 * Counts a failed login and locks the account once the limit is reached, in one statement so
 * parallel guesses cannot slip past the limit.
 */
export async function recordFailedLogin(
  db: Executor,
  userId: string,
  maxFailures: number,
  lockMinutes: number,
) {
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${maxFailures} THEN 0 ELSE ${users.failedLoginCount} + 1 END`,
      lockedUntil: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return row?.lockedUntil ?? null;
}

export async function recordSuccessfulLogin(db: Executor, userId: string) {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function createSession(
  db: Executor,
  input: { userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  const [row] = await db.insert(sessions).values(input).returning({ id: sessions.id });
  return row!.id;
}

export async function insertRefreshToken(
  db: Executor,
  input: { sessionId: string; tokenHash: string; expiresAt: Date },
) {
  await db.insert(refreshTokens).values(input);
}

/** Locks the token row, so two refreshes with the same token are decided one after the other. */
export async function findRefreshTokenForUpdate(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      id: refreshTokens.id,
      sessionId: refreshTokens.sessionId,
      expiresAt: refreshTokens.expiresAt,
      usedAt: refreshTokens.usedAt,
      usedSecondsAgo: sql<number | null>`extract(epoch from now() - ${refreshTokens.usedAt})::float8`,
      userId: sessions.userId,
      sessionRevokedAt: sessions.revokedAt,
      sessionExpiresAt: sessions.expiresAt,
      userDisabledAt: users.disabledAt,
    })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for('update', { of: refreshTokens });
  return row ?? null;
}

export async function markRefreshTokenUsed(db: Executor, id: string) {
  await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt)));
}

export async function revokeSession(db: Executor, sessionId: string, reason: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeAllSessionsOfUser(db: Executor, userId: string, reason: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function findClientByClientId(db: Executor, clientId: string) {
  const [row] = await db.select().from(integrationClients).where(eq(integrationClients.clientId, clientId));
  return row ?? null;
}

export async function touchClient(db: Executor, id: string) {
  await db
    .update(integrationClients)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(integrationClients.id, id));
}
