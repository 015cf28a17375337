import type {
  CampaignBulletinDraftResult,
  CampaignBulletinList,
  CampaignKpis,
  CampaignLinks,
  CampaignRule,
  CampaignRuleCreateBody,
  CampaignRuleList,
  KpiSeries,
} from '@liandong/domain/campaigns/contracts-kpis';
import type { BulletinDetail, BulletinUpdateBody } from '@liandong/domain/reform/contracts-letters';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

/** Shapes of the cockpit come from the shared contracts (domain/src/campaigns/contracts-kpis.ts). */
export type { CampaignBulletinList, CampaignKpis, CampaignLinks, CampaignRule, KpiGroup, KpiSeries } from '@liandong/domain/campaigns/contracts-kpis';
export type { BulletinDetail } from '@liandong/domain/reform/contracts-letters';

const ROOT = ['campaign-cockpit'] as const;
const base = (id: string) => `/api/v1/campaigns/${id}`;
const noRetryOn404 = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

/** 成效指标: computed by the server from the linked records. */
export function useKpis(id: string) {
  return useQuery({
    queryKey: [...ROOT, id, 'kpis'],
    queryFn: ({ signal }) => api.get<CampaignKpis>(`${base(id)}/kpis`, undefined, signal),
    retry: noRetryOn404,
  });
}

/** The figures per month ('YYYY-MM'; both optional: the server defaults to the campaign's months). */
export function useKpiSeries(id: string, from?: string, to?: string) {
  return useQuery({
    queryKey: [...ROOT, id, 'series', from ?? '', to ?? ''],
    queryFn: ({ signal }) => api.get<KpiSeries>(`${base(id)}/kpis/series`, { from, to }, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOn404,
  });
}

/** Linked clues, cases and tasks the user may open. */
export function useLinks(id: string) {
  return useQuery({
    queryKey: [...ROOT, id, 'links'],
    queryFn: ({ signal }) => api.get<CampaignLinks>(`${base(id)}/links`, undefined, signal),
    retry: noRetryOn404,
  });
}

export function useRules(id: string) {
  return useQuery({
    queryKey: [...ROOT, id, 'rules'],
    queryFn: ({ signal }) => api.get<CampaignRuleList>(`${base(id)}/rules`, undefined, signal),
    retry: noRetryOn404,
  });
}

export function useCampaignBulletins(id: string) {
  return useQuery({
    queryKey: [...ROOT, id, 'bulletins'],
    queryFn: ({ signal }) => api.get<CampaignBulletinList>(`${base(id)}/bulletins`, undefined, signal),
    retry: noRetryOn404,
  });
}

/** One bulletin (for the draft editor: body, version, abilities). */
export function useBulletin(bulletinId: string | null) {
  return useQuery({
    queryKey: [...ROOT, 'bulletin', bulletinId],
    queryFn: ({ signal }) => api.get<BulletinDetail>(`/api/v1/bulletins/${bulletinId}`, undefined, signal),
    enabled: bulletinId !== null,
  });
}

function useInvalidate(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [...ROOT, id] });
}

export function useAddRule(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: (body: CampaignRuleCreateBody) => api.post<CampaignRule>(`${base(id)}/rules`, body), onSuccess: invalidate });
}

/**
 * The rule's text, uploaded as a file of the campaign (visible where the campaign is) before the entry
 * cites it: the register accepts only a file the caller uploaded.
 */
export function useUploadRuleDocument(id: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('ownerType', 'campaign');
      form.append('ownerId', id);
      form.append('file', file);
      return api.upload<{ id: string; filename: string }>('/api/v1/attachments', form);
    },
  });
}

export function useRemoveRule(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (r: { id: string; version: number }) => api.delete<{ ok: true }>(`${base(id)}/rules/${r.id}?version=${r.version}`),
    onSuccess: invalidate,
  });
}

/** 生成本期通报: the job's code path, once per period. */
export function useDraftBulletin(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: () => api.post<CampaignBulletinDraftResult>(`${base(id)}/bulletins/draft`), onSuccess: invalidate });
}

export function useUpdateBulletin(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ bulletinId, body }: { bulletinId: string; body: BulletinUpdateBody }) => api.patch<BulletinDetail>(`/api/v1/bulletins/${bulletinId}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ROOT] }).then(() => qc.invalidateQueries({ queryKey: [...ROOT, id] })),
  });
}

export const exportKpis = (id: string) => downloadFile(`${base(id)}/kpis/export.xlsx`, '专项整治成效指标.xlsx');
export const exportRules = (id: string) => downloadFile(`${base(id)}/rules/export.xlsx`, '建章立制台账.xlsx');
