import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlacementOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerChanged } from './offer-changed.ts';
import { offerKeys } from './query-keys.ts';

/** Withdraws an offer with a reason: the place is open again and the client back in the queue. */
export function useCancelOffer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<PlacementOffer>(`/care/offers/${id}/cancel`, { reason }),
    onSuccess: (offer) => offerChanged(client, offer),
    // Refused because the offer moved on meanwhile (the provider declined, it lapsed): show it as it is.
    onError: () => client.invalidateQueries({ queryKey: offerKeys.offer(id) }),
  });
}
