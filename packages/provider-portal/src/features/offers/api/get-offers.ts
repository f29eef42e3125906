import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page } from '@civic/shared/common';
import type { OfferListQuery, PortalOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

/** Offers to the organisation's own units, newest first (the API filters by organisation). */
export const getOffers = (query: OfferListQuery) =>
  api.get<Page<PortalOffer>>('/portal/offers', { query: { ...query } });

export const offersQueryOptions = (query: OfferListQuery) =>
  queryOptions({
    queryKey: offerKeys.list(query),
    queryFn: () => getOffers(query),
    placeholderData: keepPreviousData,
  });

export const useOffers = (query: OfferListQuery) => useQuery(offersQueryOptions(query));
