import type { LoginLogEntrySchema, Session } from '@liandong/domain/auth/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { ME_KEY } from '../../lib/me';

export type LoginLogEntry = z.infer<typeof LoginLogEntrySchema>;
export interface TotpEnrolment {
  secret: string;
  uri: string;
  qrDataUrl: string;
}
export interface LoginLogFilters {
  username?: string;
  outcome?: string;
  limit?: number;
}

type Ok = { ok: true };

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Ok>('/api/v1/auth/logout'),
    // Leave even if the server no longer knows the session.
    onSettled: () => {
      queryClient.clear();
      window.location.assign('/login');
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { oldPassword: string; newPassword: string }) => api.post<Ok>('/api/v1/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

/** Starts a binding; moving an existing one to a new authenticator takes the password and a current code. */
export function useStartTotpEnrolment() {
  return useMutation({ mutationFn: (rebind?: { password: string; code: string }) => api.post<TotpEnrolment>('/api/v1/auth/totp/enrol', rebind ?? {}) });
}

export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<Ok>('/api/v1/auth/totp/confirm', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

const SESSIONS_KEY = ['auth', 'sessions'] as const;

export function useMySessions() {
  return useQuery({
    queryKey: [...SESSIONS_KEY, 'mine'],
    queryFn: ({ signal }) => api.get<{ items: Session[] }>('/api/v1/auth/sessions', undefined, signal),
  });
}

/** 在线用户 (security / system administrator). */
export function useAllSessions() {
  return useQuery({
    queryKey: [...SESSIONS_KEY, 'all'],
    queryFn: ({ signal }) => api.get<{ items: Session[] }>('/api/v1/admin/sessions', undefined, signal),
  });
}

/** Ends a session: one's own, or a forced logout by the security administrator. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/v1/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

export function useLoginLog(filters: LoginLogFilters) {
  return useQuery({
    queryKey: ['auth', 'login-log', filters],
    queryFn: ({ signal }) => api.get<{ items: LoginLogEntry[] }>('/api/v1/admin/login-log', { ...filters }, signal),
  });
}
