import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { KeyFigures, KeyFiguresQuery } from '@civic/shared/reports';
import { api } from '../../../lib/api-client.ts';
import { reportsKeys, type Query } from './query-keys.ts';

export const keyFiguresQueryOptions = (query: KeyFiguresQuery) =>
  queryOptions({
    queryKey: reportsKeys.keys(query),
    queryFn: () => api.get<KeyFigures>('/reports/keys/figures', { query: query as Query }),
    placeholderData: keepPreviousData,
  });

export const useKeyFigures = (query: KeyFiguresQuery) => useQuery(keyFiguresQueryOptions(query));
