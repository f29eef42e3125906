import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AccessLogEntry } from '@civic/shared/queue';
import type { Page } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

export const ACCESS_LOG_PAGE_SIZE = 20;

export const accessLogQueryOptions = (clientId: string, page: number) => ({
  queryKey: queueKeys.accessLog(clientId, page),
  queryFn: () =>
    api.get<Page<AccessLogEntry>>(`/care/clients/${clientId}/access-log`, {
      query: { page, pageSize: ACCESS_LOG_PAGE_SIZE },
    }),
  placeholderData: keepPreviousData,
});

/** Who read or received the client's data, when and why (Client Data Act 703/2023 §11). */
export const useAccessLog = (clientId: string, page: number) =>
  useQuery(accessLogQueryOptions(clientId, page));

/** The whole access log as CSV, for the client who asked for it. */
export const exportAccessLog = (clientId: string) =>
  api.download(`/care/clients/${clientId}/access-log`, { query: { format: 'csv' } });
