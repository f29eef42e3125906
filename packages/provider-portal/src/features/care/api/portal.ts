import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BulkCapacity,
  CapacityHistoryEntry,
  CreateVacancy,
  PortalDashboard,
  UnitDetail,
  UpdateCapacity,
  UpdateVacancy,
  Vacancy,
} from '@civic/shared/care';
import type { Page } from '@civic/shared/common';
import type { InviteUser, User } from '@civic/shared/users';
import { api } from '../../../lib/api-client.ts';

export const portalKeys = {
  all: ['portal'] as const,
  dashboard: () => [...portalKeys.all, 'dashboard'] as const,
  unit: (id: string) => [...portalKeys.all, 'unit', id] as const,
  history: (unitId: string, page: number) => [...portalKeys.all, 'history', unitId, page] as const,
  users: () => [...portalKeys.all, 'users'] as const,
};

export const useDashboard = () =>
  useQuery({
    queryKey: portalKeys.dashboard(),
    queryFn: () => api.get<PortalDashboard>('/portal/dashboard'),
  });

export const useUnit = (id: string) =>
  useQuery({ queryKey: portalKeys.unit(id), queryFn: () => api.get<UnitDetail>(`/portal/units/${id}`) });

export const useHistory = (unitId: string, page: number) =>
  useQuery({
    queryKey: portalKeys.history(unitId, page),
    queryFn: () =>
      api.get<Page<CapacityHistoryEntry>>('/portal/history', {
        query: { unitId: unitId || undefined, page, pageSize: 50 },
      }),
  });

/** Every change refreshes all portal data: figures, vacancies and history move together. */
function usePortalMutation<V, R>(call: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.all }),
  });
}

export const useUpdateCapacity = (unitId: string, serviceTypeId: string) =>
  usePortalMutation((body: UpdateCapacity) =>
    api.put<void>(`/portal/units/${unitId}/capacity/${serviceTypeId}`, body),
  );

export const useConfirmCapacity = () =>
  usePortalMutation(
    ({ unitId, serviceTypeId, version }: { unitId: string; serviceTypeId: string; version: number }) =>
      api.post<void>(`/portal/units/${unitId}/capacity/${serviceTypeId}/confirm`, { version }),
  );

export const useBulkCapacity = () =>
  usePortalMutation((body: BulkCapacity) => api.post<{ saved: number }>('/portal/capacity/bulk', body));

export const useReportVacancy = (unitId: string) =>
  usePortalMutation((body: CreateVacancy) => api.post<Vacancy>(`/portal/units/${unitId}/vacancies`, body));

export const useUpdateVacancy = () =>
  usePortalMutation(({ id, ...body }: UpdateVacancy & { id: string }) =>
    api.patch<Vacancy>(`/portal/vacancies/${id}`, body),
  );

export const useWithdrawVacancy = () =>
  usePortalMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<Vacancy>(`/portal/vacancies/${id}/withdraw`, { reason }),
  );

export const useOrgUsers = () =>
  useQuery({
    queryKey: portalKeys.users(),
    queryFn: () => api.get<Page<User>>('/users', { query: { pageSize: 200 } }),
  });

export const useInviteUser = () =>
  usePortalMutation((body: InviteUser) => api.post<User>('/users/invitations', body));

export const useSetUserDisabled = () =>
  usePortalMutation(({ id, disabled }: { id: string; disabled: boolean }) =>
    api.patch<User>(`/users/${id}`, { disabled }),
  );

export const useUnitVacancies = (unitId: string) =>
  useQuery({
    queryKey: [...portalKeys.all, 'vacancies', unitId],
    queryFn: () =>
      api.get<Page<Vacancy>>('/portal/vacancies', {
        query: { unitId, status: ['open', 'offered'], pageSize: 200 },
      }),
  });
