import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Vacancy } from '@civic/shared/care';
import type { Page } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const unitOpenVacanciesQueryOptions = (unitId: string, serviceTypeId: string) =>
  queryOptions({
    queryKey: offerKeys.unitOpenVacancies(unitId, serviceTypeId),
    queryFn: () =>
      api.get<Page<Vacancy>>('/care/vacancies', {
        query: { unitId, serviceTypeId, status: ['open'], pageSize: 200 },
      }),
  });

/** The unit's open places of the same service: a couple's second place is one of them. */
export const useUnitOpenVacancies = (unitId: string, serviceTypeId: string, enabled: boolean) =>
  useQuery({ ...unitOpenVacanciesQueryOptions(unitId, serviceTypeId), enabled });
