import type { WebhookDeliveryListQuery } from '@civic/shared/webhooks';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  one: (id: string) => [...webhookKeys.all, 'one', id] as const,
  deliveries: (id: string, query: WebhookDeliveryListQuery) =>
    [...webhookKeys.all, 'deliveries', id, query] as const,
  delivery: (id: string, deliveryId: string) => [...webhookKeys.all, 'delivery', id, deliveryId] as const,
  clients: () => ['integration-clients'] as const,
};
