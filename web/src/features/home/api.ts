import type { InboxMessageSchema } from '@liandong/domain/inbox/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

/** An in-app message as listed on the home page (domain/src/inbox/contracts.ts). */
export type InboxMessage = z.infer<typeof InboxMessageSchema>;

/** The latest messages for the home page (GET /api/v1/inbox?limit=). */
export function useLatestMessages(limit = 6) {
  return useQuery({
    queryKey: ['inbox', 'latest', limit],
    queryFn: ({ signal }) => api.get<{ items: InboxMessage[]; unread: number }>('/api/v1/inbox', { limit }, signal),
  });
}
