import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateKey,
  CreateSite,
  Key,
  KeyDetail,
  KeyListQuery,
  LostKey,
  RekeyingDecision,
  Site,
  UpdateKey,
} from '@civic/shared/keys';
import { ApiError } from '@civic/shared/http-client';
import type { ImportJob } from '@civic/shared/imports';
import type { Problem } from '@civic/shared/problem';
import { api } from '../../../lib/api-client.ts';
import { keysQueryKeys } from './query-keys.ts';

export const useSites = (q?: string) =>
  useQuery(
    queryOptions({
      queryKey: keysQueryKeys.sites(q),
      queryFn: () => api.get<Site[]>('/sites', { query: { q } }),
    }),
  );

export const useSite = (id: string) =>
  useQuery({ queryKey: keysQueryKeys.site(id), queryFn: () => api.get<Site>(`/sites/${id}`) });

export const getSiteKeys = (siteId: string, query: KeyListQuery) =>
  api.get<Key[]>(`/sites/${siteId}/keys`, { query: { ...query } });

export const useSiteKeys = (siteId: string, query: KeyListQuery = {}) =>
  useQuery({ queryKey: keysQueryKeys.siteKeys(siteId, query), queryFn: () => getSiteKeys(siteId, query) });

export const useKey = (id: string) =>
  useQuery({ queryKey: keysQueryKeys.key(id), queryFn: () => api.get<KeyDetail>(`/keys/${id}`) });

export const useLostKeys = () =>
  useQuery({ queryKey: keysQueryKeys.lost(), queryFn: () => api.get<LostKey[]>('/keys/lost') });

/** Records the re-keying decision of a lost key. */
export function useDecideRekeying() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ keyId, ...body }: RekeyingDecision & { keyId: string }) =>
      api.put<LostKey>(`/keys/${keyId}/rekeying`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keysQueryKeys.all }),
  });
}

function useInvalidateKeys() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keysQueryKeys.all });
}

export function useCreateSite() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (body: CreateSite) => api.post<Site>('/sites', body),
    onSuccess: invalidate,
  });
}

export function useCreateKey(siteId: string) {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (body: CreateKey) => api.post<Key>(`/sites/${siteId}/keys`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateKey(id: string) {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (body: UpdateKey) => api.patch<KeyDetail>(`/keys/${id}`, body),
    onSuccess: invalidate,
  });
}

const isJob = (body: unknown): body is ImportJob =>
  !!body && typeof body === 'object' && 'status' in body && 'processedRows' in body;

/**
 * Imports a key CSV. A long import answers 202 with its job: this follows it, reporting rows done,
 * and ends as the quick answer would (the result, or the refusal with its rows as an ApiError).
 */
export function useImportKeys(siteId: string, onProgress?: (done: number, total: number) => void) {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: async (csv: string) => {
      let answer = await api.post<{ created: number } | ImportJob>(`/sites/${siteId}/keys/import`, csv, {
        contentType: 'text/csv',
      });
      while (isJob(answer)) {
        onProgress?.(answer.processedRows, answer.totalRows);
        if (answer.status === 'succeeded') return answer.result as { created: number };
        if (answer.status === 'failed') {
          const problem = answer.problem as Problem;
          throw new ApiError(problem.status, problem);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
        answer = await api.get<ImportJob>(`/imports/${answer.id}`);
      }
      return answer;
    },
    onSuccess: invalidate,
  });
}
