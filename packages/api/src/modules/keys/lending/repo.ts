import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { associations, keyAgreements, renters, sites } from '../../../db/schema/index.ts';

export async function findSite(db: Executor, id: string) {
  const [row] = await db.select().from(sites).where(eq(sites.id, id));
  return row ?? null;
}

export async function findAssociationId(tx: Executor, id: string) {
  const [row] = await tx.select({ id: associations.id }).from(associations).where(eq(associations.id, id));
  return row ?? null;
}

/** A renter who can still be lent to: anonymised ones are gone for good. */
export async function findActiveRenterId(tx: Executor, id: string) {
  const [row] = await tx
    .select({ id: renters.id })
    .from(renters)
    .where(and(eq(renters.id, id), isNull(renters.anonymisedAt)));
  return row ?? null;
}

export async function insertRenter(tx: Executor, values: typeof renters.$inferInsert) {
  const [row] = await tx.insert(renters).values(values).returning({ id: renters.id });
  return row!.id;
}

/** `AS-<year>-<6 digits>` from one sequence, so numbers never repeat across years or instances. */
export async function nextAgreementNumber(tx: Executor, year: string) {
  const [{ n }] = (
    await tx.execute<{ n: string }>(sql`SELECT nextval('key_agreement_number_seq')::text AS n`)
  ).rows as [{ n: string }];
  return `AS-${year}-${n.padStart(6, '0')}`;
}

export async function insertAgreement(tx: Executor, values: typeof keyAgreements.$inferInsert) {
  const [row] = await tx.insert(keyAgreements).values(values).returning();
  return row!;
}
