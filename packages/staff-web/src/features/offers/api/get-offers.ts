import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page } from '@civic/shared/common';
import type { OfferListQuery, PlacementOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const offersQueryOptions = (query: OfferListQuery) =>
  queryOptions({
    queryKey: offerKeys.list(query),
    queryFn: () =>
      api.get<Page<PlacementOffer>>('/care/offers', {
        query: {
          page: query.page,
          pageSize: query.pageSize,
          status: query.status,
          unitId: query.unitId,
          clientId: query.clientId,
        },
      }),
  });

/** Offers, newest first, filtered and paged on the server. */
export const useOffers = (query: OfferListQuery) =>
  useQuery({ ...offersQueryOptions(query), placeholderData: keepPreviousData });
