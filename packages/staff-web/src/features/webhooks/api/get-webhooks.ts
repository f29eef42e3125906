import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WebhookSubscription } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export const webhooksQueryOptions = () =>
  queryOptions({
    queryKey: webhookKeys.list(),
    queryFn: () => api.get<WebhookSubscription[]>('/admin/webhooks'),
  });

export const useWebhooks = () => useQuery(webhooksQueryOptions());
