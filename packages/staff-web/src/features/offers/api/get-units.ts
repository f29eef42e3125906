import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit } from '@civic/shared/care';
import type { Page } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';
import { offerKeys } from './query-keys.ts';

export const unitsQueryOptions = () =>
  queryOptions({
    queryKey: offerKeys.units(),
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

/** Every unit, for the offers list's unit filter. */
export const useUnits = () => useQuery(unitsQueryOptions());
