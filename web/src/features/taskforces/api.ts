import type {
  MyTaskForces,
  TaskForceCandidates,
  TaskForceCreateBody,
  TaskForceMemberAddBody,
  TaskForceMemberEndBody,
  TaskForcePatchBody,
  TaskForceView,
} from '@liandong/domain/taskforces/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/taskforces/contracts.ts). */
export type { MyTaskForces, TaskForce, TaskForceCandidates, TaskForceMember, TaskForceView } from '@liandong/domain/taskforces/contracts';

const ROOT = ['taskforces'] as const;
const path = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}/task-force`;

/** A campaign's 专班 (null until formed) with what the caller may do; 404 when the campaign is not visible. */
export function useTaskForce(campaignId: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'campaign', campaignId],
    queryFn: ({ signal }) => api.get<TaskForceView>(path(campaignId ?? ''), undefined, signal),
    enabled: Boolean(campaignId),
    retry: false,
  });
}

function useSetView(campaignId: string) {
  const queryClient = useQueryClient();
  return (view: TaskForceView) => {
    queryClient.setQueryData([...ROOT, 'campaign', campaignId], view);
    void queryClient.invalidateQueries({ queryKey: [...ROOT, 'mine'] });
    // The campaign's abilities depend on its 专班 (转入自查自纠 needs the two co-leaders): refresh its page too.
    void queryClient.invalidateQueries({ queryKey: ['campaigns', 'detail', campaignId] });
  };
}

export function useCreateTaskForce(campaignId: string) {
  const onSuccess = useSetView(campaignId);
  return useMutation({ mutationFn: (body: TaskForceCreateBody) => api.post<TaskForceView>(path(campaignId), body), onSuccess });
}

export function usePatchTaskForce(campaignId: string) {
  const onSuccess = useSetView(campaignId);
  return useMutation({ mutationFn: (body: TaskForcePatchBody) => api.patch<TaskForceView>(path(campaignId), body), onSuccess });
}

export function useAddMember(campaignId: string) {
  const onSuccess = useSetView(campaignId);
  return useMutation({ mutationFn: (body: TaskForceMemberAddBody) => api.post<TaskForceView>(`${path(campaignId)}/members`, body), onSuccess });
}

export function useEndMember(campaignId: string) {
  const onSuccess = useSetView(campaignId);
  return useMutation({
    mutationFn: ({ memberId, ...body }: TaskForceMemberEndBody & { memberId: string }) =>
      api.post<TaskForceView>(`${path(campaignId)}/members/${encodeURIComponent(memberId)}/end`, body),
    onSuccess,
  });
}

/** 我的专班: the caller's memberships, current first. */
export function useMyTaskForces() {
  return useQuery({ queryKey: [...ROOT, 'mine'], queryFn: ({ signal }) => api.get<MyTaskForces>('/api/v1/task-forces/mine', undefined, signal) });
}

/** Staff for the pickers, filtered by name, account, org or post. */
export function useCandidates(q: string) {
  return useQuery({
    queryKey: [...ROOT, 'candidates', q],
    queryFn: ({ signal }) => api.get<TaskForceCandidates>('/api/v1/task-forces/candidates', { q: q || undefined, pageSize: 30 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The 专班 roster as Excel (watermarked with the exporter, audited by the server). */
export const exportRoster = (campaignId: string) => downloadFile(`${path(campaignId)}/export.xlsx`, '专班成员名册.xlsx');
