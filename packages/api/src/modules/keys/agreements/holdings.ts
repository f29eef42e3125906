import type { Executor } from '../../../db/client.ts';
import { AppError, badRequest } from '../../../lib/errors.ts';
import { holdersOf } from '../inventory.ts';
import * as repo from './repo.ts';
import type { Actor } from './repo.ts';

/**
 * Takes keys for an agreement: locks them in id order (no deadlocks between two lenders), refuses
 * any that is not available and says who holds it, then marks them lent. The partial unique index
 * on key_agreement_keys backs this up in the database.
 */
export async function takeKeys(
  tx: Executor,
  agreementId: string,
  siteId: string,
  keyIds: string[],
  actor: Actor,
  withRenter: boolean,
) {
  const rows = await repo.lockKeys(tx, keyIds);
  const fieldErrors = keyIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !rows.some((r) => r.id === id && r.siteId === siteId))
    .map(({ i }) => ({ field: `/keyIds/${i}`, message: 'unknown_key_at_site' }));
  if (fieldErrors.length) throw badRequest('Some keys do not belong to this site', fieldErrors);
  const unavailable = rows.filter((r) => r.status !== 'available');
  if (unavailable.length) {
    const holders = await holdersOf(
      tx,
      unavailable.map((r) => r.id),
      withRenter,
    );
    const keysOut = unavailable.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      holder: holders.get(r.id) ?? null,
    }));
    const describe = keysOut
      .map((k) =>
        k.holder
          ? `${k.code} is lent to ${k.holder.association}${k.holder.renter ? ` (${k.holder.renter})` : ''} under ${k.holder.agreementNumber}`
          : `${k.code} is ${k.status}`,
      )
      .join('; ');
    throw new AppError(409, 'key_unavailable', describe, { keys: keysOut });
  }
  await repo.holdKeysFor(tx, agreementId, keyIds, actor);
}

/** Gives back every key an agreement still holds (cancel, decline, expiry): they were never used. */
export function releaseKeys(tx: Executor, agreementId: string, actor: Actor, why: string) {
  return repo.releaseHeldKeys(tx, agreementId, actor, why);
}

/** Takes again the keys of an expired agreement that is being sent for signing anew, if still free. */
export async function retakeKeys(
  tx: Executor,
  agreement: { id: string; siteId: string },
  actor: Actor,
  withRenter: boolean,
) {
  await takeKeys(
    tx,
    agreement.id,
    agreement.siteId,
    await repo.agreementKeyIds(tx, agreement.id),
    actor,
    withRenter,
  );
}
