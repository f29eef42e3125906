import type { QueryClient } from '@tanstack/react-query';
import type { PlacementOffer } from '@civic/shared/queue';
import { offerKeys } from './query-keys.ts';

/**
 * After an offer is made, answered or withdrawn. The API answers with the offer, which goes straight
 * into the cache. The step also moved the place, the unit's figures, the client's entry and a
 * couple's other offer, so every other cached view (the board, the queue, client pages, Today) is
 * stale: all are marked so, and those on screen load again.
 */
export function offerChanged(client: QueryClient, offer: PlacementOffer) {
  const key = offerKeys.offer(offer.id);
  client.setQueryData(key, offer);
  void client.invalidateQueries({
    predicate: (q) => q.queryKey.length !== key.length || q.queryKey.some((part, i) => part !== key[i]),
  });
}
