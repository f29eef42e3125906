import * as oidc from 'openid-client';
import { ROLES, type Role } from '@civic/shared/roles';
import type { Config } from '../../../config.ts';

/** The single sign-on settings, parsed and checked once at start-up. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  redirectUri: string;
  rolesClaim: string[];
  roleMap: Map<string, Role[]>;
  linkBy: string;
  createUsers: boolean;
  allowHttp: boolean;
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Comma-separated roles of a setting; an unknown name stops the start, it is surely a typo. */
export function parseRoles(value: string, setting: string): Role[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new Error(`${setting}: unknown role ${unknown.join(', ')}`);
  return roles as Role[];
}

/** `value=role,value2=role2`; one value may give several roles by appearing several times. */
export function parseRoleMap(value: string): Map<string, Role[]> {
  const map = new Map<string, Role[]>();
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not value=role`);
    const claimValue = pair.slice(0, at).trim();
    const [role] = parseRoles(pair.slice(at + 1), 'OIDC_ROLE_MAP');
    if (!role) throw new Error(`OIDC_ROLE_MAP: "${pair}" names no role`);
    map.set(claimValue, [...new Set([...(map.get(claimValue) ?? []), role])]);
  }
  return map;
}

export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER) return null;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    scopes: config.OIDC_SCOPES,
    redirectUri: config.OIDC_REDIRECT_URI,
    rolesClaim: config.OIDC_ROLES_CLAIM.split('.').filter(Boolean),
    roleMap: parseRoleMap(config.OIDC_ROLE_MAP),
    linkBy: config.OIDC_LINK_BY.trim(),
    createUsers: config.OIDC_CREATE_USERS,
    allowHttp: config.OIDC_ALLOW_HTTP,
  };
}

/** The product roles the claims give: each value of the roles claim looked up in the map. */
export function mappedRoles(settings: OidcSettings, claims: Record<string, unknown>): Role[] {
  let value: unknown = claims;
  for (const part of settings.rolesClaim) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  // Most providers send an array; some send one string, space- or comma-separated.
  const values = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? value.split(/[\s,]+/).filter(Boolean)
      : [];
  return [...new Set(values.flatMap((v) => settings.roleMap.get(v) ?? []))];
}

/**
 * The provider's metadata, discovered on first use and kept; a failed discovery is retried on the
 * next sign-on, so the product starts even while the provider is down.
 */
export function providerClient(settings: OidcSettings) {
  let discovered: Promise<oidc.Configuration> | null = null;
  return function configuration(): Promise<oidc.Configuration> {
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ? { client_secret: settings.clientSecret } : undefined,
        settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
        { execute: settings.allowHttp ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      )
      .then((config) => {
        // An ID token from the token endpoint is trusted over TLS by default (OIDC Core 3.1.3.7);
        // its signature is checked against the provider's keys as well, so a forged token is refused
        // even where TLS ends before this process.
        oidc.enableNonRepudiationChecks(config);
        return config;
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  };
}
