import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateWebhookSubscription, WebhookSubscription } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export function useUpdateWebhook(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWebhookSubscription) =>
      api.patch<WebhookSubscription>(`/admin/webhooks/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}
