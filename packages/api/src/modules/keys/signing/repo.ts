import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { signingLinks } from '../../../db/schema/index.ts';

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

/** Whether the agreement has a link that is unused, not revoked and not past its time. */
export async function hasOpenLink(tx: Executor, agreementId: string) {
  const [open] = await tx
    .select({ id: signingLinks.id })
    .from(signingLinks)
    .where(
      and(
        eq(signingLinks.agreementId, agreementId),
        isNull(signingLinks.usedAt),
        isNull(signingLinks.revokedAt),
        sql`${signingLinks.expiresAt} > now()`,
      ),
    );
  return !!open;
}
