import { Type } from 'typebox';

/** Roles of DOMAIN.md. A user may hold several. */
export const ROLES = [
  'admin',
  'key_coordinator',
  'site_manager',
  'care_coordinator',
  'care_viewer',
  'provider_admin',
  'provider_user',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Enum(ROLES);

/** Roles that only make sense inside one provider organisation. */
export const PROVIDER_ROLES: readonly Role[] = ['provider_admin', 'provider_user'];
/** Roles whose work is limited to the sites assigned to the user. */
export const SITE_ROLES: readonly Role[] = ['site_manager'];

/** Scopes an integration client may be granted. Each names one area of the API, read or write. */
export const SCOPES = [
  'keys:read',
  'care.registry:read',
  'care.queue:read',
  'care.queue:write',
  'reports:read',
] as const;
export type Scope = (typeof SCOPES)[number];
export const ScopeSchema = Type.Enum(SCOPES);

export function hasAnyRole(userRoles: readonly Role[], wanted: readonly Role[]): boolean {
  return userRoles.some((r) => wanted.includes(r));
}

/**
 * A role set is coherent when provider roles come with a provider organisation and never with
 * city-side roles: a provider's staff must not see other providers' data through a second role.
 */
export function roleScopeProblem(
  roles: readonly Role[],
  providerId: string | null | undefined,
): 'provider_required' | 'provider_not_allowed' | 'mixed_provider_and_city_roles' | null {
  const providerRoles = roles.filter((r) => PROVIDER_ROLES.includes(r));
  if (providerRoles.length > 0 && providerRoles.length < roles.length) return 'mixed_provider_and_city_roles';
  if (providerRoles.length > 0 && !providerId) return 'provider_required';
  if (providerRoles.length === 0 && providerId) return 'provider_not_allowed';
  return null;
}
