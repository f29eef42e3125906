import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { hasAnyRole } from '@civic/shared/roles';
import type { Executor } from '../../db/client.ts';
import { userSites } from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';

/** Reservations staff and admins: the whole archive and every site. */
export const KEY_STAFF = ['admin', 'key_coordinator'] as const;
/** Everyone who lends or takes back keys. */
export const KEY_HANDLERS = ['admin', 'key_coordinator', 'site_manager'] as const;

/**
 * Which sites the caller works at: all of them for key staff and integration clients, the assigned
 * ones for a site manager. Queries filter with this, so another site's objects are simply absent.
 */
export type SiteScope = { all: true } | { all: false; siteIds: string[] };

export async function siteScope(db: Executor, request: FastifyRequest): Promise<SiteScope> {
  const p = request.principal;
  if (!p) return { all: false, siteIds: [] };
  if (p.kind === 'client' || hasAnyRole(p.roles, KEY_STAFF)) return { all: true };
  const rows = await db
    .select({ siteId: userSites.siteId })
    .from(userSites)
    .where(eq(userSites.userId, p.id));
  return { all: false, siteIds: rows.map((r) => r.siteId) };
}

export function inScope(scope: SiteScope, siteId: string): boolean {
  return scope.all || scope.siteIds.includes(siteId);
}

/** 404 rather than 403: a site manager is not told that another site's object exists. */
export function assertSite(scope: SiteScope, siteId: string, what: string) {
  if (!inScope(scope, siteId)) throw notFound(what);
}

export function isKeyStaff(request: FastifyRequest): boolean {
  const p = request.principal;
  return p?.kind === 'user' && hasAnyRole(p.roles, KEY_STAFF);
}
