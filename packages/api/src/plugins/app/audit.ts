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
  await executor.insert(auditLog).values(auditRow(actor, entry));
}

function auditRow(actor: AuditActor, entry: AuditInput) {
  return {
    ...actor,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    subjectClientId: entry.subjectClientId ?? null,
    subjectClientIds: entry.subjectClientIds?.length ? entry.subjectClientIds : null,
    purpose: entry.purpose ?? null,
    metadata: entry.metadata ?? {},
    occurredAt: sql`now()`,
  };
}

/** Rows in one statement at most (13 parameters each, far under PostgreSQL's 65 535). */
export const AUDIT_BATCH_MAX = 500;

/**
 * Writes the audit rows of requests that are not inside a transaction of their own (the reads of
 * personal data), each caller waiting until its row is committed, as before. The chain head's row
 * lock lets only one audit insert in the database proceed at a time, held until its commit, so under
 * load every audited read queued behind the others' commits, each holding a pool connection while
 * it waited. Here one insert is in flight per instance, and the rows that arrive meanwhile go in
 * the next one together: one lock, one commit for all of them; alone, a row is written at once.
 * When a batch fails, its rows are written one by one, so only a row at fault fails its request.
 */
export function auditWriter(db: Executor) {
  type Pending = { row: ReturnType<typeof auditRow>; resolve: () => void; reject: (err: unknown) => void };
  let queue: Pending[] = [];
  let writing = false;
  async function drain() {
    writing = true;
    try {
      while (queue.length) {
        const batch = queue.length > AUDIT_BATCH_MAX ? queue.splice(0, AUDIT_BATCH_MAX) : queue;
        if (batch === queue) queue = [];
        try {
          await db.insert(auditLog).values(batch.map((p) => p.row));
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else
            for (const p of batch) {
              await db.insert(auditLog).values(p.row).then(p.resolve, p.reject);
            }
        }
      }
    } finally {
      writing = false;
    }
  }
  return (actor: AuditActor, entry: AuditInput) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ row: auditRow(actor, entry), resolve, reject });
      if (!writing) void drain();
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
    const write = auditWriter(app.db);
    app.decorateRequest(
      'audit',
      async function (this: FastifyRequest, entry: AuditInput, executor?: Executor) {
        if (executor) await writeAudit(executor, auditActor(this), entry);
        else await write(auditActor(this), entry);
      },
    );
  },
  { name: 'audit', dependencies: ['db', 'auth'] },
);
