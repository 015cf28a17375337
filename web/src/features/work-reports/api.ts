import type {
  ReportActionBody,
  ReportCreateBody,
  ReportDetail,
  ReportPage,
  ReportPatchBody,
  ReportQuery,
  ScheduleBody,
  SlotPage,
  SlotQuery,
} from '@liandong/domain/work-reports/contracts';
import type { Cadence, ReporterKind } from '@liandong/domain/work-reports/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';

/** Shapes of slots and reports come from the shared contracts (domain/src/work-reports/contracts.ts). */
export type { ReportDetail, ReportSummary, Slot, Stats } from '@liandong/domain/work-reports/contracts';

const ROOT = ['work-reports'] as const;
const SLOTS = '/api/v1/report-slots';
const REPORTS = '/api/v1/work-reports';

export type SlotFilters = Partial<SlotQuery> & { page: number; pageSize: number };

export const exportUrls = {
  calendar: (f: SlotFilters) => `${SLOTS}/export.xlsx${toQueryString({ ...f, page: undefined, pageSize: undefined } as QueryParams)}`,
};

export function useSlots(f: SlotFilters) {
  return useQuery({
    queryKey: [...ROOT, 'slots', f],
    queryFn: ({ signal }) => api.get<SlotPage>(SLOTS, f as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReporters(enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'reporters'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; name: string; kind: ReporterKind; cadence: Cadence | null }[] }>(`${SLOTS}/reporters`, undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<ReportDetail>(`${REPORTS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Reports of a query (e.g. `linkable` ones of a reporter org for a 常委会 agenda item). */
export function useReports(q: Partial<ReportQuery>, enabled = true) {
  return useQuery({
    queryKey: [...ROOT, 'list', q],
    queryFn: ({ signal }) => api.get<ReportPage>(REPORTS, q as QueryParams, signal),
    enabled,
  });
}

/** Any change may move the calendar's lights and the report: refresh the area. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ROOT });
}

export function useSetSchedule() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: ScheduleBody) => api.post<{ created: number; slots: number }>(`${SLOTS}/schedules`, b), onSuccess: invalidate });
}

export function useCreateReport() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: ReportCreateBody) => api.post<ReportDetail>(REPORTS, b), onSuccess: invalidate });
}

export function useUpdateReport(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: ReportPatchBody) => api.patch<ReportDetail>(`${REPORTS}/${id}`, b), onSuccess: invalidate });
}

export function useReportAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: ReportActionBody) => api.post<{ to: string }>(`${REPORTS}/${id}/actions`, b), onSuccess: invalidate });
}
