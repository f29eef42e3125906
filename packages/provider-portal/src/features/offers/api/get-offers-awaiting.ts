import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PortalOffersAwaiting } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

/**
 * How many offers wait for the provider, for the navigation badge on every page. Counts only, so
 * asking often discloses no client (a list would put each named client in their access log).
 */
export const getOffersAwaiting = () => api.get<PortalOffersAwaiting>('/portal/offers/awaiting');

export const offersAwaitingQueryOptions = () =>
  queryOptions({
    queryKey: offerKeys.awaiting(),
    queryFn: getOffersAwaiting,
    // A new offer from a coordinator shows within a minute, without a reload.
    refetchInterval: 60_000,
  });

export const useOffersAwaiting = () => useQuery(offersAwaitingQueryOptions());
