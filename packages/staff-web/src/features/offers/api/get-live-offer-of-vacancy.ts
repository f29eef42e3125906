import { queryOptions, useQuery } from '@tanstack/react-query';
import { LIVE_OFFER_STATUSES } from '@civic/shared/care-queue';
import type { Page } from '@civic/shared/common';
import type { PlacementOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const unitLiveOffersQueryOptions = (unitId: string) =>
  queryOptions({
    queryKey: offerKeys.liveOffers(unitId),
    queryFn: () =>
      api.get<Page<PlacementOffer>>('/care/offers', {
        query: { unitId, status: [...LIVE_OFFER_STATUSES], pageSize: 200 },
      }),
  });

/**
 * The one live offer holding a place (the database allows one per vacancy), found among its unit's
 * live offers: a unit has at most as many as it has places offered.
 */
export function useLiveOfferOfVacancy(vacancy: { id: string; unitId: string } | null, enabled: boolean) {
  return useQuery({
    ...unitLiveOffersQueryOptions(vacancy?.unitId ?? ''),
    enabled: enabled && !!vacancy,
    select: (page) => page.items.find((o) => o.vacancy.id === vacancy?.id) ?? null,
  });
}
