import { useQuery } from '@tanstack/react-query';
import type { QueueEntry } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

export const entryQueryOptions = (id: string) => ({
  queryKey: queueKeys.entry(id),
  queryFn: () => api.get<QueueEntry>(`/care/queue/entries/${id}`),
});

/** One queue entry with its legal clock. */
export const useEntry = (id: string) => useQuery(entryQueryOptions(id));
