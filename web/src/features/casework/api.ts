import type { Dashboard, SearchKind, SearchResult } from '@liandong/domain/casework/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Shapes of the casework views come from the shared contracts (domain/src/casework/contracts.ts). */
export type { Dashboard, DashboardOrgRow, SearchHit, SearchKind, SnippetPart } from '@liandong/domain/casework/contracts';

const ROOT = ['casework'] as const;
const BASE = '/api/v1/casework';

export interface SearchFilters {
  q: string;
  kind: SearchKind;
  page: number;
  pageSize: number;
}

/** 全文检索 over clues and cases (jieba tokens; each hit passes its visibility predicate on the server). */
export function useSearch(filters: SearchFilters) {
  return useQuery({
    queryKey: [...ROOT, 'search', filters],
    queryFn: ({ signal }) => api.get<SearchResult>(`${BASE}/search`, { ...filters }, signal),
    enabled: filters.q.trim().length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** 线索案件统计 of a year (optionally one office, group or county). */
export function useDashboard(year: number, orgId: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'dashboard', year, orgId ?? ''],
    queryFn: ({ signal }) => api.get<Dashboard>(`${BASE}/dashboard`, { year, orgId }, signal),
    placeholderData: keepPreviousData,
    retry: (count, err) => !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2,
  });
}
