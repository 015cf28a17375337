import type {
  BulletinCreateBody,
  BulletinDetail,
  BulletinList,
  LetterActionBody,
  LetterCreateBody,
  LetterDetail,
  LetterDraftingDefaults,
  LetterList,
  LetterOpinion,
  LetterOpinionBody,
  LetterPatchBody,
  ReformRecordDetail,
  TaskListItem,
} from '@liandong/domain/reform/contracts';
import type { BULLETIN_SCOPE_LABELS, BULLETIN_TYPE_LABELS, LetterType } from '@liandong/domain/reform/enums';
import type { LetterState } from '@liandong/domain/reform/machine';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';

/** Shapes of letters and bulletins come from the shared contracts (domain/src/reform/contracts-letters.ts). */
export type {
  BulletinDetail,
  BulletinListItem,
  LetterDetail,
  LetterEvent,
  LetterItem,
  LetterListItem,
  LetterOpinion,
  LetterReplyStatus,
  LetterTaskSummary,
} from '@liandong/domain/reform/contracts';

/** Filters of the 建议书台账 (kept in the address). */
export interface LetterFilters {
  q?: string;
  state?: LetterState[];
  type?: LetterType;
  recipientOrgId?: string;
  /** The drafting (issuing) department (the cockpit's links). */
  draftingOrgId?: string;
  year?: number;
  overdueReply?: boolean;
  sort?: string;
  /** 所属专项整治 */
  campaignId?: string;
  /** Count every row (the total was capped: 超过 N 条 · 精确计数). */
  exactTotal?: boolean;
  page: number;
  pageSize: number;
}

type BulletinType = keyof typeof BULLETIN_TYPE_LABELS;
type BulletinScope = keyof typeof BULLETIN_SCOPE_LABELS;

export interface BulletinFilters {
  q?: string;
  type?: BulletinType;
  scope?: BulletinScope;
  year?: number;
  /** 所属专项整治 */
  campaignId?: string;
  page: number;
  pageSize: number;
}

/** A letter action without the version (the hook adds the version the screen read). */
export type LetterActionInput = LetterActionBody extends infer B ? (B extends { version: number } ? Omit<B, 'version'> : never) : never;

const ROOT = ['letters'] as const;
export const LETTERS = '/api/v1/letters';
const BULLETINS = '/api/v1/bulletins';

function toParams(f: Omit<LetterFilters, 'page' | 'pageSize'> & { page?: number; pageSize?: number }): QueryParams {
  return {
    q: f.q,
    state: f.state?.length ? f.state.join(',') : undefined,
    type: f.type,
    recipientOrgId: f.recipientOrgId,
    draftingOrgId: f.draftingOrgId,
    year: f.year,
    overdueReply: f.overdueReply ? 'true' : undefined,
    campaignId: f.campaignId,
    sort: f.sort,
    page: f.page,
    pageSize: f.pageSize,
    exactTotal: f.exactTotal ? 'true' : undefined,
  };
}

export const letterUrls = {
  bulletinsExport: (f: BulletinFilters) => `${BULLETINS}/export.xlsx${toQueryString({ ...f, page: undefined, pageSize: undefined })}`,
  export: (f: LetterFilters) => `${LETTERS}/export.xlsx${toQueryString(toParams({ ...f, page: undefined, pageSize: undefined, exactTotal: undefined }))}`,
  docx: (id: string) => `${LETTERS}/${encodeURIComponent(id)}/document.docx`,
  pdf: (id: string) => `${LETTERS}/${encodeURIComponent(id)}/document.pdf`,
  /** The print copy (正式文本 without the watermark line). */
  printDocx: (id: string) => `${LETTERS}/${encodeURIComponent(id)}/document.docx?copy=print`,
  bulletinDocx: (id: string) => `${BULLETINS}/${encodeURIComponent(id)}/document.docx`,
};

const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export function useLetters(filters: LetterFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: ({ signal }) => api.get<LetterList>(LETTERS, toParams(filters), signal),
    placeholderData: keepPreviousData,
  });
}

