import type {
  Adjustment,
  CommonItem,
  CommonItemCreateBody,
  Consultation,
  ConsultationBody,
  Finding,
  FindingBody,
  Item,
  ItemCreateBody,
  ItemDetail,
  ItemOrderBody,
  ItemPatchBody,
  ItemTransitionBody,
  ListCreateBody,
  ListDetail,
  ListPatchBody,
  ListSummary,
  Matrix,
  Progress,
  ProgressChart,
} from '@liandong/domain/supervision/contracts';
import type { HandOverBody } from '@liandong/domain/clues/contracts';
import type { Light, ListType } from '@liandong/domain/supervision/enums';
import type { ItemState } from '@liandong/domain/supervision/machine';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../api/client';

/** Shapes of the supervision area come from the shared contracts (domain/src/supervision/contracts.ts). */
export type {
  CommonItem,
  Consultation,
  Finding,
  Item,
  ItemAbilities,
  ItemDetail,
  ItemEvent,
  ListAbilities,
  ListDetail,
  ListSummary,
  Matrix,
  NamedRef as Ref,
  Participant,
  Progress as ProgressReport,
} from '@liandong/domain/supervision/contracts';
export type PendingAdjustment = Adjustment;
export type ChartPoint = ProgressChart['points'][number];
export type ItemInput = ItemCreateBody;
export type ListInput = ListCreateBody;
export type LightCounts = Record<Light, number>;

export type ImportRowError = { sheet: string; row: number; column: string; message: string };
export interface ImportResult {
  created: number;
  updated?: number;
}

export type MyRole = 'lead' | 'assist' | 'all' | 'scope';
export interface MyItemsFilters {
  role: MyRole;
  state?: ItemState;
  light?: Light;
  year?: number;
  /** Only the items this org leads (the cockpit's links). */
  leadOrgId?: string;
  /** Count every row (the total was capped: 超过 N 条 · 精确计数). */
  exactTotal?: boolean;
  page: number;
  pageSize: number;
}

export interface ListFilters {
  year?: number;
  type?: ListType;
  groupId?: string;
  liaisonOfficeId?: string;
}

export type TransitionInput = Omit<ItemTransitionBody, 'version'>;

const ROOT = ['supervision'] as const;
const BASE = '/api/v1/supervision';

export const exportUrls = {
  template: `${BASE}/import-template.xlsx`,
  listXlsx: (id: string) => `${BASE}/lists/${id}/export.xlsx`,
  listDocx: (id: string) => `${BASE}/lists/${id}/export.docx`,
  myItems: (q: QueryParams) => `${BASE}/my-items/export.xlsx${toQs(q)}`,
  lists: (q: QueryParams) => `${BASE}/lists/export.xlsx${toQs(q)}`,
  matrix: (year: number) => `${BASE}/matrix/export.xlsx?year=${year}`,
};

function toQs(q: QueryParams): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
}

export function useMyItems(filters: MyItemsFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...ROOT, 'my-items', filters],
    queryFn: ({ signal }) => api.get<{ items: Item[]; total: number; totalCapped: boolean }>(`${BASE}/my-items`, filters as unknown as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'item', id],
    queryFn: ({ signal }) => api.get<ItemDetail>(`${BASE}/items/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useLists(filters: ListFilters) {
  return useQuery({
    queryKey: [...ROOT, 'lists', filters],
    queryFn: ({ signal }) => api.get<{ items: ListSummary[]; abilities: { create: boolean } }>(`${BASE}/lists`, filters as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useList(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'list', id],
    queryFn: ({ signal }) => api.get<ListDetail>(`${BASE}/lists/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Staff of a list's group and liaison office: who may be named responsible for its items. */
export interface StaffOption {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
}

export function useListStaff(listId: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'list', listId, 'staff'],
    queryFn: ({ signal }) => api.get<{ items: StaffOption[] }>(`${BASE}/lists/${encodeURIComponent(listId ?? '')}/staff`, undefined, signal),
    enabled: Boolean(listId),
    staleTime: 60_000,
  });
}

export function useProgressChart(listId: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'list', listId, 'chart'],
    queryFn: ({ signal }) => api.get<{ points: ChartPoint[] }>(`${BASE}/lists/${encodeURIComponent(listId ?? '')}/progress-chart`, undefined, signal),
    enabled: Boolean(listId),
  });
}

