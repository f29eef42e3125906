import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queueKeys } from './query-keys.ts';

/** A change to the queue: every cached list, client and entry of the feature is read again after it. */
export function useQueueMutation<V, R>(call: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries({ queryKey: queueKeys.all }),
  });
}
