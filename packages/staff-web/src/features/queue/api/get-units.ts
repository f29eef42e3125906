import { useQuery } from '@tanstack/react-query';
import type { Page } from '@civic/shared/common';
import type { Unit } from '@civic/shared/care';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

export const unitsQueryOptions = () => ({
  queryKey: queueKeys.units(),
  queryFn: async () => {
    const items: Unit[] = [];
    for (let page = 1; ; page++) {
      const res = await api.get<Page<Unit>>('/care/units', { query: { page, pageSize: 200 } });
      items.push(...res.items);
      if (items.length >= res.total || res.items.length === 0) return items;
    }
  },
  staleTime: 5 * 60_000,
});

/** Every unit of the registry: preferred units, short-term care units and the districts come from them. */
export const useUnits = () => useQuery(unitsQueryOptions());
