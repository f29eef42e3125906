import { useMutation, useQuery } from '@tanstack/react-query';
import type { SignAgreement, SigningView } from '@civic/shared/keys';
import { api } from '../../../lib/api-client.ts';
import { keysQueryKeys } from './query-keys.ts';

// The renter's page: no session, the token in the path is the credential.
export const useSigningView = (token: string) =>
  useQuery({
    queryKey: keysQueryKeys.signing(token),
    queryFn: () => api.get<SigningView>(`/signing/${token}`, { noRefresh: true }),
    retry: false,
  });

export const useSignByLink = (token: string) =>
  useMutation({
    mutationFn: (body: SignAgreement) =>
      api.post<{ signed: true }>(`/signing/${token}/sign`, body, { noRefresh: true }),
  });

export const useDeclineByLink = (token: string) =>
  useMutation({
    mutationFn: (reason: string) =>
      api.post<{ declined: true }>(`/signing/${token}/decline`, { reason }, { noRefresh: true }),
  });
