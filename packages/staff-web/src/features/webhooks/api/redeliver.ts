import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookDeliveryDetail } from '@civic/shared/webhooks';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export function useRedeliver(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<WebhookDeliveryDetail>(`/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}