/** The organs' formal short names, the 印发机关 and the period defaults of a new letter (commission settings). */
export function useLetterDraftingDefaults() {
  return useQuery({
    queryKey: [...ROOT, 'drafting-defaults'],
    queryFn: ({ signal }) => api.get<LetterDraftingDefaults>(`${LETTERS}/drafting-defaults`, undefined, signal),
    staleTime: 60_000,
    retry: noRetryOnDenied,
  });
}

export function useLetter(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<LetterDetail>(`${LETTERS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

/** A letter change moves the ledger, the record it came from and the rectification board. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([ROOT, ['reform'], ['portal']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useCreateLetter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: LetterCreateBody) => api.post<LetterDetail>(LETTERS, body),
    onSuccess: invalidate,
  });
}

export function usePatchLetter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ letter, body }: { letter: Pick<LetterDetail, 'id' | 'version'>; body: Omit<LetterPatchBody, 'version'> }) =>
      api.patch<LetterDetail>(`${LETTERS}/${letter.id}`, { ...body, version: letter.version }),
    onSuccess: invalidate,
  });
}

export function useLetterAction(letter: Pick<LetterDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: LetterActionInput) => api.post<LetterDetail>(`${LETTERS}/${letter.id}/actions`, { ...body, version: letter.version }),
    onSuccess: invalidate,
  });
}

export function useAddOpinion(letterId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: LetterOpinionBody) => api.post<LetterOpinion>(`${LETTERS}/${letterId}/opinions`, body),
    onSuccess: invalidate,
  });
}

/** The 以案促改 record a letter is drafted from (prefills the editor: unit, problems, root causes). */
export function useSourceRecord(recordId: string | null) {
  return useQuery({
    queryKey: ['reform', 'records', 'detail', recordId],
    queryFn: ({ signal }) => api.get<ReformRecordDetail>(`/api/v1/reform-records/${encodeURIComponent(recordId ?? '')}`, undefined, signal),
    enabled: Boolean(recordId),
    retry: noRetryOnDenied,
  });
}

/** The rectification tasks a letter spawned, with their lights (the board's answer, filtered by letter). */
export function useLetterTasks(letterId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reform', 'tasks', 'list', { letterId: letterId }],
    queryFn: ({ signal }) => api.get<{ items: TaskListItem[]; total: number }>('/api/v1/rectification-tasks', { letterId: letterId, pageSize: 100 }, signal),
    enabled,
  });
}

// ---------------------------------------------------------------- 通报

/**
 * The name of the campaign a bulletin list is filtered by (for its filter tag). A campaign the caller may
 * not see answers 404: the tag then says so instead of naming it.
 */
export function useCampaignName(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['campaigns', 'name', campaignId],
    queryFn: ({ signal }) =>
      api.get<{ id: string; name: string; year: number }>(`/api/v1/campaigns/${encodeURIComponent(campaignId ?? '')}`, undefined, signal),
    enabled: Boolean(campaignId),
    retry: noRetryOnDenied,
    staleTime: 60_000,
    select: (c) => `${c.name}（${c.year}）`,
  });
}

export function useBulletins(filters: BulletinFilters) {
  return useQuery({
    queryKey: [...ROOT, 'bulletins', filters],
    queryFn: ({ signal }) => api.get<BulletinList>(BULLETINS, { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(id: string | null) {
  return useQuery({
    queryKey: [...ROOT, 'bulletin', id],
    queryFn: ({ signal }) => api.get<BulletinDetail>(`${BULLETINS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

export function useCreateBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulletinCreateBody) => api.post<BulletinDetail>(BULLETINS, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

/** 签发 (the 书记 or the 分管领导 of the owner office): before the number. */
export function useSignBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (b: Pick<BulletinDetail, 'id' | 'version'>) => api.post<BulletinDetail>(`${BULLETINS}/${b.id}/sign`, { version: b.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

export function useIssueBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (b: Pick<BulletinDetail, 'id' | 'version'>) => api.post<BulletinDetail>(`${BULLETINS}/${b.id}/issue`, { version: b.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}
