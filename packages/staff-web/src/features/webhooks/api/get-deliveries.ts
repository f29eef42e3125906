import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page } from '@civic/shared/common';
import type { WebhookDelivery, WebhookDeliveryListQuery } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export const deliveriesQueryOptions = (id: string, query: WebhookDeliveryListQuery) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(id, query),
    queryFn: () =>
      api.get<Page<WebhookDelivery>>(`/admin/webhooks/${id}/deliveries`, { query: { ...query } }),
    placeholderData: keepPreviousData,
  });

export const useDeliveries = (id: string, query: WebhookDeliveryListQuery) =>
  useQuery(deliveriesQueryOptions(id, query));
