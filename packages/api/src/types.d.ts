import type { Config } from './config.ts';
import type { RouteSummary } from './app.ts';
import type { Db } from './db/client.ts';
import type { AccessRule, Principal, UserPrincipal } from './lib/access.ts';
import type { AuditInput } from './plugins/app/audit.ts';
import type { Executor } from './db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    routeTable: RouteSummary[];
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The signed-in user; throws 401 when the caller is not a user (a client or anonymous). */
    requireUser(): UserPrincipal;
    /** On a public route: authenticates the caller if a token is given, else (or if invalid) null. */
    authenticateIfPresent(): Promise<Principal | null>;
    /** Appends to the audit log with this request's actor, request id and IP filled in. */
    audit(entry: AuditInput, executor?: Executor): Promise<void>;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload:
      | { typ: 'access'; kind: 'user'; sub: string; sid: string }
      | { typ: 'access'; kind: 'client'; sub: string; scope: string };
    user: Record<string, never>;
  }
}
