import { hashKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PortalOffer } from '@civic/shared/queue';
import { offerKeys } from './query-keys.ts';

/**
 * A provider's step on an offer (confirm, decline, move-in). The answer is the offer as it now
 * stands; everything else shown is refetched when next seen, since a step moves more than the
 * offer: the unit's figures and vacancies (the dashboard), the badge, a couple's other offer.
 * A refused step (the coordinator cancelled meanwhile) refetches the offer, so the page shows
 * where it really is.
 */
export function useOfferStep<V extends { id: string }>(step: (vars: V) => Promise<PortalOffer>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: step,
    onSuccess: (offer) => {
      const detail = offerKeys.detail(offer.id);
      client.setQueryData(detail, offer);
      void client.invalidateQueries({ predicate: (q) => q.queryHash !== hashKey(detail) });
    },
    onError: (_error, vars) => client.invalidateQueries({ queryKey: offerKeys.detail(vars.id) }),
  });
}
