import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ClientSummary } from '@civic/shared/queue';
import type { Page } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

/** The API searches from two characters on (name or a whole identity code). */
export const MIN_SEARCH_LENGTH = 2;

export const clientSearchQueryOptions = (q: string, page = 1, pageSize = 20) => ({
  queryKey: queueKeys.clientSearch(q, page),
  queryFn: () => api.get<Page<ClientSummary>>('/care/clients', { query: { q, page, pageSize } }),
  enabled: q.trim().length >= MIN_SEARCH_LENGTH,
  placeholderData: keepPreviousData,
});

/** Clients by name or identity code. */
export const useClientSearch = (q: string, page = 1, pageSize = 20) =>
  useQuery(clientSearchQueryOptions(q.trim(), page, pageSize));
