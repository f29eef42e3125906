import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { signingLinks, signingRequests } from '../../../db/schema/index.ts';

export async function insertSigningLink(tx: Executor, values: typeof signingLinks.$inferInsert) {
  await tx.insert(signingLinks).values(values);
}

export async function lockLinkByTokenHash(tx: Executor, tokenHash: string) {
  const [link] = await tx
    .select()
    .from(signingLinks)
    .where(eq(signingLinks.tokenHash, tokenHash))
    .for('update');
  return link ?? null;
}

export async function markLinkUsed(tx: Executor, linkId: string) {
  await tx.update(signingLinks).set({ usedAt: new Date() }).where(eq(signingLinks.id, linkId));
}

/** Every link of the agreement that could still be used stops working. */
export async function revokeOpenLinks(tx: Executor, agreementId: string) {
  await tx
    .update(signingLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(signingLinks.agreementId, agreementId),
        isNull(signingLinks.usedAt),
        isNull(signingLinks.revokedAt),
      ),
    );
}

/** Whether the agreement has a signing link that is unused, not revoked and not past its time. */
export async function hasOpenLink(tx: Executor, agreementId: string) {
  const [open] = await tx
    .select({ id: signingLinks.id })
    .from(signingLinks)
    .where(
      and(
        eq(signingLinks.agreementId, agreementId),
        eq(signingLinks.method, 'link'),
        isNull(signingLinks.usedAt),
        isNull(signingLinks.revokedAt),
        sql`${signingLinks.expiresAt} > now()`,
      ),
    );
  return !!open;
}

// -------------------------------------------------------------- requests to an outside signing service

export type SigningRequestRow = typeof signingRequests.$inferSelect;

export async function insertSigningRequest(tx: Executor, values: typeof signingRequests.$inferInsert) {
  const [row] = await tx.insert(signingRequests).values(values).returning();
  return row!;
}

export async function latestSigningRequest(db: Executor, agreementId: string) {
  const [row] = await db
    .select()
    .from(signingRequests)
    .where(eq(signingRequests.agreementId, agreementId))
    .orderBy(desc(signingRequests.createdAt))
    .limit(1);
  return row ?? null;
}

/** Open requests of the agreement are to be withdrawn at the service (the job does the call). */
export async function withdrawOpenRequests(tx: Executor, agreementId: string) {
  await tx
    .update(signingRequests)
    .set({ status: 'withdrawn', nextCheckAt: new Date(), failures: 0 })
    .where(
      and(
        eq(signingRequests.agreementId, agreementId),
        inArray(signingRequests.status, ['sending', 'pending']),
      ),
    );
}

const WORKING = ['sending', 'pending', 'withdrawn'] as const;

/**
 * Takes a lease on one request: the given one, or the next one due. Another instance skips a
 * leased request, so the vendor hears about each request from one place at a time.
 */
export async function claimSigningRequest(db: Executor, id: string | null, leaseSeconds: number) {
  const rows = await db.execute<{ id: string }>(sql`
    UPDATE signing_requests SET locked_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id = (
      SELECT id FROM signing_requests
      WHERE status IN ${WORKING}
        AND (locked_until IS NULL OR locked_until < now())
        AND ${id ? sql`id = ${id}` : sql`next_check_at <= now()`}
      ORDER BY next_check_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  const claimed = rows.rows[0];
  if (!claimed) return null;
  const [row] = await db.select().from(signingRequests).where(eq(signingRequests.id, claimed.id));
  return row ?? null;
}

export async function updateSigningRequest(
  db: Executor,
  id: string,
  changes: Partial<typeof signingRequests.$inferInsert>,
) {
  await db.update(signingRequests).set(changes).where(eq(signingRequests.id, id));
}

/** Ends the lease with what was learnt. */
export async function releaseSigningRequest(
  db: Executor,
  id: string,
  changes: Partial<typeof signingRequests.$inferInsert>,
) {
  await db
    .update(signingRequests)
    .set({ ...changes, lockedUntil: null })
    .where(eq(signingRequests.id, id));
}

export async function lockSigningRequest(tx: Executor, id: string) {
  const [row] = await tx.select().from(signingRequests).where(eq(signingRequests.id, id)).for('update');
  return row ?? null;
}

export async function revokeLinksOf(tx: Executor, agreementId: string, method: 'link' | 'visma_sign') {
  await tx
    .update(signingLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(signingLinks.agreementId, agreementId),
        eq(signingLinks.method, method),
        isNull(signingLinks.revokedAt),
      ),
    );
}
