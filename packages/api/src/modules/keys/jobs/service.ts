import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR, writeAudit } from '../../../plugins/app/audit.ts';
import { releaseKeys } from '../agreements/holdings.ts';
import { SYSTEM, recordCancelled, recordExpired } from '../agreements/lifecycle.ts';
import { lockAgreement } from '../agreements/repo.ts';
import { hasOpenLink } from '../signing/repo.ts';
import { withdrawSigningRequests } from '../signing/service.ts';
import * as repo from './repo.ts';

/**
 * Background work of the keys module; each function is one job run and is safe to run twice.
 * `definitions.ts` schedules them.
 */

/** Unused signing links past their time expire the agreement and free its keys; stale drafts are cancelled. */
export async function expireLinksAndDrafts(app: FastifyInstance) {
  const { db, config } = app;
  let expired = 0;
  let cancelled = 0;
  for (const { id } of await repo.agreementsWithLapsedLinks(db)) {
    await db.transaction(async (tx) => {
      const agreement = await lockAgreement(tx, id);
      if (agreement?.state !== 'awaiting_signature') return;
      // A newer link that is still valid keeps the agreement waiting.
      if (await hasOpenLink(tx, id)) return;
      await recordExpired(tx, agreement);
      await releaseKeys(tx, id, SYSTEM, 'signing link expired');
      await withdrawSigningRequests(tx, id);
      expired++;
    });
  }
  const cutoff = new Date(Date.now() - config.KEY_DRAFT_TTL_HOURS * 3600_000);
  for (const { id } of await repo.draftsCreatedBefore(db, cutoff)) {
    await db.transaction(async (tx) => {
      const agreement = await lockAgreement(tx, id);
      if (agreement?.state !== 'draft') return;
      await recordCancelled(tx, agreement, SYSTEM, 'not signed in time');
      await releaseKeys(tx, id, SYSTEM, 'draft not signed in time');
      cancelled++;
    });
  }
  return { expired, cancelled };
}

/**
 * Retention rule: KEY_RETENTION_MONTHS after an agreement ended (returned, cancelled, declined),
 * its renter data goes: signature, confirmed name, decline reason, PDFs and e-mail copies. The
 * renter record is anonymised once none of their agreements is still within retention. What stays
 * is the key ledger: which keys, which site, which association, when.
 */
export async function anonymiseEndedAgreements(app: FastifyInstance) {
  const cutoff = new Date();
  cutoff.setMonth(cutoff.getMonth() - app.config.KEY_RETENTION_MONTHS);
  const due = await repo.endedBefore(app.db, cutoff, 5000);
  if (!due.length) return { agreements: 0, renters: 0 };
  const ids = due.map((d) => d.id);
  const renterIds = [...new Set(due.map((d) => d.renterId))];
  return app.db.transaction(async (tx) => {
    await repo.scrubAgreements(tx, ids);
    const renters = await repo.anonymiseRentersWithoutAgreements(tx, renterIds);
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'key_agreement.anonymised',
      targetType: 'key_agreement',
      metadata: { agreementIds: ids, renters },
    });
    return { agreements: ids.length, renters };
  });
}
