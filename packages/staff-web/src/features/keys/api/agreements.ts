import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreementTemplate,
  Association,
  CreateAgreementTemplate,
  CreateKeyAgreement,
  CurrentAgreement,
  KeyAgreement,
  Renter,
  RequestSignature,
  SigningMethodOption,
  ReturnKeys,
  SignAgreement,
} from '@civic/shared/keys';
import { api } from '../../../lib/api-client.ts';
import { keysQueryKeys } from './query-keys.ts';

export const useAgreement = (id: string) =>
  useQuery({
    queryKey: keysQueryKeys.agreement(id),
    queryFn: () => api.get<KeyAgreement>(`/key-agreements/${id}`),
  });

export const useCurrentAgreements = (siteId: string, q: string) =>
  useQuery({
    queryKey: keysQueryKeys.current(siteId, q),
    queryFn: () => api.get<CurrentAgreement[]>(`/sites/${siteId}/current-agreements`, { query: { q } }),
  });

export const useAssociationSearch = (q: string) =>
  useQuery({
    queryKey: keysQueryKeys.associations(q),
    queryFn: () => api.get<Association[]>('/associations', { query: { q } }),
    enabled: q.trim().length >= 2,
  });

export const useRenterSearch = (q: string, associationId?: string) =>
  useQuery({
    queryKey: keysQueryKeys.renters(q, associationId),
    queryFn: () => api.get<Renter[]>('/renters', { query: { q, associationId } }),
    enabled: q.trim().length >= 2,
  });

export const useTemplates = () =>
  useQuery({
    queryKey: keysQueryKeys.templates(),
    queryFn: () => api.get<AgreementTemplate[]>('/agreement-templates'),
  });

/** Every agreement action answers with the agreement; it goes straight into the cache. */
function useAgreementAction<V>(call: (vars: V) => Promise<KeyAgreement>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (agreement) => {
      client.setQueryData(keysQueryKeys.agreement(agreement.id), agreement);
      void client.invalidateQueries({
        queryKey: keysQueryKeys.all,
        predicate: (q) => q.queryKey[1] !== 'agreement',
      });
    },
  });
}

export const useCreateAgreement = () =>
  useAgreementAction((body: CreateKeyAgreement) => api.post<KeyAgreement>('/key-agreements', body));
export const useSignInPerson = (id: string) =>
  useAgreementAction((body: SignAgreement) => api.post<KeyAgreement>(`/key-agreements/${id}/sign`, body));
export const useSendLink = () =>
  useAgreementAction(({ id, email }: { id: string; email?: string }) =>
    api.post<KeyAgreement>(`/key-agreements/${id}/signing-link`, email ? { email } : {}),
  );
/** The ways a renter can sign here; Visma Sign only when the installation has it configured. */
export const useSigningMethods = () =>
  useQuery({
    queryKey: keysQueryKeys.signingMethods(),
    queryFn: () => api.get<SigningMethodOption[]>('/key-agreements/signing-methods'),
    staleTime: 5 * 60_000,
  });
export const useRequestSignature = () =>
  useAgreementAction(({ id, ...body }: RequestSignature & { id: string }) =>
    api.post<KeyAgreement>(`/key-agreements/${id}/signing-request`, body),
  );
export const useCancelAgreement = (id: string) =>
  useAgreementAction((reason: string) => api.post<KeyAgreement>(`/key-agreements/${id}/cancel`, { reason }));
export const useReturnKeys = (id: string) =>
  useAgreementAction((body: ReturnKeys) => api.post<KeyAgreement>(`/key-agreements/${id}/return`, body));

export const useRemind = (id: string) =>
  useMutation({ mutationFn: () => api.post<void>(`/key-agreements/${id}/remind`) });

export function useCreateTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAgreementTemplate) => api.post<AgreementTemplate>('/agreement-templates', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keysQueryKeys.templates() }),
  });
}

export const downloadDocument = (agreementId: string, documentId: string) =>
  api.download(`/key-agreements/${agreementId}/documents/${documentId}`);
