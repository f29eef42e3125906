import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookSubscription, WebhookSubscriptionWithSecret } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookSubscription) =>
      api.post<WebhookSubscriptionWithSecret>('/admin/webhooks', body),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}
