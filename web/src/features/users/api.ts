import type { Classification, Role, UserStatus } from '@liandong/domain/access/enums';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** 用户账号 (GET /api/v1/users items). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  roles: Role[];
  clearance: Classification;
  status: UserStatus;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  version: number;
  abilities: {
    update: boolean;
    assignRoles: boolean;
    unlock: boolean;
    disable: boolean;
    enable: boolean;
    resetPassword: boolean;
    resetTotp: boolean;
  };
}

export interface UserFilters {
  q?: string;
  orgId?: string;
  role?: Role;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  orgId: string;
  clearance: Classification;
  gender?: 'M' | 'F';
  position?: string;
  initialPassword: string;
}

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
