import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WebhookDeliveryDetail } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export const deliveryQueryOptions = (id: string, deliveryId: string) =>
  queryOptions({
    queryKey: webhookKeys.delivery(id, deliveryId),
    queryFn: () => api.get<WebhookDeliveryDetail>(`/admin/webhooks/${id}/deliveries/${deliveryId}`),
  });

/** Loaded when the attempts of a delivery are opened. */
export const useDelivery = (id: string, deliveryId: string, enabled: boolean) =>
  useQuery({ ...deliveryQueryOptions(id, deliveryId), enabled });
