import type { FastifyRequest } from 'fastify';
import { hasAnyRole, PROVIDER_ROLES } from '@civic/shared/roles';
import { forbidden, notFound } from '../../lib/errors.ts';

/** City-side care staff: the whole registry. Viewers read only. */
export const CARE_STAFF = ['admin', 'care_coordinator'] as const;
export const CARE_READERS = ['admin', 'care_coordinator', 'care_viewer'] as const;
export const PORTAL_USERS = PROVIDER_ROLES;

/**
 * Whose units the caller may see: every provider's for care staff and integration clients, their
 * own organisation's for provider staff. Queries filter with this, so another organisation's units,
 * vacancies and history are simply absent (404), never "forbidden".
 */
export type ProviderScope = { all: true } | { all: false; providerId: string };

export function providerScope(request: FastifyRequest): ProviderScope {
  const p = request.principal;
  if (!p) throw forbidden();
  if (p.kind === 'client' || hasAnyRole(p.roles, CARE_READERS)) return { all: true };
  if (hasAnyRole(p.roles, PROVIDER_ROLES) && p.providerId) return { all: false, providerId: p.providerId };
  throw forbidden();
}

export function assertProvider(scope: ProviderScope, providerId: string, what: string) {
  if (!scope.all && scope.providerId !== providerId) throw notFound(what);
}
