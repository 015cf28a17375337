import type { InboxMessageSchema } from '@liandong/domain/inbox/contracts';
import type { Workbench } from '@liandong/domain/workbench/contracts';
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

/**
 * 工作台 (GET /api/v1/workbench): the caller's to-do cards. Kept fresh like the bell — on focus and every minute
 * while the tab is visible — so a hand-off that lands while the home page is open shows in its card.
 */
export function useWorkbench(enabled: boolean) {
  return useQuery({
    queryKey: ['workbench'],
    queryFn: ({ signal }) => api.get<Workbench>('/api/v1/workbench', undefined, signal),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}
