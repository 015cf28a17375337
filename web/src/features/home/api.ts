import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** An in-app message (reminders, escalations, notices) as listed on the home page. */
export interface InboxMessage {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The latest messages for the home page (GET /api/v1/inbox?limit=). */
export function useLatestMessages(limit = 6) {
  return useQuery({
    queryKey: ['inbox', 'latest', limit],
    queryFn: ({ signal }) => api.get<{ items: InboxMessage[]; unread: number }>('/api/v1/inbox', { limit }, signal),
  });
}
