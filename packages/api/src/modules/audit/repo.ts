import { and, count, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditListQuery, AuditVerifyResult } from '@civic/shared/audit';
import type { Executor } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';

type Row = typeof auditLog.$inferSelect;

/** Rows about one care client: a read of their own data, or a list or export that showed them. */
export const aboutClient = (clientId: string) =>
  sql`(${auditLog.subjectClientId} = ${clientId} OR ${auditLog.subjectClientIds} @> ARRAY[${clientId}]::uuid[])`;

export function toAuditEntryDto(r: Row): AuditEntry {
  return {
    seq: r.seq,
    occurredAt: r.occurredAt.toISOString(),
    actorType: r.actorType as AuditEntry['actorType'],
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    subjectClientId: r.subjectClientId,
    purpose: r.purpose,
    requestId: r.requestId,
    ip: r.ip,
    metadata: r.metadata,
    hash: r.hash,
  };
}

export async function searchAudit(db: Executor, q: AuditListQuery) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const c: SQL[] = [];
  if (q.actorId) c.push(eq(auditLog.actorId, q.actorId));
  if (q.action)
    c.push(
      q.action.endsWith('*')
        ? like(auditLog.action, `${q.action.slice(0, -1).replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
        : eq(auditLog.action, q.action),
    );
  if (q.targetType) c.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) c.push(eq(auditLog.targetId, q.targetId));
  if (q.subjectClientId) c.push(aboutClient(q.subjectClientId));
  if (q.from) c.push(gte(auditLog.occurredAt, new Date(q.from)));
  if (q.to) c.push(lte(auditLog.occurredAt, new Date(q.to)));
  const where = c.length ? and(...c) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items: rows.map(toAuditEntryDto), page, pageSize, total: total?.n ?? 0 };
}

/**
 * Recomputes every row's hash in the database (the same function the insert trigger uses) and
 * checks each row links to the one before, and the last row to the chain head. Deleting, editing
 * or inserting a row anywhere shows up as the first row whose check fails.
 */
export async function verifyChain(db: Executor): Promise<AuditVerifyResult> {
  const result = await db.execute<{
    first_bad: string | null;
    reason: string | null;
    checked: string;
    head_ok: boolean;
    head_seq: string;
  }>(sql`
    WITH checked AS (
      SELECT a.seq,
             a.hash = audit_row_hash(a) AS hash_ok,
             a.prev_hash = coalesce(lag(a.hash) OVER (ORDER BY a.seq), repeat('0', 64))
               AND a.seq = row_number() OVER (ORDER BY a.seq) AS link_ok
      FROM audit_log a
    ), first_bad AS (
      SELECT seq, CASE WHEN NOT link_ok THEN 'broken_link' ELSE 'hash_mismatch' END AS reason
      FROM checked WHERE NOT (hash_ok AND link_ok) ORDER BY seq LIMIT 1
    )
    SELECT (SELECT seq FROM first_bad)::text AS first_bad,
           (SELECT reason FROM first_bad) AS reason,
           (SELECT count(*) FROM checked)::text AS checked,
           h.last_seq = coalesce((SELECT max(seq) FROM audit_log), 0)
             AND h.last_hash = coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)) AS head_ok,
           h.last_seq::text AS head_seq
    FROM audit_chain_head h
  `);
  const row = result.rows[0]!;
  const checkedRows = Number(row.checked);
  if (row.first_bad !== null) {
    return {
      ok: false,
      checkedRows,
      firstBrokenSeq: Number(row.first_bad),
      reason: row.reason as 'broken_link' | 'hash_mismatch',
    };
  }
  if (!row.head_ok)
    return { ok: false, checkedRows, firstBrokenSeq: Number(row.head_seq), reason: 'broken_link' };
  return { ok: true, checkedRows, firstBrokenSeq: null, reason: null };
}
