import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SsoLinkList, User } from '@civic/shared/users';
import { api } from '../../../lib/api-client.ts';
import { userKeys } from './get-users.ts';

export const userQueryOptions = (id: string) =>
  queryOptions({ queryKey: userKeys.one(id), queryFn: () => api.get<User>(`/users/${id}`) });
export const useUser = (id: string) => useQuery(userQueryOptions(id));

export const ssoLinksQueryOptions = (id: string) =>
  queryOptions({
    queryKey: userKeys.ssoLinks(id),
    queryFn: () => api.get<SsoLinkList>(`/users/${id}/sso-links`),
  });
export const useSsoLinks = (id: string) => useQuery(ssoLinksQueryOptions(id));

/** Removes one of the user's single sign-on links; the user's links are read again. */
export function useUnlinkSso(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => api.delete<void>(`/users/${userId}/sso-links/${linkId}`),
    onSettled: () => client.invalidateQueries({ queryKey: userKeys.ssoLinks(userId) }),
  });
}
