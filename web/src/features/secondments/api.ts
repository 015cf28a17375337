import type {
  BatchCreateBody,
  BatchDetail,
  BatchRow,
  EvaluationBody,
  MemberAddBody,
  MemberPatchBody,
  PoolRow,
  ProfileBody,
  SecondmentTargetKind,
} from '@liandong/domain/secondments/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/secondments/contracts.ts). */
export type { BatchDetail, BatchRow, PoolRow } from '@liandong/domain/secondments/contracts';

const ROOT = ['secondments'] as const;
const POOL = '/api/v1/cadre-pool';
const BATCHES = '/api/v1/secondment-batches';

export interface PoolFilters {
  q?: string;
  skill?: string;
}

export const secondmentUrls = {
  poolExport: (f: PoolFilters) => `${POOL}/export.xlsx${toQueryString({ q: f.q, skill: f.skill })}`,
  batchesExport: () => `${BATCHES}/export.xlsx`,
};

const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export function usePool(f: PoolFilters) {
  return useQuery({
    queryKey: [...ROOT, 'pool', f],
    queryFn: ({ signal }) => api.get<{ items: PoolRow[] }>(POOL, { ...f }, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
  });
}

export function useBatches() {
  return useQuery({
    queryKey: [...ROOT, 'batches'],
    queryFn: ({ signal }) => api.get<{ items: BatchRow[] }>(BATCHES, undefined, signal),
    retry: noRetryOnDenied,
  });
}

export function useBatch(id: string) {
  return useQuery({
    queryKey: [...ROOT, 'batch', id],
    queryFn: ({ signal }) => api.get<BatchDetail>(`${BATCHES}/${encodeURIComponent(id)}`, undefined, signal),
    retry: noRetryOnDenied,
  });
}

export function useTargets(kind: SecondmentTargetKind | undefined, q: string) {
  return useQuery({
    queryKey: [...ROOT, 'targets', kind, q],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/api/v1/secondment-targets', { kind, q: q || undefined }, signal),
    enabled: Boolean(kind),
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return (d?: BatchDetail) => {
    if (d) qc.setQueryData([...ROOT, 'batch', d.id], d);
    return qc.invalidateQueries({ queryKey: ROOT });
  };
}

export function useCreateBatch() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (b: BatchCreateBody) => api.post<BatchDetail>(BATCHES, b), onSuccess: (d) => refresh(d) });
}

export function useAddMember(batchId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (b: MemberAddBody) => api.post<BatchDetail>(`${BATCHES}/${batchId}/members`, b), onSuccess: (d) => refresh(d) });
}

export function usePatchMember() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...b }: MemberPatchBody & { id: string }) => api.patch<BatchDetail>(`/api/v1/secondment-members/${id}`, b),
    onSuccess: (d) => refresh(d),
  });
}

export function useEvaluate() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...b }: EvaluationBody & { id: string }) => api.post<{ id: string }>(`/api/v1/secondment-members/${id}/evaluations`, b),
    onSuccess: () => refresh(),
  });
}

export function usePutProfile() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, ...b }: ProfileBody & { userId: string }) => api.put<PoolRow>(`${POOL}/${userId}`, b),
    onSuccess: () => refresh(),
  });
}

export interface Mentee {
  memberId: string;
  name: string;
  batch: { id: string; name: string };
  goals: string | null;
}

export function useMentees() {
  return useQuery({
    queryKey: [...ROOT, 'mentees'],
    queryFn: ({ signal }) => api.get<{ items: Mentee[] }>('/api/v1/my-mentees', undefined, signal),
  });
}
