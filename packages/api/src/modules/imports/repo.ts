import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importJobs } from '../../db/schema/index.ts';

// Every write here is its own statement on the pool, outside the import's transaction, so the
// progress is visible (to every instance) while that transaction is still open.

export async function insertJob(
  db: Db,
  input: { kind: string; totalRows: number; actorUserId: string | null; actorClientId: string | null },
) {
  const [row] = await db.insert(importJobs).values(input).returning({ id: importJobs.id });
  return row!.id;
}

export async function recordProgress(db: Db, id: string, processedRows: number) {
  await db
    .update(importJobs)
    .set({ processedRows, updatedAt: sql`now()` })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

export async function finishJob(
  db: Db,
  id: string,
  status: 'succeeded' | 'failed',
  outcome: { result?: Record<string, unknown>; problem?: Record<string, unknown>; processedRows?: number },
) {
  await db
    .update(importJobs)
    .set({ status, ...outcome, updatedAt: sql`now()`, finishedAt: sql`now()` })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

export async function findJob(db: Db, id: string, owner: { userId: string | null; clientId: string | null }) {
  const [row] = await db
    .select({
      id: importJobs.id,
      kind: importJobs.kind,
      status: importJobs.status,
      totalRows: importJobs.totalRows,
      processedRows: importJobs.processedRows,
      result: importJobs.result,
      problem: importJobs.problem,
      createdAt: importJobs.createdAt,
      finishedAt: importJobs.finishedAt,
      secondsSinceUpdate: sql<number>`extract(epoch from now() - ${importJobs.updatedAt})::float8`,
    })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.id, id),
        owner.userId
          ? eq(importJobs.actorUserId, owner.userId)
          : eq(importJobs.actorClientId, owner.clientId ?? '00000000-0000-0000-0000-000000000000'),
      ),
    );
  return row ?? null;
}
