import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page } from '@civic/shared/common';
import type { User, UserListQuery } from '@civic/shared/users';
import { api } from '../../../lib/api-client.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserListQuery) => [...userKeys.all, 'list', query] as const,
  one: (id: string) => [...userKeys.all, 'one', id] as const,
  ssoLinks: (id: string) => [...userKeys.all, 'one', id, 'sso-links'] as const,
};

export const getUsers = (query: UserListQuery) => api.get<Page<User>>('/users', { query: { ...query } });

export const usersQueryOptions = (query: UserListQuery) =>
  queryOptions({
    queryKey: userKeys.list(query),
    queryFn: () => getUsers(query),
    placeholderData: keepPreviousData,
  });

export const useUsers = (query: UserListQuery) => useQuery(usersQueryOptions(query));
