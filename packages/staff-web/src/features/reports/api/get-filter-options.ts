import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ListItem, Provider, Unit } from '@civic/shared/care';
import type { Site } from '@civic/shared/keys';
import type { Page } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';
import { reportsKeys } from './query-keys.ts';

const LONG = 5 * 60_000;

/** What the care filters offer: service types, providers and the districts that have units. */
export const useServiceTypes = () =>
  useQuery(
    queryOptions({
      queryKey: reportsKeys.options('service-types'),
      queryFn: () => api.get<ListItem[]>('/care/lists/service-types'),
      staleTime: LONG,
    }),
  );

export const useProviders = () =>
  useQuery(
    queryOptions({
      queryKey: reportsKeys.options('providers'),
      queryFn: async () =>
        (await api.get<Page<Provider>>('/care/providers', { query: { pageSize: 200 } })).items,
      staleTime: LONG,
    }),
  );

export const useDistricts = () =>
  useQuery(
    queryOptions({
      queryKey: reportsKeys.options('districts'),
      queryFn: async () => {
        const districts = new Set<string>();
        for (let page = 1; ; page++) {
          const res = await api.get<Page<Unit>>('/care/units', { query: { page, pageSize: 200 } });
          res.items.forEach((u) => districts.add(u.district));
          if (page * 200 >= res.total || !res.items.length) return [...districts];
        }
      },
      staleTime: LONG,
    }),
  );

export const useSites = (enabled: boolean) =>
  useQuery(
    queryOptions({
      queryKey: reportsKeys.options('sites'),
      queryFn: () => api.get<Site[]>('/sites'),
      staleTime: LONG,
      enabled,
    }),
  );
