import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { ActorType } from '@civic/shared/audit';
import { auditLog } from '../../db/schema/index.ts';
import type { Executor } from '../../db/client.ts';

export interface AuditInput {
  /** Dotted verb, e.g. `auth.login.failed`, `user.updated`, `care_client.read`. */
  action: string;
  targetType?: string;
  targetId?: string;
  /** The care client the data concerns, so their access log can be produced (703/2023 §11). */
  subjectClientId?: string;
  /** Every care client a list or an export showed (one row for the whole list). */
  subjectClientIds?: string[];
  purpose?: string;
  metadata?: Record<string, unknown>;
}

export interface AuditActor {
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string | null;
  requestId: string | null;
  ip: string | null;
}

/** Appends one row. Call it with the transaction that makes the change, so both commit or neither. */
export async function writeAudit(executor: Executor, actor: AuditActor, entry: AuditInput): Promise<void> {
  await executor.insert(auditLog).values({
    ...actor,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    subjectClientId: entry.subjectClientId ?? null,
    subjectClientIds: entry.subjectClientIds?.length ? entry.subjectClientIds : null,
    purpose: entry.purpose ?? null,
    metadata: entry.metadata ?? {},
    occurredAt: sql`now()`,
  });
}

/** How an integration client is named in the log: its name and its public id. */
export const clientLabel = (c: { name: string; clientId: string }) => `${c.name} (${c.clientId})`;

export type AuditWho =
  | { actorType: 'user' | 'client'; actorId: string; actorLabel: string | null }
  | { actorType: 'anonymous'; actorLabel: string | null };

/**
 * The actor of an entry written while serving `request`: by default whoever the request is
 * authenticated as; during login and token issue, before there is a principal, who it claims to be.
 */
export function auditActor(request: FastifyRequest, who?: AuditWho): AuditActor {
  const p = request.principal;
  const resolved: AuditWho =
    who ??
    (p
      ? { actorType: p.kind, actorId: p.id, actorLabel: p.kind === 'user' ? p.username : clientLabel(p) }
      : { actorType: 'anonymous', actorLabel: null });
  return {
    actorType: resolved.actorType,
    actorId: 'actorId' in resolved ? resolved.actorId : null,
    actorLabel: resolved.actorLabel,
    requestId: String(request.id),
    ip: request.ip,
  };
}

export const SYSTEM_ACTOR: AuditActor = {
  actorType: 'system',
  actorId: null,
  actorLabel: 'system',
  requestId: null,
  ip: null,
};

export default fp(
  async (app) => {
    app.decorateRequest(
      'audit',
      async function (this: FastifyRequest, entry: AuditInput, executor?: Executor) {
        await writeAudit(executor ?? app.db, auditActor(this), entry);
      },
    );
  },
  { name: 'audit', dependencies: ['db', 'auth'] },
);
