import type { Classification, Role, UserStatus } from '@liandong/domain/access/enums';
import type { CreateUserBody, CredentialReset, User } from '@liandong/domain/users/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** 用户账号 as administrators see it (domain/src/users/contracts.ts). */
export type { CredentialReset, User } from '@liandong/domain/users/contracts';

/** A reset of a leader's or an administrator's credentials answers with a pending request (202) instead of the account. */
export function isPendingReset(result: unknown): result is CredentialReset {
  return typeof result === 'object' && result !== null && 'kind' in result && (result as CredentialReset).status === 'PENDING';
}

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
    api.post<User | CredentialReset>(`/api/v1/users/${id}/${action}`, { version }),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, version, newPassword }: { id: string; version: number; newPassword: string }) =>
    api.post<User | CredentialReset>(`/api/v1/users/${id}/reset-password`, { version, newPassword }),
  );
}

/** 涉密等级 (security administrator). */
export function useSetClearance() {
  return useUserMutation(({ id, version, clearance }: { id: string; version: number; clearance: Classification }) =>
    api.put<User>(`/api/v1/users/${id}/clearance`, { version, clearance }),
  );
}

/** 凭据重置申请: pending and recently decided (security and system administrators). */
export function useCredentialResets() {
  return useQuery({
    queryKey: [...USERS, 'credential-resets'],
    queryFn: ({ signal }) => api.get<{ items: CredentialReset[] }>('/api/v1/users/credential-resets', undefined, signal),
  });
}

export function useDecideReset() {
  return useUserMutation(({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
    api.post<CredentialReset>(`/api/v1/users/credential-resets/${id}/${decision}`),
  );
}
