import fp from 'fastify-plugin';
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
    purpose: entry.purpose ?? null,
    metadata: entry.metadata ?? {},
    occurredAt: sql`now()`,
  });
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
    app.decorateRequest('audit', async function (entry: AuditInput, executor?: Executor) {
      const p = this.principal;
      const actor: AuditActor = {
        actorType: p ? p.kind : 'anonymous',
        actorId: p ? p.id : null,
        actorLabel: p ? (p.kind === 'user' ? p.username : `${p.name} (${p.clientId})`) : null,
        requestId: String(this.id),
        ip: this.ip,
      };
      await writeAudit(executor ?? app.db, actor, entry);
    });
  },
  { name: 'audit', dependencies: ['db', 'auth'] },
);
