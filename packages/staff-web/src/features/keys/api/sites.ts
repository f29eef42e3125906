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

export function useImportKeys(siteId: string) {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (csv: string) =>
      api.post<{ created: number }>(`/sites/${siteId}/keys/import`, csv, { contentType: 'text/csv' }),
    onSuccess: invalidate,
  });
}
