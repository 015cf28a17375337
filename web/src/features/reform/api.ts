import type {
  Accountability,
  AccountabilityCreateBody,
  AccountabilityPatchBody,
  ReformProblem,
  ReformProblemBody,
  ReformRecordCreateBody,
  ReformRecordDetail,
  ReformRecordPatchBody,
  ReformRecordSummary,
  TaskActionBody,
  TaskActionResult,
  TaskCreateBody,
  TaskDetail,
  TaskListItem,
} from '@liandong/domain/reform/contracts';
import type { AccountabilityMethod, AccountabilityTarget, REFORM_ORIGIN_LABELS, REFORM_STATE_LABELS, TASK_SOURCE_LABELS } from '@liandong/domain/reform/enums';
import type { TaskState } from '@liandong/domain/reform/machine';
import type { Light } from '@liandong/domain/supervision/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/reform/contracts-reform.ts). */
export type {
  Accountability,
  ReformProblem,
  ReformRecordDetail,
  ReformRecordSummary,
  SimilarSuggestion,
  TaskDetail,
  TaskListItem,
  TaskPlan,
  TaskUpdate,
} from '@liandong/domain/reform/contracts';

export type ReformState = keyof typeof REFORM_STATE_LABELS;
export type ReformOrigin = keyof typeof REFORM_ORIGIN_LABELS;
export type TaskSource = keyof typeof TASK_SOURCE_LABELS;

export interface RecordFilters {
  q?: string;
  state?: ReformState[];
  origin?: ReformOrigin;
  ownerOrgId?: string;
  unitOrgId?: string;
  year?: number;
  /** 所属专项整治 */
  campaignId?: string;
  /** Count every row (the total was capped: 超过 N 条 · 精确计数). */
  exactTotal?: boolean;
  page: number;
  pageSize: number;
}

export interface TaskFilters {
  q?: string;
  state?: TaskState[];
  unitOrgId?: string;
  supervisorOrgId?: string;
  source?: TaskSource;
  light?: Light;
  sort?: string;
  /** 所属专项整治 */
  campaignId?: string;
  /** Count every row (the total was capped: 超过 N 条 · 精确计数). */
  exactTotal?: boolean;
  page: number;
  pageSize: number;
}

export interface AccountabilityFilters {
  q?: string;
  targetKind?: AccountabilityTarget;
  method?: AccountabilityMethod;
  year?: number;
  /** 所属专项整治 */
  campaignId?: string;
  page: number;
  pageSize: number;
}

interface RecordPage {
  items: ReformRecordSummary[];
  total: number;
  totalCapped: boolean;
  abilities: { create: boolean };
}
interface TaskPage {
  items: TaskListItem[];
  total: number;
  totalCapped: boolean;
  lights: { GREEN: number; YELLOW: number; RED: number; DONE: number };
  /** The lights whose count stopped at the cap (shown as N+). */
  lightsCapped: Light[];
  abilities: { create: boolean; export: boolean };
}
interface AccountabilityPage {
  items: Accountability[];
  total: number;
  abilities: { create: boolean; export: boolean };
}

/** A task action without the version (the hook adds the version the screen read). */
export type TaskActionInput = TaskActionBody extends infer B ? (B extends { version: number } ? Omit<B, 'version'> : never) : never;

const ROOT = ['reform'] as const;
const RECORDS = '/api/v1/reform-records';
const TASKS = '/api/v1/rectification-tasks';
const ACCOUNTABILITIES = '/api/v1/accountabilities';

const list = (v?: string[]) => (v?.length ? v.join(',') : undefined);
const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

function taskParams(f: Partial<TaskFilters>): QueryParams {
  return { ...f, state: list(f.state) };
}
function accountabilityParams(f: Partial<AccountabilityFilters>): QueryParams {
  return { ...f };
}

export const exportUrls = {
  records: (f: RecordFilters) =>
    `${RECORDS}/export.xlsx${toQueryString({ ...f, state: list(f.state), page: undefined, pageSize: undefined, exactTotal: undefined })}`,
  tasks: (f: TaskFilters) => `${TASKS}/export.xlsx${toQueryString(taskParams({ ...f, page: undefined, pageSize: undefined, exactTotal: undefined }))}`,
  accountabilities: (f: AccountabilityFilters) =>
    `${ACCOUNTABILITIES}/export.xlsx${toQueryString(accountabilityParams({ ...f, page: undefined, pageSize: undefined }))}`,
};

/** Changes here move letters (states, tasks) and the portal too. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([ROOT, ['letters'], ['portal']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

// ---------------------------------------------------------------- 以案促改 records

export function useRecords(filters: RecordFilters) {
  return useQuery({
    queryKey: [...ROOT, 'records', 'list', filters],
    queryFn: ({ signal }) => api.get<RecordPage>(RECORDS, { ...filters, state: list(filters.state) }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecord(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'records', 'detail', id],
    queryFn: ({ signal }) => api.get<ReformRecordDetail>(`${RECORDS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

export function useCreateRecord() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ReformRecordCreateBody) => api.post<ReformRecordDetail>(RECORDS, body),
    onSuccess: invalidate,
  });
}

export function usePatchRecord(r: Pick<ReformRecordDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Omit<ReformRecordPatchBody, 'version'>) => api.patch<ReformRecordDetail>(`${RECORDS}/${r.id}`, { ...body, version: r.version }),
    onSuccess: invalidate,
  });
}

export function useAddProblem(recordId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ReformProblemBody) => api.post<ReformProblem>(`${RECORDS}/${recordId}/problems`, body),
    onSuccess: invalidate,
  });
}

// ---------------------------------------------------------------- 整改任务

export function useTasks(filters: TaskFilters) {
  return useQuery({
    queryKey: [...ROOT, 'tasks', 'list', filters],
    queryFn: ({ signal }) => api.get<TaskPage>(TASKS, taskParams(filters), signal),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'tasks', 'detail', id],
    queryFn: ({ signal }) => api.get<TaskDetail>(`${TASKS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

export function useCreateTask() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TaskCreateBody) => api.post<TaskDetail>(TASKS, body),
    onSuccess: invalidate,
  });
}

export function useTaskAction(task: Pick<TaskDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TaskActionInput) => api.post<TaskActionResult>(`${TASKS}/${task.id}/actions`, { ...body, version: task.version }),
    onSuccess: invalidate,
  });
}

// ---------------------------------------------------------------- 问责

export function useAccountabilities(filters: AccountabilityFilters) {
  return useQuery({
    queryKey: [...ROOT, 'accountabilities', filters],
    queryFn: ({ signal }) => api.get<AccountabilityPage>(ACCOUNTABILITIES, accountabilityParams(filters), signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAccountability() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: AccountabilityCreateBody) => api.post<Accountability>(ACCOUNTABILITIES, body),
    onSuccess: invalidate,
  });
}

export function usePatchAccountability() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ item, body }: { item: Pick<Accountability, 'id' | 'version'>; body: Omit<AccountabilityPatchBody, 'version'> }) =>
      api.patch<Accountability>(`${ACCOUNTABILITIES}/${item.id}`, { ...body, version: item.version }),
    onSuccess: invalidate,
  });
}
