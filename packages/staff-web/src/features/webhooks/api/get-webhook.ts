import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WebhookSubscription } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export const webhookQueryOptions = (id: string) =>
  queryOptions({
    queryKey: webhookKeys.one(id),
    queryFn: () => api.get<WebhookSubscription>(`/admin/webhooks/${id}`),
  });

export const useWebhook = (id: string) => useQuery(webhookQueryOptions(id));