export function useCommonItems(year: number) {
  return useQuery({
    queryKey: [...ROOT, 'common-items', year],
    queryFn: ({ signal }) => api.get<{ items: CommonItem[]; abilities: { create: boolean } }>(`${BASE}/common-items`, { year }, signal),
  });
}

export function useMatrix(year: number) {
  return useQuery({
    queryKey: [...ROOT, 'matrix', year],
    queryFn: ({ signal }) => api.get<Matrix>(`${BASE}/matrix`, { year }, signal),
    placeholderData: keepPreviousData,
    retry: (count, err) => !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2,
  });
}

/** Any change to an item or a list can move counts, lights, the matrix and "my items": refresh the area. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ROOT });
}

export function useItemTransition(item: Pick<Item, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TransitionInput) => api.post<Item>(`${BASE}/items/${item.id}/transitions`, { ...body, version: item.version }),
    onSuccess: invalidate,
  });
}

export function useUpdateItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: ItemPatchBody & { id: string }) => api.patch<Item>(`${BASE}/items/${id}`, body),
    onSuccess: invalidate,
  });
}

/** Uploads the files first (POST /attachments), then posts the report with their ids. */
export function useReportProgress(item: Pick<Item, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ period, content, files }: { period?: string; content: string; files: File[] }) => {
      const attachmentIds: string[] = [];
      for (const file of files) {
        const form = new FormData();
        form.append('ownerType', 'supervision_item');
        form.append('ownerId', item.id);
        form.append('file', file);
        const saved = await api.upload<{ id: string; filename: string }>('/api/v1/attachments', form);
        attachmentIds.push(saved.id);
      }
      return api.post<Progress>(`${BASE}/items/${item.id}/progress`, {
        version: item.version,
        period: period || undefined,
        content,
        attachmentIds: attachmentIds.length ? attachmentIds : undefined,
      });
    },
    onSuccess: invalidate,
  });
}

export function useRecordFinding(item: Pick<Item, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Omit<FindingBody, 'version'>) => api.post<Finding>(`${BASE}/items/${item.id}/findings`, { ...body, version: item.version }),
    onSuccess: invalidate,
  });
}

/** 移交为问题线索: a finding proposed as a clue becomes one (FOUND_IN_SUPERVISION); answers the new clue. */
export function useHandOverFinding() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ findingId, body }: { findingId: string; body: HandOverBody }) => api.post<{ id: string }>(`${BASE}/findings/${findingId}/hand-over`, body),
    onSuccess: invalidate,
  });
}

export function useCreateList() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ListInput) => api.post<ListSummary>(`${BASE}/lists`, body), onSuccess: invalidate });
}

export function useUpdateList() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: ListPatchBody & { id: string }) => api.patch<ListSummary>(`${BASE}/lists/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useAddItem(listId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ItemInput) => api.post<Item>(`${BASE}/lists/${listId}/items`, body), onSuccess: invalidate });
}

export function useListTransition(list: Pick<ListSummary, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (action: 'consult' | 'approve') => api.post<ListSummary>(`${BASE}/lists/${list.id}/transitions`, { action, version: list.version }),
    onSuccess: invalidate,
  });
}

export function useAddConsultation(listId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ConsultationBody) => api.post<Consultation>(`${BASE}/lists/${listId}/consultations`, body),
    onSuccess: invalidate,
  });
}

/** 印发: the 党风政风监督室 issues an approved list as a numbered 通知. */
export function useListIssue(list: Pick<ListSummary, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<ListSummary>(`${BASE}/lists/${list.id}/issue`, { version: list.version }),
    onSuccess: invalidate,
  });
}

/** 点题派单: a leader orders a new item into a list mid-year. */
export function useOrderItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ItemOrderBody) => api.post<Item>(`${BASE}/items`, body),
    onSuccess: invalidate,
  });
}

export function useImportItems(listId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ImportResult>(`${BASE}/lists/${listId}/import`, form, { dryRun });
    },
    onSuccess: (_d, vars) => (vars.dryRun ? undefined : invalidate()),
  });
}

export function useCreateCommonItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CommonItemCreateBody) => api.post<{ commonItem: CommonItem; issued: number }>(`${BASE}/common-items`, body),
    onSuccess: invalidate,
  });
}
