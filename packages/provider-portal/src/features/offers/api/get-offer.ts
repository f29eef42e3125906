import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PortalOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

/** One offer: what the unit needs to know of the client, and its timeline. */
export const getOffer = (id: string) => api.get<PortalOffer>(`/portal/offers/${id}`);

export const offerQueryOptions = (id: string) =>
  queryOptions({ queryKey: offerKeys.detail(id), queryFn: () => getOffer(id) });

export const useOffer = (id: string) => useQuery(offerQueryOptions(id));
