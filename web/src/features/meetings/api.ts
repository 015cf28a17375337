import type {
  Calendar,
  DecisionActionBody,
  DecisionCreateBody,
  DecisionDetail,
  DecisionPage,
  DecisionQuery,
  MeetingActionBody,
  MeetingCreateBody,
  MeetingDetail,
  MeetingPage,
  MeetingPatchBody,
  MeetingQuery,
  MeetingStaff,
} from '@liandong/domain/meetings/contracts';
import type { ReportPage } from '@liandong/domain/work-reports/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';

/** Shapes of meetings and decisions come from the shared contracts (domain/src/meetings/contracts.ts). */
export type { CalendarEntry, Decision, DecisionDetail, MeetingDetail, MeetingSummary } from '@liandong/domain/meetings/contracts';

const ROOT = ['meetings'] as const;
const BASE = '/api/v1/meetings';
const DECISIONS = '/api/v1/meeting-decisions';

export type MeetingFilters = Partial<MeetingQuery> & { page: number; pageSize: number };
export type DecisionFilters = Partial<DecisionQuery> & { page: number; pageSize: number };

export const exportUrls = {
  meetings: (f: MeetingFilters) => `${BASE}/export.xlsx${toQueryString({ ...f, page: undefined, pageSize: undefined } as QueryParams)}`,
  decisions: (f: DecisionFilters) => `${DECISIONS}/export.xlsx${toQueryString({ ...f, page: undefined, pageSize: undefined } as QueryParams)}`,
  minutes: (id: string) => `${BASE}/${encodeURIComponent(id)}/minutes.docx`,
};

export function useCalendar(month: string) {
  return useQuery({
    queryKey: [...ROOT, 'calendar', month],
    queryFn: ({ signal }) => api.get<Calendar>(`${BASE}/calendar`, { month }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeetings(f: MeetingFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', f],
    queryFn: ({ signal }) => api.get<MeetingPage>(BASE, f as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<MeetingDetail>(`${BASE}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useMeetingStaff(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'staff', q],
    queryFn: ({ signal }) => api.get<MeetingStaff>(`${BASE}/staff`, { q: q || undefined }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export function useDecisions(f: DecisionFilters) {
  return useQuery({
    queryKey: [...ROOT, 'decisions', f],
    queryFn: ({ signal }) => api.get<DecisionPage>(DECISIONS, f as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDecision(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'decision', id],
    queryFn: ({ signal }) => api.get<DecisionDetail>(`${DECISIONS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Work reports a 常委会's 听取汇报 item may link: submitted by the reporter org, on no other live agenda. */
export function useLinkableReports(orgId: string | undefined) {
  return useQuery({
    queryKey: ['work-reports', 'list', { linkable: 'true', reporterOrgId: orgId }],
    queryFn: ({ signal }) => api.get<ReportPage>('/api/v1/work-reports', { linkable: 'true', reporterOrgId: orgId, pageSize: 50 }, signal),
    enabled: Boolean(orgId),
  });
}

/** Any change may move the calendar, the ledger, the meeting and the board: refresh the area. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ROOT });
}

export function useCreateMeeting() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: MeetingCreateBody) => api.post<MeetingDetail>(BASE, b), onSuccess: invalidate });
}

export function useUpdateMeeting(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: MeetingPatchBody) => api.patch<MeetingDetail>(`${BASE}/${id}`, b), onSuccess: invalidate });
}

export function useMeetingAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: MeetingActionBody) => api.post<{ to: string }>(`${BASE}/${id}/actions`, b), onSuccess: invalidate });
}

export function useAddDecision(meetingId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: DecisionCreateBody) => api.post<DecisionDetail>(`${BASE}/${meetingId}/decisions`, b), onSuccess: invalidate });
}

export function useDecisionAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: DecisionActionBody) => api.post<{ to: string }>(`${DECISIONS}/${id}/actions`, b), onSuccess: invalidate });
}
