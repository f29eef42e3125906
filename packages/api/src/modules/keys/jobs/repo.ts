import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  keyAgreementDocuments,
  keyAgreements,
  signingLinks,
  signingRequests,
} from '../../../db/schema/index.ts';

/** Agreements awaiting signature with a link that ran out unused. */
export function agreementsWithLapsedLinks(db: Executor) {
  return db
    .selectDistinct({ id: keyAgreements.id })
    .from(keyAgreements)
    .innerJoin(signingLinks, eq(signingLinks.agreementId, keyAgreements.id))
    .where(
      and(
        eq(keyAgreements.state, 'awaiting_signature'),
        // Requests at a signing service run out through their own job (signing/requests.ts).
        eq(signingLinks.method, 'link'),
        isNull(signingLinks.usedAt),
        isNull(signingLinks.revokedAt),
        lt(signingLinks.expiresAt, new Date()),
      ),
    );
}

export function draftsCreatedBefore(db: Executor, cutoff: Date) {
  return db
    .select({ id: keyAgreements.id })
    .from(keyAgreements)
    .where(and(eq(keyAgreements.state, 'draft'), lt(keyAgreements.createdAt, cutoff)));
}

export function endedBefore(db: Executor, cutoff: Date, limit: number) {
  return db
    .select({ id: keyAgreements.id, renterId: keyAgreements.renterId })
    .from(keyAgreements)
    .where(and(isNull(keyAgreements.anonymisedAt), lt(keyAgreements.endedAt, cutoff)))
    .limit(limit);
}

/** Removes the renter's data from these agreements and everything kept about them. */
export async function scrubAgreements(tx: Executor, ids: string[]) {
  const now = new Date();
  await tx
    .update(keyAgreements)
    .set({ signedName: null, signature: null, declineReason: null, anonymisedAt: now, updatedAt: now })
    .where(inArray(keyAgreements.id, ids));
  await tx.execute(
    sql`UPDATE outbound_emails SET to_address = 'anonymised', subject = 'anonymised', body = '' WHERE agreement_id IN ${ids}`,
  );
  await tx.delete(keyAgreementDocuments).where(inArray(keyAgreementDocuments.agreementId, ids));
  await tx.update(signingLinks).set({ sentTo: 'anonymised' }).where(inArray(signingLinks.agreementId, ids));
  await tx
    .update(signingRequests)
    .set({
      document: null,
      invitee: { name: 'Anonymised', email: 'anonymised', sms: null, language: 'fi' },
      evidence: null,
    })
    .where(inArray(signingRequests.agreementId, ids));
  await tx.execute(
    sql`UPDATE key_agreement_events SET actor_label = 'renter' WHERE agreement_id IN ${ids} AND actor_label LIKE 'renter:%'`,
  );
}

/** Anonymises those renters none of whose agreements is still within retention; returns how many. */
export async function anonymiseRentersWithoutAgreements(tx: Executor, renterIds: string[]) {
  const rows = await tx.execute<{ id: string }>(sql`
    UPDATE renters r SET name = 'Anonymised', email = NULL, phone = NULL, anonymised_at = now()
    WHERE r.id IN ${renterIds} AND r.anonymised_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM key_agreements a WHERE a.renter_id = r.id AND a.anonymised_at IS NULL)
    RETURNING r.id`);
  return rows.rows.length;
}
