import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PlacementOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const offerQueryOptions = (id: string) =>
  queryOptions({
    queryKey: offerKeys.offer(id),
    queryFn: () => api.get<PlacementOffer>(`/care/offers/${id}`),
  });

/** One offer with its timeline. */
export const useOffer = (id: string | null | undefined) =>
  useQuery({ ...offerQueryOptions(id ?? ''), enabled: !!id });
