import { hasAnyRole, type Role, type Scope } from '@civic/shared/roles';

/**
 * Who may call a route. Every route declares one in `config.access`; a route without one is refused
 * (default deny). `'public'` is the only way to open a route to anonymous callers.
 */
export type AccessRule =
  | 'public'
  | {
      /** Roles of signed-in users allowed here, or `'any'` for every signed-in user. */
      roles?: readonly Role[] | 'any';
      /** Scopes of integration clients allowed here, or `'any'` for every authenticated client. */
      scopes?: readonly Scope[] | 'any';
    };

export interface UserPrincipal {
  kind: 'user';
  id: string;
  sessionId: string;
  username: string;
  roles: Role[];
  providerId: string | null;
}

export interface ClientPrincipal {
  kind: 'client';
  id: string;
  clientId: string;
  name: string;
  scopes: Scope[];
}

export type Principal = UserPrincipal | ClientPrincipal;

export function isAllowed(rule: Exclude<AccessRule, 'public'>, principal: Principal): boolean {
  if (principal.kind === 'user') {
    if (rule.roles === 'any') return true;
    return hasAnyRole(principal.roles, rule.roles ?? []);
  }
  if (rule.scopes === 'any') return true;
  return (rule.scopes ?? []).some((s) => principal.scopes.includes(s));
}
