import type { InboxMessageSchema } from '@liandong/domain/inbox/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { ME_KEY } from '../../lib/me';

/** 站内消息 (domain/src/inbox/contracts.ts): reminders, deadline warnings, assignments. */
export type InboxMessage = z.infer<typeof InboxMessageSchema>;

const INBOX_KEY = ['inbox'] as const;

export function useInbox(unreadOnly: boolean, limit: number) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', unreadOnly, limit],
    queryFn: ({ signal }) => api.get<{ items: InboxMessage[]; unread: number }>('/api/v1/inbox', { unread: unreadOnly || undefined, limit }, signal),
  });
}

/** Reading changes the badge in the header, which comes from /me. */
function useInvalidateInbox() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: INBOX_KEY }), queryClient.invalidateQueries({ queryKey: ME_KEY })]);
}

export function useMarkRead() {
  const invalidate = useInvalidateInbox();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/v1/inbox/${encodeURIComponent(id)}/read`),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidateInbox();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/v1/inbox/read-all'),
    onSuccess: invalidate,
  });
}

/** How often the header bell asks for the unread count while the tab is visible (TanStack pauses it when hidden). */
const BELL_POLL_MS = 30_000;

/**
 * The header bell's unread count, kept live by polling: every 30 s while the tab is visible and on window focus,
 * so a hand-off (assigned, returned, approved, overdue) shows without a reload. Shares the `inbox` key, so
 * reading a message elsewhere refreshes it too. Undefined until the first answer (the caller falls back to /me).
 */
export function useUnreadCount(enabled: boolean): number | undefined {
  const query = useQuery({
    queryKey: [...INBOX_KEY, 'bell'],
    queryFn: ({ signal }) => api.get<{ unread: number }>('/api/v1/inbox', { unread: true, limit: 1 }, signal),
    enabled,
    refetchInterval: BELL_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  return query.data?.unread;
}
