import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Vacancy } from '@civic/shared/care';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const vacancyQueryOptions = (id: string) =>
  queryOptions({
    queryKey: offerKeys.vacancy(id),
    queryFn: () => api.get<Vacancy>(`/care/vacancies/${id}`),
  });

/** One vacancy in any state: what the vacancy page shows to every care role. */
export const useVacancy = (id: string) => useQuery(vacancyQueryOptions(id));
