import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddPrice,
  AddUnitService,
  CreateListItem,
  CreateProvider,
  CreateUnit,
  ListItem,
  Provider,
  Unit,
  UnitDetail,
  UnitListQuery,
  UpdateListItem,
  UpdateProvider,
  UpdateUnit,
  Vacancy,
  VacancyBoardQuery,
} from '@civic/shared/care';
import type { Page } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export const careKeys = {
  all: ['care'] as const,
  boards: () => [...careKeys.all, 'board'] as const,
  board: (q: VacancyBoardQuery) => [...careKeys.boards(), q] as const,
  units: (q: UnitListQuery) => [...careKeys.all, 'units', q] as const,
  allUnits: () => [...careKeys.all, 'units', 'all'] as const,
  unit: (id: string) => [...careKeys.all, 'unit', id] as const,
  providers: (q: string) => [...careKeys.all, 'providers', q] as const,
  list: (kind: 'service-types' | 'tags') => [...careKeys.all, 'list', kind] as const,
};

/** Every active unit, page by page (the overview adds them up). */
export const useAllUnits = () =>
  useQuery({
    queryKey: careKeys.allUnits(),
    queryFn: async () => {
      const items: Unit[] = [];
      for (let page = 1; ; page++) {
        const res = await api.get<Page<Unit>>('/care/units', { query: { page, pageSize: 200 } });
        items.push(...res.items);
        if (items.length >= res.total || res.items.length === 0) return items;
      }
    },
  });

export const useBoard = (query: VacancyBoardQuery) =>
  useQuery({
    queryKey: careKeys.board(query),
    queryFn: () => api.get<Page<Vacancy>>('/care/vacancies', { query: query as Query }),
    placeholderData: keepPreviousData,
  });

export const useUnits = (query: UnitListQuery) =>
  useQuery({
    queryKey: careKeys.units(query),
    queryFn: () => api.get<Page<Unit>>('/care/units', { query: query as Query }),
    placeholderData: keepPreviousData,
  });

export const useCareUnit = (id: string) =>
  useQuery({ queryKey: careKeys.unit(id), queryFn: () => api.get<UnitDetail>(`/care/units/${id}`) });

export const useProviders = (q = '') =>
  useQuery({
    queryKey: careKeys.providers(q),
    queryFn: () =>
      api.get<Page<Provider>>('/care/providers', { query: { q: q || undefined, pageSize: 200 } }),
  });

export const useList = (kind: 'service-types' | 'tags') =>
  useQuery({
    queryKey: careKeys.list(kind),
    queryFn: () => api.get<ListItem[]>(`/care/lists/${kind}`),
    staleTime: 60_000,
  });

function useCareMutation<V, R>(call: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export const useCreateProvider = () =>
  useCareMutation((body: CreateProvider) => api.post<Provider>('/care/providers', body));
export const useUpdateProvider = (id: string) =>
  useCareMutation((body: UpdateProvider) => api.patch<Provider>(`/care/providers/${id}`, body));
export const useCreateUnit = () =>
  useCareMutation((body: CreateUnit) => api.post<UnitDetail>('/care/units', body));
export const useUpdateUnit = (id: string) =>
  useCareMutation((body: UpdateUnit) => api.patch<UnitDetail>(`/care/units/${id}`, body));
export const useAddService = (id: string) =>
  useCareMutation((body: AddUnitService) => api.post<UnitDetail>(`/care/units/${id}/services`, body));
export const useAddPrice = (id: string) =>
  useCareMutation((body: AddPrice) => api.post<UnitDetail>(`/care/units/${id}/prices`, body));
export const useCreateListItem = (kind: 'service-types' | 'tags') =>
  useCareMutation((body: CreateListItem) => api.post<ListItem>(`/care/lists/${kind}`, body));
export const useUpdateListItem = (kind: 'service-types' | 'tags') =>
  useCareMutation(({ id, ...body }: UpdateListItem & { id: string }) =>
    api.patch<ListItem>(`/care/lists/${kind}/${id}`, body),
  );
