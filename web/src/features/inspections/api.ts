import type {
  Finding,
  FindingCreateBody,
  FindingHandOverBody,
  FindingPatchBody,
  InspectionActionBody,
  InspectionDetail,
  InspectionKpis,
  InspectionPlanBody,
  InspectionSummary,
} from '@liandong/domain/inspections/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/inspections/contracts.ts). */
export type { Finding, InspectionDetail, InspectionKpis, InspectionSummary };

const base = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}/inspections`;
export const exportUrl = (campaignId: string) => `${base(campaignId)}/export.xlsx`;
export const photoUrl = (attachmentId: string) => `/api/v1/attachments/${encodeURIComponent(attachmentId)}/content`;

/** A campaign's checks the caller may see (a secret plan is simply absent). */
export function useInspections(campaignId: string) {
  return useQuery({
    queryKey: ['inspections', campaignId],
    queryFn: ({ signal }) => api.get<{ items: InspectionSummary[]; total: number; abilities: { plan: boolean } }>(base(campaignId), undefined, signal),
  });
}

export function useInspectionKpis(campaignId: string) {
  return useQuery({
    queryKey: ['inspections', campaignId, 'kpis'],
    queryFn: ({ signal }) => api.get<InspectionKpis>(`${base(campaignId)}/kpis`, undefined, signal),
  });
}

export function useInspection(id: string | null) {
  return useQuery({
    queryKey: ['inspection', id],
    enabled: !!id,
    queryFn: ({ signal }) => api.get<InspectionDetail>(`/api/v1/inspections/${encodeURIComponent(id ?? '')}`, undefined, signal),
  });
}

/** People who may be put on a team (GET /api/v1/inspection-staff). */
export function useInspectionStaff(q: string) {
  return useQuery({
    queryKey: ['inspection-staff', q],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; orgName: string }[] }>('/api/v1/inspection-staff', { q }, signal),
    staleTime: 60_000,
  });
}

/** After any change: the list, the KPIs and the open check are read again. */
function useRefresh(campaignId: string) {
  const qc = useQueryClient();
  return (detail?: InspectionDetail) => {
    void qc.invalidateQueries({ queryKey: ['inspections', campaignId] });
    if (detail) qc.setQueryData(['inspection', detail.id], detail);
  };
}

export function usePlanInspection(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({ mutationFn: (b: InspectionPlanBody) => api.post<{ id: string; version: number }>(base(campaignId), b), onSuccess: () => refresh() });
}

export function useInspectionAction(campaignId: string, id: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({
    mutationFn: (b: InspectionActionBody) => api.post<InspectionDetail>(`/api/v1/inspections/${encodeURIComponent(id)}/actions`, b),
    onSuccess: refresh,
  });
}

export function useAddFinding(campaignId: string, id: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({
    mutationFn: (b: FindingCreateBody) => api.post<InspectionDetail>(`/api/v1/inspections/${encodeURIComponent(id)}/findings`, b),
    onSuccess: refresh,
  });
}

export function usePatchFinding(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({
    mutationFn: ({ id, ...b }: FindingPatchBody & { id: string }) => api.patch<InspectionDetail>(`/api/v1/inspection-findings/${encodeURIComponent(id)}`, b),
    onSuccess: refresh,
  });
}

export function useDeleteFinding(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<InspectionDetail>(`/api/v1/inspection-findings/${encodeURIComponent(id)}?version=${version}`),
    onSuccess: refresh,
  });
}

export function useUploadPhoto(campaignId: string, inspectionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ findingId, file }: { findingId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<{ id: string }>(`/api/v1/inspection-findings/${encodeURIComponent(findingId)}/photos`, form);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inspection', inspectionId] });
      void qc.invalidateQueries({ queryKey: ['inspections', campaignId] });
    },
  });
}

export function useHandOver(campaignId: string, inspectionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FindingHandOverBody }) =>
      api.post<{ type: string; id: string; finding: Finding }>(`/api/v1/inspection-findings/${encodeURIComponent(id)}/hand-over`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inspection', inspectionId] });
      void qc.invalidateQueries({ queryKey: ['inspections', campaignId] });
    },
  });
}
