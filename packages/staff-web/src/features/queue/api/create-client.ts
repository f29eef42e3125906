import type { Client, CreateClient } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

export const createClient = (body: CreateClient) => api.post<Client>('/care/clients', body);

/** Adds a client (identity code checked, birth date derived by the API). */
export const useCreateClient = () => useQueueMutation(createClient);
