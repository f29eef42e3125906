import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  associations,
  keyAgreementKeys,
  keyAgreements,
  keyEvents,
  keys,
  renters,
} from '../../../db/schema/index.ts';
import type { Actor } from '../agreements/repo.ts';

export async function markKeysReturned(
  tx: Executor,
  agreementId: string,
  keyIds: string[],
  actor: Actor,
  at: Date,
) {
  if (!keyIds.length) return;
  await tx
    .update(keyAgreementKeys)
    .set({ state: 'returned', holding: false, returnedAt: at })
    .where(and(eq(keyAgreementKeys.agreementId, agreementId), inArray(keyAgreementKeys.keyId, keyIds)));
  await tx.update(keys).set({ status: 'available', updatedAt: at }).where(inArray(keys.id, keyIds));
  await tx
    .insert(keyEvents)
    .values(keyIds.map((keyId) => ({ keyId, event: 'returned', agreementId, ...actor })));
}

export async function markKeyLost(
  tx: Executor,
  agreementId: string,
  keyId: string,
  note: string,
  actor: Actor,
  at: Date,
) {
  await tx
    .update(keyAgreementKeys)
    .set({ state: 'lost', holding: false, returnedAt: at })
    .where(and(eq(keyAgreementKeys.agreementId, agreementId), eq(keyAgreementKeys.keyId, keyId)));
  await tx.update(keys).set({ status: 'lost', note, updatedAt: at }).where(eq(keys.id, keyId));
  await tx.insert(keyEvents).values({ keyId, event: 'lost', agreementId, note, ...actor });
}

/** Agreements with keys out or reserved at a site, found by renter, association or key code. */
export function currentAgreementsAt(db: Executor, siteId: string, search: string | undefined) {
  return db
    .select({
      id: keyAgreements.id,
      number: keyAgreements.number,
      state: keyAgreements.state,
      association: associations.name,
      renter: renters.name,
      signedAt: keyAgreements.signedAt,
      expectedReturnDate: keyAgreements.expectedReturnDate,
    })
    .from(keyAgreements)
    .innerJoin(associations, eq(associations.id, keyAgreements.associationId))
    .innerJoin(renters, eq(renters.id, keyAgreements.renterId))
    .where(
      and(
        eq(keyAgreements.siteId, siteId),
        inArray(keyAgreements.state, ['active', 'partially_returned', 'awaiting_signature', 'draft']),
        search
          ? or(
              sql`${renters.name} ILIKE ${`%${search}%`}`,
              sql`${associations.name} ILIKE ${`%${search}%`}`,
              sql`EXISTS (SELECT 1 FROM key_agreement_keys ak JOIN keys k ON k.id = ak.key_id WHERE ak.agreement_id = ${keyAgreements.id} AND k.code ILIKE ${`${search.toUpperCase()}%`})`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(renters.name))
    .limit(100);
}
