import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CareFigures, CareFiguresQuery } from '@civic/shared/reports';
import { api } from '../../../lib/api-client.ts';
import { reportsKeys, type Query } from './query-keys.ts';

export const careFiguresQueryOptions = (query: CareFiguresQuery) =>
  queryOptions({
    queryKey: reportsKeys.care(query),
    queryFn: () => api.get<CareFigures>('/reports/care/figures', { query: query as Query }),
    placeholderData: keepPreviousData,
  });

export const useCareFigures = (query: CareFiguresQuery, enabled = true) =>
  useQuery({ ...careFiguresQueryOptions(query), enabled });
