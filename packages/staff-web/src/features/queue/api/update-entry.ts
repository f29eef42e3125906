import type { QueueEntry, UpdateQueueEntry } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

export const updateEntry = (id: string, body: UpdateQueueEntry) =>
  api.patch<QueueEntry>(`/care/queue/entries/${id}`, body);

/** Changes an open entry's dates or preferences. */
export const useUpdateEntry = (id: string) =>
  useQueueMutation((body: UpdateQueueEntry) => updateEntry(id, body));
