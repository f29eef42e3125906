import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { WaitingTimes, WaitingTimesQuery } from '@civic/shared/reports';
import { api } from '../../../lib/api-client.ts';
import { reportsKeys, type Query } from './query-keys.ts';

export const waitingTimesQueryOptions = (query: WaitingTimesQuery) =>
  queryOptions({
    queryKey: reportsKeys.waitingTimes(query),
    queryFn: () => api.get<WaitingTimes>('/reports/care/waiting-times', { query: query as Query }),
    placeholderData: keepPreviousData,
  });

export const useWaitingTimes = (query: WaitingTimesQuery) => useQuery(waitingTimesQueryOptions(query));
