import type { QueueListQuery } from '@civic/shared/queue';

/** Every cached answer of the queue feature; mutations invalidate `queueKeys.all`. */
export const queueKeys = {
  all: ['queue'] as const,
  lists: () => [...queueKeys.all, 'list'] as const,
  list: (query: QueueListQuery) => [...queueKeys.lists(), query] as const,
  clientSearch: (q: string, page: number) => [...queueKeys.all, 'client-search', q, page] as const,
  client: (id: string) => [...queueKeys.all, 'client', id] as const,
  accessLog: (id: string, page: number) => [...queueKeys.all, 'client', id, 'access-log', page] as const,
  entry: (id: string) => [...queueKeys.all, 'entry', id] as const,
  places: (entryId: string) => [...queueKeys.all, 'entry', entryId, 'places'] as const,
  /** The registry's managed lists and units: forms and filters choose from them. */
  careList: (kind: 'service-types' | 'tags') => ['queue-registry', 'list', kind] as const,
  units: () => ['queue-registry', 'units'] as const,
};

/** The query shape the API client takes: arrays repeat their key. */
export type QueryParams = Record<string, string | number | boolean | readonly string[] | undefined>;
