import type {
  CaseActionBody,
  CaseDetail,
  CaseList,
  CaseOverdueKind,
  CasePatchBody,
  CaseStage,
  InterferenceCreateBody,
  InterferenceList,
  InterferenceRecord,
  Measure,
  MeasureCreateBody,
  MeasurePatchBody,
  TeamCandidate,
  TeamMember,
  TeamMemberBody,
} from '@liandong/domain/cases/contracts';
import type { CaseTeam } from '@liandong/domain/cases/enums';
import type { CaseState } from '@liandong/domain/cases/machine';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';

/** Shapes of the case area come from the shared contracts (domain/src/cases/contracts.ts). */
export type {
  CaseAbilities,
  CaseDeadlines,
  CaseDetail,
  CaseEvent,
  CaseListItem,
  InterferenceRecord,
  Measure,
  Outcome,
  OutcomeInput,
  Supplement,
  TeamMember,
} from '@liandong/domain/cases/contracts';

/** Filters of the ledger (案件台账); `state` may hold several states (comma-joined in the address). */
export interface CaseFilters {
  q?: string;
  state?: CaseState[];
  stage?: CaseStage;
  leadOrgId?: string;
  overdue?: CaseOverdueKind;
  year?: number;
  /** 行业领域 (SECTOR code; the cockpit's links) */
  sector?: string;
  page: number;
  pageSize: number;
  sort?: string;
  /** Count every row (the total is otherwise capped at 1,000: 超过 1,000 条 · 精确计数). */
  exactTotal?: boolean;
}

export interface InterferenceFilters {
  kind?: string;
  caseId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** A case action without the version (the hook adds the version the screen read). */
export type CaseActionInput = CaseActionBody extends infer B ? (B extends { version: number } ? Omit<B, 'version'> : never) : never;
export type MeasurePatchInput = MeasurePatchBody extends infer B ? (B extends { version: number } ? Omit<B, 'version'> : never) : never;

const ROOT = ['cases'] as const;
const BASE = '/api/v1/cases';

function toParams(f: Omit<CaseFilters, 'page' | 'pageSize'> & { page?: number; pageSize?: number }): QueryParams {
  return {
    q: f.q,
    state: f.state?.length ? f.state.join(',') : undefined,
    stage: f.stage,
    leadOrgId: f.leadOrgId,
    overdue: f.overdue,
    year: f.year,
    sector: f.sector,
    page: f.page,
    pageSize: f.pageSize,
    sort: f.sort,
    exactTotal: f.exactTotal ? 'true' : undefined,
  };
}

export const exportUrls = {
  ledger: (f: CaseFilters) => `${BASE}/export.xlsx${toQueryString(toParams({ ...f, page: undefined, pageSize: undefined }))}`,
};

export function useCases(filters: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: ({ signal }) => api.get<CaseList>(BASE, toParams(filters), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<CaseDetail>(`${BASE}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: (count, err) => !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2,
  });
}

/** Any change to a case can move the ledger, deadlines, the trial list and the dashboard: refresh the area. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ROOT }), queryClient.invalidateQueries({ queryKey: ['casework'] })]);
}

export function useCaseAction(c: Pick<CaseDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CaseActionInput) => api.post<CaseDetail>(`${BASE}/${c.id}/actions`, { ...body, version: c.version }),
    onSuccess: invalidate,
  });
}

export function usePatchCase(c: Pick<CaseDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Omit<CasePatchBody, 'version'>) => api.patch<CaseDetail>(`${BASE}/${c.id}`, { ...body, version: c.version }),
    onSuccess: invalidate,
  });
}

export function useTrialExtension(c: Pick<CaseDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (comment: string | undefined) => api.post<CaseDetail>(`${BASE}/${c.id}/trial-extension`, { version: c.version, comment: comment || undefined }),
    onSuccess: invalidate,
  });
}

/** Accounts that may join a team (eligible roles; the other team's members already excluded), searched by name or org. */
export function useTeamCandidates(caseId: string, team: CaseTeam, q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'detail', caseId, 'candidates', team, q],
    queryFn: ({ signal }) => api.get<{ items: TeamCandidate[] }>(`${BASE}/${encodeURIComponent(caseId)}/team-candidates`, { team, q: q || undefined }, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useAddTeamMember(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TeamMemberBody) => api.post<TeamMember>(`${BASE}/${caseId}/team`, body),
    onSuccess: invalidate,
  });
}

export function useRemoveTeamMember(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (memberId: string) => api.delete<unknown>(`${BASE}/${caseId}/team/${memberId}`),
    onSuccess: invalidate,
  });
}

export function useAddMeasure(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: MeasureCreateBody) => api.post<Measure>(`${BASE}/${caseId}/measures`, body),
    onSuccess: invalidate,
  });
}

export function usePatchMeasure() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ measure, body }: { measure: Pick<Measure, 'id' | 'version'>; body: MeasurePatchInput }) =>
      api.patch<Measure>(`/api/v1/case-measures/${measure.id}`, { ...body, version: measure.version }),
    onSuccess: invalidate,
  });
}

// ---------------------------------------------------------------- 打听案情、说情干预登记

const INTERFERENCE = '/api/v1/interference-records';

export function useInterferenceRecords(filters: InterferenceFilters) {
  return useQuery({
    queryKey: [...ROOT, 'interference', filters],
    queryFn: ({ signal }) => api.get<InterferenceList>(INTERFERENCE, { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInterference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InterferenceCreateBody) => api.post<InterferenceRecord>(INTERFERENCE, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...ROOT, 'interference'] }),
  });
}
