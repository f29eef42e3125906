import type { Client, UpdateClient } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

export const updateClient = (id: string, body: UpdateClient) =>
  api.patch<Client>(`/care/clients/${id}`, body);

/** Changes a client's data, where they wait, needs or spouse (only the fields sent). */
export const useUpdateClient = (id: string) =>
  useQueueMutation((body: UpdateClient) => updateClient(id, body));
