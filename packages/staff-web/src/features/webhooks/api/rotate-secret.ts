import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookSubscriptionWithSecret } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export function useRotateSecret(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<WebhookSubscriptionWithSecret>(`/admin/webhooks/${id}/rotate-secret`),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.one(id) }),
  });
}
