import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWaitingPrice, WaitingPrice } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

/** Adds a daily price of waiting from a date; Today's euros use it from that day on. */
export function useAddWaitingPrice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWaitingPrice) => api.post<WaitingPrice>('/care/waiting-prices', body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: offerKeys.waitingPrices() }),
        client.invalidateQueries({ queryKey: offerKeys.today() }),
      ]),
  });
}
