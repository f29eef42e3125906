import { useQuery } from '@tanstack/react-query';
import type { ListItem } from '@civic/shared/care';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

export const careListQueryOptions = (kind: 'service-types' | 'tags') => ({
  queryKey: queueKeys.careList(kind),
  queryFn: () => api.get<ListItem[]>(`/care/lists/${kind}`),
  staleTime: 5 * 60_000,
});

/** A managed list of the registry: service types, or the tags that name clients' needs. */
export const useCareList = (kind: 'service-types' | 'tags') => useQuery(careListQueryOptions(kind));
