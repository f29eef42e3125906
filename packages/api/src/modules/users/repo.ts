import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SsoLink, User, UserListQuery } from '@civic/shared/users';
import type { Role } from '@civic/shared/roles';
import type { Executor } from '../../db/client.ts';
import { providers, sessions, sites, userIdentities, users, userSites } from '../../db/schema/index.ts';
import { lockedUsernames } from '../auth/repo.ts';

type UserRow = typeof users.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function attachRefs(db: Executor, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const providerIds = [...new Set(rows.map((r) => r.providerId).filter((p): p is string => !!p))];
  const [siteRows, providerRows, locks] = await Promise.all([
    db
      .select({ userId: userSites.userId, id: sites.id, name: sites.name })
      .from(userSites)
      .innerJoin(sites, eq(sites.id, userSites.siteId))
      .where(inArray(userSites.userId, ids))
      .orderBy(asc(sites.name)),
    providerIds.length
      ? db
          .select({ id: providers.id, name: providers.name })
          .from(providers)
          .where(inArray(providers.id, providerIds))
      : Promise.resolve([]),
    lockedUsernames(
      db,
      rows.map((r) => r.username.toLowerCase()),
    ),
  ]);
  const providerById = new Map(providerRows.map((p) => [p.id, p]));
  return rows.map((r) =>
    toUserDto(
      r,
      providerById.get(r.providerId ?? '') ?? null,
      siteRows.filter((s) => s.userId === r.id),
      locks.get(r.username.toLowerCase()) ?? null,
    ),
  );
}

export function toUserDto(
  r: UserRow,
  provider: { id: string; name: string } | null,
  siteRefs: { id: string; name: string }[],
  lockedUntil: Date | null,
): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    phone: r.phone,
    language: r.language,
    roles: r.roles,
    provider,
    sites: siteRefs.map(({ id, name }) => ({ id, name })),
    disabled: r.disabledAt !== null,
    lockedUntil: iso(lockedUntil),
    lastLoginAt: iso(r.lastLoginAt),
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getUser(
  db: Executor,
  id: string,
  scope: { providerId?: string } = {},
): Promise<User | null> {
  const conditions = [eq(users.id, id)];
  if (scope.providerId) conditions.push(eq(users.providerId, scope.providerId));
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions));
  const [user] = await attachRefs(db, rows);
  return user ?? null;
}

export async function getUserForUpdate(db: Executor, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row ?? null;
}

export async function listUsers(db: Executor, query: UserListQuery, scope: { providerId?: string }) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const conditions: SQL[] = [];
  if (scope.providerId) conditions.push(eq(users.providerId, scope.providerId));
  if (query.providerId) conditions.push(eq(users.providerId, query.providerId));
  if (query.role) conditions.push(sql`${query.role}::role = ANY(${users.roles})`);
  if (query.disabled !== undefined)
    conditions.push(query.disabled ? isNotNull(users.disabledAt) : isNull(users.disabledAt));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.email, like))!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: await attachRefs(db, rows), page, pageSize, total: total?.n ?? 0 };
}

export async function insertUser(
  db: Executor,
  input: {
    username: string;
    passwordHash: string;
    displayName: string;
    email: string;
    phone: string | null;
    language: 'fi' | 'sv' | 'en';
    roles: Role[];
    providerId: string | null;
  },
) {
  const [row] = await db.insert(users).values(input).returning({ id: users.id });
  return row!.id;
}

export async function updateUserRow(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>) {
  await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function replaceUserSites(db: Executor, userId: string, siteIds: string[]) {
  await db.delete(userSites).where(eq(userSites.userId, userId));
  if (siteIds.length) await db.insert(userSites).values(siteIds.map((siteId) => ({ userId, siteId })));
}

export async function countExisting(db: Executor, table: 'sites' | 'providers', ids: string[]) {
  if (ids.length === 0) return 0;
  const t = table === 'sites' ? sites : providers;
  const [row] = await db.select({ n: count() }).from(t).where(inArray(t.id, ids));
  return row?.n ?? 0;
}

export async function usernameTaken(db: Executor, username: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return !!row;
}

export async function listSsoLinks(db: Executor, userId: string): Promise<SsoLink[]> {
  const rows = await db
    .select()
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.createdAt));
  return rows.map((r) => ({
    id: r.id,
    issuer: r.issuer,
    subject: r.subject,
    origin: r.origin === 'created' ? 'created' : 'linked',
    linkedAt: r.createdAt.toISOString(),
    lastLoginAt: iso(r.lastLoginAt),
  }));
}

/**
 * Removes one link of this user: the sessions opened through it end (and forget their ID token),
 * and ended ones stop pointing at it. Answers the link as it was, or null when the user has no such link.
 */
export async function deleteSsoLink(db: Executor, userId: string, linkId: string) {
  const [link] = await db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.id, linkId), eq(userIdentities.userId, userId)))
    .for('update');
  if (!link) return null;
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: 'sso_unlinked', idToken: null })
    .where(and(eq(sessions.identityId, linkId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  await db.update(sessions).set({ identityId: null }).where(eq(sessions.identityId, linkId));
  await db.delete(userIdentities).where(eq(userIdentities.id, linkId));
  return { ...link, sessionsEnded: ended.length };
}
