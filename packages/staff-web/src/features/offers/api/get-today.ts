import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Today } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const todayQueryOptions = () =>
  queryOptions({ queryKey: offerKeys.today(), queryFn: () => api.get<Today>('/care/today') });

/** The coordinator's day; loaded again every few minutes while open, since deadlines move. */
export const useToday = () => useQuery({ ...todayQueryOptions(), refetchInterval: 5 * 60_000 });
