import type {
  CadreConclusionBody,
  IntegrityActionBody,
  IntegrityCreateBody,
  IntegrityDetail,
  IntegrityListQuery,
  IntegritySummary,
} from '@liandong/domain/integrity/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/integrity/contracts.ts). */
export type { Cadre, Evidence, IntegrityDetail, IntegritySummary } from '@liandong/domain/integrity/contracts';

const ROOT = ['integrity'] as const;
const URL = '/api/v1/integrity-replies';

export type IntegrityFilters = Pick<IntegrityListQuery, 'page' | 'pageSize'> & Partial<Pick<IntegrityListQuery, 'state' | 'q'>>;

export const integrityUrls = {
  export: (f: IntegrityFilters) => `${URL}/export.xlsx${toQueryString({ state: f.state, q: f.q })}`,
  docx: (id: string) => `${URL}/${encodeURIComponent(id)}/document.docx`,
};

const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export function useReplies(f: IntegrityFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', f],
    queryFn: ({ signal }) => api.get<{ items: IntegritySummary[]; total: number; abilities: { create: boolean } }>(URL, { ...f }, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
  });
}

export function useReply(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<IntegrityDetail>(`${URL}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

/** Every write answers the detail as it now stands: it replaces the cached detail and refreshes the ledger. */
function useWrite<V>(fn: (v: V) => Promise<IntegrityDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      queryClient.setQueryData([...ROOT, 'detail', d.id], d);
      return queryClient.invalidateQueries({ queryKey: [...ROOT, 'list'] });
    },
  });
}

export const useCreateReply = () => useWrite((body: IntegrityCreateBody) => api.post<IntegrityDetail>(URL, body));

export const useCollect = (r: Pick<IntegrityDetail, 'id' | 'version'>) =>
  useWrite(() => api.post<IntegrityDetail>(`${URL}/${r.id}/collect`, { version: r.version }));

export const useConclude = (r: Pick<IntegrityDetail, 'id' | 'version'>) =>
  useWrite(({ cadreId, ...body }: Omit<CadreConclusionBody, 'version'> & { cadreId: string }) =>
    api.patch<IntegrityDetail>(`${URL}/${r.id}/cadres/${cadreId}`, { ...body, version: r.version }),
  );

export const useReplyAction = (r: Pick<IntegrityDetail, 'id' | 'version'>) =>
  useWrite((body: Omit<IntegrityActionBody, 'version'>) => api.post<IntegrityDetail>(`${URL}/${r.id}/actions`, { ...body, version: r.version }));
