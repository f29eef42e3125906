import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@civic/shared/http-client';
import type { CreateOffer, PlacementOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerChanged } from './offer-changed.ts';
import { offerKeys } from './query-keys.ts';

/**
 * Offers a place to a waiting client (a couple: two places of one unit). A refusal because the
 * place or the ranking changed meanwhile (someone else offered it, the client no longer fits, the
 * chosen client is no longer first) loads the place and its candidates again.
 */
export function useCreateOffer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOffer) => api.post<PlacementOffer>('/care/offers', body),
    onSuccess: (offer) => offerChanged(client, offer),
    onError: (error, body) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        void client.invalidateQueries({ queryKey: offerKeys.vacancy(body.vacancyId) });
        void client.invalidateQueries({ queryKey: offerKeys.candidatesOf(body.vacancyId) });
      }
    },
  });
}
