import type {
  AnswerBody,
  Matrix,
  Overview,
  PortalRound,
  ResponseActionBody,
  ResponseList,
  Round,
  RoundBody,
  SelfResponse,
  TargetUnit,
  TemplateBody,
  UnitImportResult,
} from '@liandong/domain/self-inspection/contracts';
import type { SelfLight } from '@liandong/domain/self-inspection/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type {
  Aspect,
  Matrix,
  MatrixRow,
  Overview,
  PortalRound,
  Round,
  SelfResponse,
  TargetUnit,
  UnitImportResult,
} from '@liandong/domain/self-inspection/contracts';

const ROOT = ['self-inspection'] as const;
const base = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}/self-inspection`;
const RESPONSES = '/api/v1/self-inspection/responses';

/** Export URLs (downloaded with the shared ExportButton). */
export const exportUrls = (campaignId: string, roundId?: string) => ({
  matrix: `${base(campaignId)}/matrix.xlsx${roundId ? `?roundId=${roundId}` : ''}`,
  responses: `${base(campaignId)}/responses.xlsx`,
  unitTemplate: `${base(campaignId)}/units/import-template.xlsx`,
});

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ROOT });
}

export function useOverview(campaignId: string) {
  return useQuery({ queryKey: [...ROOT, 'overview', campaignId], queryFn: ({ signal }) => api.get<Overview>(base(campaignId), undefined, signal) });
}

export function useUnits(campaignId: string) {
  return useQuery({
    queryKey: [...ROOT, 'units', campaignId],
    queryFn: ({ signal }) => api.get<{ items: TargetUnit[] }>(`${base(campaignId)}/units`, undefined, signal),
  });
}

export function useMatrix(campaignId: string, q: { roundId?: string; light?: SelfLight; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ROOT, 'matrix', campaignId, q],
    queryFn: ({ signal }) => api.get<Matrix>(`${base(campaignId)}/matrix`, q, signal),
    placeholderData: keepPreviousData,
  });
}

/** A round's answers, of one unit when `unitId` is given (the drill-down, the portal form). */
export function useResponses(roundId: string | undefined, unitId?: string) {
  return useQuery({
    queryKey: [...ROOT, 'responses', roundId, unitId ?? ''],
    queryFn: ({ signal }) => api.get<ResponseList>(RESPONSES, { roundId, unitId }, signal),
    enabled: Boolean(roundId),
  });
}

export function usePortalRounds() {
  return useQuery({
    queryKey: [...ROOT, 'portal'],
    queryFn: ({ signal }) => api.get<{ items: PortalRound[] }>('/api/v1/portal/self-inspection', undefined, signal),
  });
}

export function useSaveTemplate(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: TemplateBody) => api.put<Overview>(`${base(campaignId)}/template`, body), onSuccess: invalidate });
}

export function useSendRound(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: RoundBody) => api.post<Round>(`${base(campaignId)}/rounds`, body), onSuccess: invalidate });
}

export function useAddUnits(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (orgIds: string[]) => api.post<{ items: TargetUnit[] }>(`${base(campaignId)}/units`, { orgIds }), onSuccess: invalidate });
}

export function useImportUnits(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<UnitImportResult>(`${base(campaignId)}/units/import`, form, { dryRun });
    },
    onSuccess: invalidate,
  });
}

export function useResponseAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResponseActionBody }) => api.post<SelfResponse>(`${RESPONSES}/${id}/actions`, body),
    onSuccess: invalidate,
  });
}

/** Uploads new evidence files to the answer first (POST /attachments), then saves the answer citing them. */
export function useSaveAnswer() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ response, body, files = [] }: { response: SelfResponse; body: Omit<AnswerBody, 'version' | 'evidenceIds'>; files?: File[] }) => {
      const evidenceIds = response.evidence.map((e) => e.id);
      for (const file of files) {
        const form = new FormData();
        form.append('ownerType', 'self_inspection_response');
        form.append('ownerId', response.id);
        form.append('file', file);
        evidenceIds.push((await api.upload<{ id: string }>('/api/v1/attachments', form)).id);
      }
      return api.put<SelfResponse>(`${RESPONSES}/${response.id}`, { ...body, evidenceIds, version: response.version });
    },
    onSuccess: invalidate,
  });
}
