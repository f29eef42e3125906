import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IntegrationClient } from '@civic/shared/integration-clients';
import { api } from '../../../lib/api-client.ts';
import { webhookKeys } from './query-keys.ts';

export const integrationClientsQueryOptions = () =>
  queryOptions({
    queryKey: webhookKeys.clients(),
    queryFn: () => api.get<IntegrationClient[]>('/integration-clients'),
  });

export const useIntegrationClients = () => useQuery(integrationClientsQueryOptions());
