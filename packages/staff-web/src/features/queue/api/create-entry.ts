import type { CreateQueueEntry, QueueEntry } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

export const createEntry = (body: CreateQueueEntry) => api.post<QueueEntry>('/care/queue/entries', body);

/** Puts a client in the queue for a service type (one open entry per type). */
export const useCreateEntry = () => useQueueMutation(createEntry);
