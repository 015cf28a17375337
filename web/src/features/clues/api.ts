import type {
  ClueActionBody,
  ClueCreateBody,
  ClueCreated,
  ClueDecisionBody,
  ClueDetail,
  ClueInquiry,
  ClueList,
  ClueMeeting,
  ClueMeetingCreateBody,
  ClueMeetingList,
  ClueOverdue,
  ClueRequest,
  ClueRequestBody,
  ClueRequestList,
  ClueVerification,
  CluePatchBody,
  Complainant,
  InquiryPatchBody,
  RelatedClues,
  TeamMemberBody,
  VerificationPatchBody,
} from '@liandong/domain/clues/contracts';
import type { ClueSource, OverdueKind } from '@liandong/domain/clues/enums';
import type { ClueState } from '@liandong/domain/clues/machine';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Shapes of the clue area come from the shared contracts (domain/src/clues/contracts.ts). */
export type {
  ClueAbilities,
  ClueApproval,
  ClueDetail,
  ClueEvent,
  ClueInquiry,
  ClueListItem,
  ClueMeeting,
  ClueMeetingSummary,
  ClueOverdue,
  ClueOverdueItem,
  ClueRequest,
  ClueRequestAction,
  ClueDirectAction,
  ClueTeamMember,
  ClueVerification,
  Complainant,
  RelatedClues,
  VerificationReport,
} from '@liandong/domain/clues/contracts';

const ROOT = ['clues'] as const;
const BASE = '/api/v1/clues';

/** Ledger filters (GET /api/v1/clues); state and source may repeat. */
export interface ClueFilters {
  q?: string;
  state?: ClueState[];
  source?: ClueSource[];
  undertakingOrgId?: string;
  overdue?: OverdueKind;
  year?: number;
  /** 所属专项整治 */
  campaignId?: string;
  /** 典型问题类型 codes (any of them) */
  typology?: string[];
  /** 行业领域 (SECTOR code; the cockpit's links) */
  sector?: string;
  /** Count every row (the total is otherwise capped at 1,000: 超过 1,000 条 · 精确计数). */
  exactTotal?: boolean;
  page: number;
  pageSize: number;
}

/** `?a=1&b=x&b=y`: repeated keys for arrays, empty values left out. */
export function toSearch(params: object): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const one of v) s.append(k, String(one));
    else if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  }
  const str = s.toString();
  return str ? `?${str}` : '';
}

export const exportUrls = {
  ledger: (f: Omit<ClueFilters, 'page' | 'pageSize'>) => `${BASE}/export.xlsx${toSearch(f)}`,
};

export function useClues(filters: ClueFilters) {
  return useQuery({
    queryKey: [...ROOT, 'ledger', filters],
    queryFn: ({ signal }) => api.get<ClueList>(`${BASE}${toSearch(filters)}`, undefined, signal),
    placeholderData: keepPreviousData,
  });
}

/** Clue picker search (merge target, meeting items): a short page of the ledger. */
export function useClueSearch(q: string, state?: ClueState[]) {
  return useQuery({
    queryKey: [...ROOT, 'search', q, state],
    queryFn: ({ signal }) => api.get<ClueList>(`${BASE}${toSearch({ q: q || undefined, state, pageSize: 20 })}`, undefined, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export function useClue(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<ClueDetail>(`${BASE}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useRelated(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'related', id],
    queryFn: ({ signal }) => api.get<RelatedClues>(`${BASE}/${encodeURIComponent(id ?? '')}/related`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** 举报人: read on demand only (the server audits every read); never cached beyond the screen. */
export function useReadComplainant(id: string) {
  return useMutation({ mutationFn: () => api.get<Complainant>(`${BASE}/${encodeURIComponent(id)}/complainant`) });
}

export function useOverdue() {
  return useQuery({
    queryKey: [...ROOT, 'overdue'],
    queryFn: ({ signal }) => api.get<ClueOverdue>(`${BASE}/overdue`, undefined, signal),
  });
}

export function useClueRequests(mine: boolean, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...ROOT, 'requests', mine, page, pageSize],
    queryFn: ({ signal }) => api.get<ClueRequestList>('/api/v1/clue-requests', { mine: mine ? 'true' : 'false', page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeetings(year: number | undefined, page: number, pageSize: number, campaignId?: string) {
  return useQuery({
    queryKey: [...ROOT, 'meetings', year, page, pageSize, campaignId],
    queryFn: ({ signal }) => api.get<ClueMeetingList>('/api/v1/clue-meetings', { year, page, pageSize, campaignId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string | null) {
  return useQuery({
    queryKey: [...ROOT, 'meeting', id],
    queryFn: ({ signal }) => api.get<ClueMeeting>(`/api/v1/clue-meetings/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** A person who may be named on a 核查组 or at a meeting (GET /api/v1/clue-staff). */
export interface StaffOption {
  id: string;
  name: string;
  orgName: string | null;
}

export function useStaff(q: string) {
  return useQuery({
    queryKey: [...ROOT, 'staff', q],
    queryFn: ({ signal }) => api.get<{ items: StaffOption[] }>(STAFF_URL, { q: q || undefined, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
export const STAFF_URL = '/api/v1/clue-staff';

/** Any change to a clue can move the ledger, the inbox of approvals and the overdue board: refresh the area. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ROOT });
}

export function useCreateClue() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ClueCreateBody) => api.post<ClueCreated>(BASE, body), onSuccess: invalidate });
}

/** 修改受理信息 (PATCH /api/v1/clues/:id) with the version the screen read. */
export function useUpdateClue(clue: Pick<ClueDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Omit<CluePatchBody, 'version'>) => api.patch<ClueDetail>(`${BASE}/${clue.id}`, { ...body, version: clue.version }),
    onSuccess: invalidate,
  });
}

type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;
export type ActionInput = WithoutVersion<ClueActionBody>;
export type RequestInput = WithoutVersion<ClueRequestBody>;

export function useClueAction(clue: Pick<ClueDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ActionInput) => api.post<ClueDetail>(`${BASE}/${clue.id}/actions`, { ...body, version: clue.version }),
    onSuccess: invalidate,
  });
}

export function useClueRequest(clue: Pick<ClueDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: RequestInput) => api.post<ClueRequest>(`${BASE}/${clue.id}/requests`, { ...body, version: clue.version }),
    onSuccess: invalidate,
  });
}

export function useDecide() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: ClueDecisionBody & { id: string }) => api.post<ClueRequest>(`/api/v1/clue-requests/${id}/decisions`, body),
    onSettled: invalidate,
  });
}

export function useUpdateInquiry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: InquiryPatchBody & { id: string }) => api.patch<ClueInquiry>(`/api/v1/clue-inquiries/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateVerification() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: VerificationPatchBody & { id: string }) => api.patch<ClueVerification>(`/api/v1/clue-verifications/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useAddTeamMember(verificationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TeamMemberBody) => api.post<ClueVerification>(`/api/v1/clue-verifications/${verificationId}/team`, body),
    onSuccess: invalidate,
  });
}

export function useRemoveTeamMember(verificationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (userId: string) => api.delete<ClueVerification>(`/api/v1/clue-verifications/${verificationId}/team/${userId}`),
    onSuccess: invalidate,
  });
}

export function useSignReport(verificationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<ClueVerification>(`/api/v1/clue-verifications/${verificationId}/sign`, {}),
    onSuccess: invalidate,
  });
}

export function useCreateMeeting() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ClueMeetingCreateBody) => api.post<ClueMeeting>('/api/v1/clue-meetings', body), onSuccess: invalidate });
}
