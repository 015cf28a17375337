import type { Classification, Role, UserStatus } from '@liandong/domain/access/enums';
import type { CreateUserBody, User } from '@liandong/domain/users/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** 用户账号 as administrators see it (domain/src/users/contracts.ts). */
export type { User } from '@liandong/domain/users/contracts';

export interface UserFilters {
  q?: string;
  orgId?: string;
  role?: Role;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

export type CreateUserInput = CreateUserBody;

/** Account actions that take only the version. */
export type UserAction = 'unlock' | 'disable' | 'enable' | 'reset-totp';

const USERS = ['users'] as const;

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...USERS, filters],
    queryFn: ({ signal }) => api.get<{ items: User[]; total: number; abilities: { create: boolean } }>('/api/v1/users', { ...filters }, signal),
    placeholderData: (prev) => prev,
  });
}

function useUserMutation<V>(fn: (vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }) });
}

export function useCreateUser() {
  return useUserMutation((body: CreateUserInput) => api.post<User>('/api/v1/users', body));
}

export function useUpdateUser() {
  return useUserMutation(({ id, ...body }: { id: string; version: number; displayName?: string; orgId?: string; clearance?: Classification }) =>
    api.patch<User>(`/api/v1/users/${id}`, body),
  );
}

export function useAssignRoles() {
  return useUserMutation(({ id, version, roles }: { id: string; version: number; roles: Role[] }) =>
    api.put<User>(`/api/v1/users/${id}/roles`, { version, roles }),
  );
}

export function useUserAction() {
  return useUserMutation(({ id, version, action }: { id: string; version: number; action: UserAction }) =>
    api.post<User>(`/api/v1/users/${id}/${action}`, { version }),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, version, newPassword }: { id: string; version: number; newPassword: string }) =>
    api.post<User>(`/api/v1/users/${id}/reset-password`, { version, newPassword }),
  );
}
