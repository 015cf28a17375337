import type {
  Candidate,
  EvidenceRef,
  ProblemCampaignBody,
  ProblemConvertBody,
  ProblemCreateBody,
  ProblemDetail,
  ProblemLetterBody,
  ProblemPatchBody,
  ProblemState,
  ProblemSummary,
} from '@liandong/domain/problems/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/problems/contracts.ts). */
export type { Candidate, EvidenceRef, ProblemDetail, ProblemSummary };

export interface ProblemFilters {
  q?: string;
  sector?: string;
  type?: string;
  state?: ProblemState;
  page: number;
  pageSize: number;
}

const ROOT = ['problems'] as const;
const BASE = '/api/v1/problems';

export const problemExportUrl = (f: ProblemFilters) => `${BASE}/export.xlsx${toQueryString({ ...f, page: undefined, pageSize: undefined })}`;

export function useProblems(f: ProblemFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', f],
    queryFn: ({ signal }) => api.get<{ items: ProblemSummary[]; total: number; abilities: { create: boolean } }>(BASE, { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProblem(id: string) {
  return useQuery({ queryKey: [...ROOT, 'one', id], queryFn: ({ signal }) => api.get<ProblemDetail>(`${BASE}/${id}`, undefined, signal) });
}

export function useCandidates(f: { sector?: string; threshold?: number }) {
  return useQuery({
    queryKey: [...ROOT, 'candidates', f],
    queryFn: ({ signal }) => api.get<{ items: Candidate[]; considered: number }>(`${BASE}/candidates`, { ...f }, signal),
  });
}

export function useCreateProblem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProblemCreateBody) => api.post<ProblemDetail>(BASE, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROOT }),
  });
}

export function usePatchProblem(p: { id: string; version: number }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<ProblemPatchBody, 'version'>) => api.patch<ProblemDetail>(`${BASE}/${p.id}`, { ...body, version: p.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROOT }),
  });
}

/** confirm / dismiss through the problem's machine (POST /problems/:id/actions). */
export function useProblemAction(p: { id: string; version: number }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: 'confirm' | 'dismiss'; comment?: string }) =>
      api.post<ProblemDetail>(`${BASE}/${p.id}/actions`, { ...body, version: p.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROOT }),
  });
}

export function useConvertProblem(p: { id: string; version: number }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<ProblemConvertBody, 'version'>) => api.post<{ problem: ProblemDetail }>(`${BASE}/${p.id}/convert`, { ...body, version: p.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROOT }),
  });
}

/** toLetter: a draft recommendation letter prefilled from the joint analysis (POST /problems/:id/convert-to-letter). */
export function useProblemToLetter(p: { id: string; version: number }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<ProblemLetterBody, 'version' | 'type'> & { type?: ProblemLetterBody['type'] }) =>
      api.post<{ problem: ProblemDetail; letter: { id: string; title: string } }>(`${BASE}/${p.id}/convert-to-letter`, { ...body, version: p.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROOT }),
  });
}

/** toCampaign: a planned 专项整治 led by the 党风政风监督室 (POST /problems/:id/convert-to-campaign). */
export function useProblemToCampaign(p: { id: string; version: number }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<ProblemCampaignBody, 'version'>) =>
      api.post<{ problem: ProblemDetail; campaign: { id: string; name: string } }>(`${BASE}/${p.id}/convert-to-campaign`, { ...body, version: p.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROOT }),
  });
}
