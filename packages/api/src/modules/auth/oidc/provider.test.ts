import { describe, expect, it } from 'vitest';
import { mappedRoles, parseRoleMap, parseRoles, type OidcSettings } from './provider.ts';

const settings = (claim: string, map: string) =>
  ({ rolesClaim: claim.split('.'), roleMap: parseRoleMap(map) }) as OidcSettings;

describe('the claim-to-role mapping', () => {
  it('maps each value of an array claim, a nested one, or a space/comma-separated string', () => {
    const keycloak = settings(
      'groups',
      '/jopa-coordinators=care_coordinator,/admins=admin,/admins=care_viewer',
    );
    expect(mappedRoles(keycloak, { groups: ['/admins', '/other'] })).toEqual(['admin', 'care_viewer']);
    const realmRoles = settings('realm_access.roles', 'coordinator=care_coordinator');
    expect(mappedRoles(realmRoles, { realm_access: { roles: ['coordinator'] } })).toEqual([
      'care_coordinator',
    ]);
    const entraRoles = settings('roles', 'KeyOffice=key_coordinator,CareCoordinator=care_coordinator');
    expect(mappedRoles(entraRoles, { roles: 'KeyOffice CareCoordinator' })).toEqual([
      'key_coordinator',
      'care_coordinator',
    ]);
    expect(mappedRoles(entraRoles, {})).toEqual([]);
    expect(mappedRoles(entraRoles, { roles: 5 })).toEqual([]);
  });

  it('keeps values with = in them (Entra group ids do not have any, but URLs might)', () => {
    expect(parseRoleMap('a=b=admin').get('a=b')).toEqual(['admin']);
  });

  it('stops the start on a role name that does not exist', () => {
    expect(() => parseRoleMap('/x=coordinator')).toThrow(/unknown role coordinator/);
    expect(() => parseRoleMap('novalue')).toThrow(/not value=role/);
    expect(() => parseRoles('admin, nobody', 'OIDC_SSO_ONLY_ROLES')).toThrow(
      /OIDC_SSO_ONLY_ROLES: unknown role nobody/,
    );
    expect(parseRoles(' admin ,care_viewer,', 'X')).toEqual(['admin', 'care_viewer']);
  });
});
