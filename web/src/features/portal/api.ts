import type { Light } from '@liandong/domain/supervision/enums';
import type { LetterActionBody, LetterDetail, LetterList, TaskActionBody, TaskActionResult, TaskDetail, TaskListItem } from '@liandong/domain/reform/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The unit contact's portal reads the same routes as the commission; the server narrows them to the contact's own unit. */
export type { LetterDetail, LetterListItem, TaskDetail, TaskListItem, TaskPlan, TaskUpdate } from '@liandong/domain/reform/contracts';

const ROOT = ['portal'] as const;
const LETTERS = '/api/v1/letters';
const TASKS = '/api/v1/rectification-tasks';

type Without<B> = B extends { version: number } ? Omit<B, 'version'> : never;
/** The recipient's letter actions: adopt, object, reply. */
export type RecipientLetterAction = Without<Extract<LetterActionBody, { action: 'adopt' | 'object' | 'reply' }>>;
/** The unit's task actions: the plan, progress and completion reports. */
export type UnitTaskAction = Without<Extract<TaskActionBody, { action: 'submitPlan' | 'reportProgress' | 'reportDone' }>>;

const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export function useMyLetters(page: number, pageSize: number, state?: string) {
  return useQuery({
    queryKey: [...ROOT, 'letters', page, pageSize, state ?? ''],
    queryFn: ({ signal }) => api.get<LetterList>(LETTERS, { page, pageSize, sort: '-issuedOn', state }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyLetter(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'letter', id],
    queryFn: ({ signal }) => api.get<LetterDetail>(`${LETTERS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

/** The unit's tasks; `light` narrows them to one 督办灯 (the 工作台's overdue and due-soon cards link here so). */
export function useMyTasks(page: number, pageSize: number, letterId?: string, light?: Light) {
  return useQuery({
    queryKey: [...ROOT, 'tasks', page, pageSize, letterId ?? '', light ?? ''],
    queryFn: ({ signal }) => api.get<{ items: TaskListItem[]; total: number }>(TASKS, { page, pageSize, letterId, light }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyTask(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'task', id],
    queryFn: ({ signal }) => api.get<TaskDetail>(`${TASKS}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([ROOT, ['letters'], ['reform']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useRecipientAction(letter: Pick<LetterDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: RecipientLetterAction) => api.post<LetterDetail>(`${LETTERS}/${letter.id}/actions`, { ...body, version: letter.version }),
    onSuccess: invalidate,
  });
}

/** Uploads the evidence files first (POST /attachments), then posts the report with their ids. */
export function useUnitTaskAction(task: Pick<TaskDetail, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ body, files = [] }: { body: UnitTaskAction; files?: File[] }) => {
      const attachmentIds: string[] = [];
      for (const file of files) {
        const form = new FormData();
        form.append('ownerType', 'rectification_task');
        form.append('ownerId', task.id);
        form.append('file', file);
        const saved = await api.upload<{ id: string; filename: string }>('/api/v1/attachments', form);
        attachmentIds.push(saved.id);
      }
      const payload = body.action === 'submitPlan' ? body : { ...body, attachmentIds: attachmentIds.length ? attachmentIds : undefined };
      return api.post<TaskActionResult>(`${TASKS}/${task.id}/actions`, { ...payload, version: task.version });
    },
    onSuccess: invalidate,
  });
}
