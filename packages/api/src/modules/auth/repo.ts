import { and, eq, gt, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { integrationClients, loginThrottles, refreshTokens, sessions, users } from '../../db/schema/index.ts';
import type { ClientPrincipal, UserPrincipal } from '../../lib/access.ts';

/** One query per request: the user is active and this session is neither logged out nor expired. */
export async function findActiveUserSession(
  db: Db,
  userId: string,
  sessionId: string,
): Promise<UserPrincipal | null> {
  const [row] = await activeUserSession(db).execute({ userId, sessionId });
  return row ? { kind: 'user', sessionId, ...row } : null;
}

// Every authenticated request runs this check, so it is a named prepared statement: drizzle builds
// its SQL once per pool instead of per request, and PostgreSQL parses and plans it once per
// connection. It still reads the rows each time, so logout and disabling act at once.
const activeUserSessions = new WeakMap<Db, ReturnType<typeof prepareActiveUserSession>>();
const prepareActiveUserSession = (db: Db) =>
  db
    .select({ id: users.id, username: users.username, roles: users.roles, providerId: users.providerId })
    .from(users)
    .innerJoin(sessions, eq(sessions.userId, users.id))
    .where(
      and(
        eq(users.id, sql.placeholder('userId')),
        eq(sessions.id, sql.placeholder('sessionId')),
        isNull(users.disabledAt),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
      ),
    )
    .prepare('auth_active_user_session');
function activeUserSession(db: Db) {
  let prepared = activeUserSessions.get(db);
  if (!prepared) activeUserSessions.set(db, (prepared = prepareActiveUserSession(db)));
  return prepared;
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

export type LoginAttempt =
  { admitted: true; lockedUntil: Date | null; attempt: number } | { admitted: false; lockedUntil: Date };

/**
 * Admits or refuses one login attempt for a username (known or not) under that username's row
 * lock. Every admitted attempt is counted before its password is checked, so attempts sent in
 * parallel take their numbers one by one: at most `maxFailures` are ever checked, the one that
 * reaches the limit locks the name, and the rest are refused without a password check. A success
 * clears the count (`clearLoginAttempts`); a lock that has run out starts the count again.
 */
export async function admitLoginAttempt(
  db: Db,
  usernameKey: string,
  maxFailures: number,
  lockMinutes: number,
): Promise<LoginAttempt> {
  return db.transaction(async (tx) => {
    // Insert or lock in one statement: the row exists and is ours until commit, even if a
    // concurrent success deleted it a moment ago.
    const [row] = await tx
      .insert(loginThrottles)
      .values({ usernameKey })
      .onConflictDoUpdate({ target: loginThrottles.usernameKey, set: { usernameKey } })
      .returning({
        attempts: loginThrottles.attempts,
        lockedUntil: loginThrottles.lockedUntil,
        locked: sql<boolean>`coalesce(${loginThrottles.lockedUntil} > now(), false)`,
      });
    if (row!.locked) return { admitted: false as const, lockedUntil: row!.lockedUntil! };
    const attempts = (row!.lockedUntil ? 0 : row!.attempts) + 1;
    const [updated] = await tx
      .update(loginThrottles)
      .set({
        attempts,
        lockedUntil: attempts >= maxFailures ? sql`now() + make_interval(mins => ${lockMinutes})` : null,
        lastAttemptAt: sql`now()`,
      })
      .where(eq(loginThrottles.usernameKey, usernameKey))
      .returning({ lockedUntil: loginThrottles.lockedUntil });
    return { admitted: true as const, lockedUntil: updated!.lockedUntil, attempt: attempts };
  });
}

/** After a successful login, or an admin's unlock: the username starts with a clean count. */
export async function clearLoginAttempts(db: Executor, usernameKey: string) {
  await db.delete(loginThrottles).where(eq(loginThrottles.usernameKey, usernameKey));
}

/** Locks still in force, by lower-cased username (for the admin's user list). */
export async function lockedUsernames(db: Executor, usernameKeys: string[]) {
  if (!usernameKeys.length) return new Map<string, Date>();
  const rows = await db
    .select({ key: loginThrottles.usernameKey, until: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(
      and(inArray(loginThrottles.usernameKey, usernameKeys), gt(loginThrottles.lockedUntil, sql`now()`)),
    );
  return new Map(rows.map((r) => [r.key, r.until!]));
}

/** Forgets usernames with no failure for a day and no lock in force, so the table stays small. */
export async function pruneLoginThrottles(db: Executor) {
  const rows = await db
    .delete(loginThrottles)
    .where(
      sql`${loginThrottles.lastAttemptAt} < now() - interval '1 day' AND coalesce(${loginThrottles.lockedUntil} <= now(), true)`,
    )
    .returning({ key: loginThrottles.usernameKey });
  return rows.length;
}

/** ID tokens of sessions that ran out without a logout: no logout will need them now. */
export async function forgetExpiredIdTokens(db: Executor) {
  const rows = await db
    .update(sessions)
    .set({ idToken: null })
    .where(and(isNotNull(sessions.idToken), lte(sessions.expiresAt, sql`now()`)))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function recordSuccessfulLogin(db: Executor, userId: string, usernameKey: string) {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, userId));
  await clearLoginAttempts(db, usernameKey);
}

export async function createSession(
  db: Executor,
  input: {
    userId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    identityId: string | null;
    idToken: string | null;
  },
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

/**
 * Revokes a session still open; answers it with how it was opened (its identity and the provider's
 * ID token, which is forgotten here), or null when it had already ended.
 */
export async function revokeSession(db: Executor, sessionId: string, reason: string) {
  const [open] = await db
    .select({ id: sessions.id, identityId: sessions.identityId, idToken: sessions.idToken })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .for('update');
  if (!open) return null;
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason, idToken: null })
    .where(eq(sessions.id, sessionId));
  return open;
}

/** Ends every open session of a user, except `exceptSessionId` (the one just opened) when given. */
export async function revokeAllSessionsOfUser(
  db: Executor,
  userId: string,
  reason: string,
  exceptSessionId?: string,
) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason, idToken: null })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
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

export async function updateClientSecretHash(db: Executor, id: string, secretHash: string) {
  await db.update(integrationClients).set({ secretHash }).where(eq(integrationClients.id, id));
}
