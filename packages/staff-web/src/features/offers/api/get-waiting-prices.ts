import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WaitingPrice } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const waitingPricesQueryOptions = () =>
  queryOptions({
    queryKey: offerKeys.waitingPrices(),
    queryFn: () => api.get<WaitingPrice[]>('/care/waiting-prices'),
  });

/** Daily prices of waiting per setting, each valid from its date until the next. */
export const useWaitingPrices = () => useQuery(waitingPricesQueryOptions());
