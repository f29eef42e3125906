import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CandidateList } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

/** How many candidates the page asks for first, and at most (the API's own limits). */
export const CANDIDATES_FIRST = 20;
export const CANDIDATES_MAX = 100;

export const candidatesQueryOptions = (vacancyId: string, limit: number) =>
  queryOptions({
    queryKey: offerKeys.candidates(vacancyId, limit),
    queryFn: () => api.get<CandidateList>(`/care/vacancies/${vacancyId}/candidates`, { query: { limit } }),
  });

/**
 * The ranked candidates of an open place. Each read names every shown client in the audit log, so
 * the page asks only while the place can be offered.
 */
export const useCandidates = (vacancyId: string, limit: number, enabled: boolean) =>
  useQuery({ ...candidatesQueryOptions(vacancyId, limit), enabled, placeholderData: keepPreviousData });
