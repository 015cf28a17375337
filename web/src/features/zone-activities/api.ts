import type {
  ZoneActivity,
  ZoneActivityCreateBody,
  ZoneActivityDetail,
  ZoneActivityPatchBody,
  ZoneActivityQuery,
  ZoneFinding,
  ZoneFindingBody,
} from '@liandong/domain/zone-activities/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../api/client';

/** Shapes of 片区协作活动 come from the shared contracts (domain/src/zone-activities/contracts.ts). */
export type { ZoneActivity, ZoneActivityDetail, ZoneFinding } from '@liandong/domain/zone-activities/contracts';
export type ZoneActivityInput = ZoneActivityCreateBody;

const ROOT = ['zone-activities'] as const;
const BASE = '/api/v1/zone-activities';

export function useZoneActivities(filters: ZoneActivityQuery) {
  return useQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: ({ signal }) => api.get<{ items: ZoneActivity[]; abilities: { create: boolean } }>(BASE, filters as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useZoneActivity(id: string | null) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<ZoneActivityDetail>(`${BASE}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ROOT });
}

export function useCreateZoneActivity() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ZoneActivityCreateBody) => api.post<ZoneActivity>(BASE, body), onSuccess: invalidate });
}

export function useUpdateZoneActivity() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: ZoneActivityPatchBody & { id: string }) => api.patch<ZoneActivity>(`${BASE}/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useAddZoneFinding(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ZoneFindingBody) => api.post<ZoneFinding>(`${BASE}/${id}/findings`, body), onSuccess: invalidate });
}
