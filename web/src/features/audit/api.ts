import type { AuditSearchResultSchema } from '@liandong/domain/audit/contracts';
import type { AuditVerifyResult } from '@liandong/domain/platform/audit';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export interface AuditFilters {
  actor?: string;
  type?: string;
  objectType?: string;
  objectId?: string;
  /** 'YYYY-MM-DD' (start of the day, China time); `to` includes its whole day. */
  from?: string;
  to?: string;
  limit: number;
}

type AuditPage = z.infer<typeof AuditSearchResultSchema>;

/** GET /api/v1/audit/events, paged backwards with `before` (newest first). */
export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => api.get<AuditPage>('/api/v1/audit/events', { ...filters, before: pageParam }, signal),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** 校验审计链: recomputes the SM3 hash chain on the server. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/api/v1/audit/verify') });
}
