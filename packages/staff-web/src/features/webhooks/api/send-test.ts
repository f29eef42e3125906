import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export function useSendTest(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ deliveryId: string }>(`/admin/webhooks/${id}/test`),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}
