import type { CloseQueueEntry, QueueEntry } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

export const closeEntry = (id: string, body: CloseQueueEntry) =>
  api.post<QueueEntry>(`/care/queue/entries/${id}/close`, body);

/** Closes an entry (withdrawn, deceased, placed elsewhere); the API releases its live offers. */
export const useCloseEntry = (id: string) =>
  useQueueMutation((body: CloseQueueEntry) => closeEntry(id, body));
