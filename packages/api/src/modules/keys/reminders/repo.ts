import { and, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { keyAgreements } from '../../../db/schema/index.ts';

/** Agreements with keys out whose expected return date is on or before `until`. */
export function agreementsDueBy(db: Executor, until: string) {
  return db
    .select({ id: keyAgreements.id, expectedReturnDate: keyAgreements.expectedReturnDate })
    .from(keyAgreements)
    .where(
      and(
        inArray(keyAgreements.state, ['active', 'partially_returned']),
        sql`${keyAgreements.expectedReturnDate} <= ${until}`,
      ),
    );
}
