import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '@civic/shared/common';
import type { Language } from '@civic/shared/common';
import type { QueueEntry, QueueListQuery } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { queueKeys, type QueryParams } from './query-keys.ts';

export const queueQueryOptions = (query: QueueListQuery) => ({
  queryKey: queueKeys.list(query),
  queryFn: () => api.get<Page<QueueEntry>>('/care/queue', { query: query as QueryParams }),
  placeholderData: keepPreviousData,
});

/** One page of the ordered queue with the legal clock of each entry. */
export const useQueue = (query: QueueListQuery) => useQuery(queueQueryOptions(query));

/** The same filters as the list, so the file holds exactly what is on screen (every page). */
export function exportQueue(query: QueueListQuery, format: 'csv' | 'xlsx', lang: Language) {
  const { page: _page, pageSize: _size, ...filters } = query;
  return api.download('/care/queue/export', { query: { ...(filters as QueryParams), format, lang } });
}
