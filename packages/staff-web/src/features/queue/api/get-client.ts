import { useQuery } from '@tanstack/react-query';
import type { ClientDetail } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

export const clientQueryOptions = (id: string) => ({
  queryKey: queueKeys.client(id),
  queryFn: () => api.get<ClientDetail>(`/care/clients/${id}`),
});

/** A client's data, entries, offers and history (each read is in the client's access log). */
export const useClient = (id: string) => useQuery(clientQueryOptions(id));
