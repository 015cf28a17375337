import type {
  CampaignActionBody,
  CampaignCreateBody,
  CampaignDetail,
  CampaignPage,
  CampaignPatchBody,
  ParticipantPutBody,
} from '@liandong/domain/campaigns/contracts';
import type { CampaignDomain, CampaignState } from '@liandong/domain/campaigns/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/campaigns/contracts.ts). */
export type { CampaignDetail, CampaignParticipant, CampaignSummary } from '@liandong/domain/campaigns/contracts';

export interface CampaignFilters {
  q?: string;
  year?: number;
  domain?: CampaignDomain;
  state?: CampaignState;
  /** The lead org and 进行中 only (the cockpit's links). */
  leadOrgId?: string;
  active?: boolean;
  page: number;
  pageSize: number;
}

/** An action without the version (the hook adds the version the screen read). */
export type CampaignActionInput = CampaignActionBody extends infer B ? (B extends { version: number } ? Omit<B, 'version'> : never) : never;

export interface BasisDocument {
  id: string;
  filename: string;
  sizeBytes: number;
  createdAt: string;
  createdByName: string | null;
}

const ROOT = ['campaigns'] as const;
const BASE = '/api/v1/campaigns';
const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export const exportUrl = (f: CampaignFilters) => `${BASE}/export.xlsx${toQueryString({ ...f, page: undefined, pageSize: undefined })}`;

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ROOT });
}

export function useCampaigns(filters: CampaignFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: ({ signal }) => api.get<CampaignPage>(BASE, { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<CampaignDetail>(`${BASE}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

export function useCreateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CampaignCreateBody) => api.post<CampaignDetail>(BASE, body),
    onSuccess: invalidate,
  });
}

export function usePatchCampaign(c: Pick<CampaignDetail, 'id' | 'version'> | undefined) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Omit<CampaignPatchBody, 'version'>) => api.patch<CampaignDetail>(`${BASE}/${c?.id}`, { ...body, version: c?.version }),
    onSuccess: invalidate,
  });
}

export function usePutParticipant(c: Pick<CampaignDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ orgId, ...body }: Omit<ParticipantPutBody, 'version'> & { orgId: string }) =>
      api.put<CampaignDetail>(`${BASE}/${c.id}/participants/${orgId}`, { ...body, version: c.version }),
    onSuccess: invalidate,
  });
}

export function useRemoveParticipant(c: Pick<CampaignDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (orgId: string) => api.delete<CampaignDetail>(`${BASE}/${c.id}/participants/${orgId}?version=${c.version}`),
    onSuccess: invalidate,
  });
}

export function useCampaignAction(c: Pick<CampaignDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CampaignActionInput) => api.post<CampaignDetail>(`${BASE}/${c.id}/actions`, { ...body, version: c.version }),
    onSuccess: invalidate,
  });
}

/** 依据文件: the campaign's attachments (visible where the campaign is). */
export function useBasisDocuments(campaignId: string) {
  return useQuery({
    queryKey: [...ROOT, 'basis', campaignId],
    queryFn: ({ signal }) => api.get<{ items: BasisDocument[] }>('/api/v1/attachments', { ownerType: 'campaign', ownerId: campaignId }, signal),
  });
}

export function useUploadBasis(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('ownerType', 'campaign');
      form.append('ownerId', campaignId);
      form.append('file', file);
      return api.upload<{ id: string; filename: string }>('/api/v1/attachments', form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...ROOT, 'basis', campaignId] }),
  });
}
