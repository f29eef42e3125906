import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientAnswer, PlacementOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerChanged } from './offer-changed.ts';
import { offerKeys } from './query-keys.ts';

/** Records the client's answer: accept, or decline with a reason (a couple's pair together). */
export function useAnswerOffer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answer: ClientAnswer) => api.post<PlacementOffer>(`/care/offers/${id}/answer`, answer),
    onSuccess: (offer) => offerChanged(client, offer),
    // Refused because the offer moved on meanwhile (the provider declined, it lapsed): show it as it is.
    onError: () => client.invalidateQueries({ queryKey: offerKeys.offer(id) }),
  });
}
