import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ME_KEY } from '../../lib/me';

/** 站内消息: reminders, escalations and notices (GET /api/v1/inbox). */
export interface InboxMessage {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const INBOX_KEY = ['inbox'] as const;

export function useInbox(unreadOnly: boolean, limit: number) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', unreadOnly, limit],
    queryFn: ({ signal }) => api.get<{ items: InboxMessage[]; unread: number }>('/api/v1/inbox', { unread: unreadOnly || undefined, limit }, signal),
  });
}

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
