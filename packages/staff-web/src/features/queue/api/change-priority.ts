import type { ChangePriority, QueueEntry } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

export const changePriority = (id: string, body: ChangePriority) =>
  api.post<QueueEntry>(`/care/queue/entries/${id}/priority`, body);

/** Moves an entry by hand (urgency class or queue date), always with a reason. */
export const useChangePriority = (id: string) =>
  useQueueMutation((body: ChangePriority) => changePriority(id, body));
