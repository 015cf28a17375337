import type {
  EntryBody,
  EntryPatchBody,
  FileDetail,
  FileListQuery,
  FileSummary,
  ReadLogRow,
  RequestActionBody,
  RequestCreateBody,
  RequestListQuery,
  RequestRow,
} from '@liandong/domain/integrity-files/contracts';
import type { IntegritySection } from '@liandong/domain/integrity-files/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** Shapes come from the shared contracts (domain/src/integrity-files/contracts.ts). */
export type { Entry, FileDetail, FileSection, FileSummary, ReadLogRow, RequestRow } from '@liandong/domain/integrity-files/contracts';

const ROOT = ['integrity-files'] as const;
const FILES = '/api/v1/integrity-files';
const REQUESTS = '/api/v1/integrity-file-requests';

export type FileFilters = Pick<FileListQuery, 'page' | 'pageSize'> & { q?: string; stale?: boolean };

export const fileUrls = {
  export: (f: FileFilters) => `${FILES}/export.xlsx${toQueryString({ q: f.q, stale: f.stale ? 'true' : undefined })}`,
};

const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export function useFiles(f: FileFilters) {
  return useQuery({
    queryKey: [...ROOT, 'files', f],
    queryFn: ({ signal }) =>
      api.get<{ items: FileSummary[]; total: number; abilities: { create: boolean } }>(
        FILES,
        { page: f.page, pageSize: f.pageSize, q: f.q, stale: f.stale ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
  });
}

/** One read of the file is one consultation (logged by the server): no refetch on focus or remount. */
export function useFile(id: string, section?: IntegritySection) {
  return useQuery({
    queryKey: [...ROOT, 'file', id, section ?? 'all'],
    queryFn: ({ signal }) => api.get<FileDetail>(`${FILES}/${encodeURIComponent(id)}`, { section }, signal),
    retry: noRetryOnDenied,
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => api.post<FileDetail>(FILES, { personId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ROOT, 'files'] }),
  });
}

export function useSaveEntry(fileId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { entryId?: string; body: EntryBody | EntryPatchBody }) =>
      v.entryId
        ? api.patch(`${FILES}/${encodeURIComponent(fileId)}/entries/${encodeURIComponent(v.entryId)}`, v.body)
        : api.post(`${FILES}/${encodeURIComponent(fileId)}/entries`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ROOT, 'file', fileId] }),
  });
}

export function useRemoveEntry(fileId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { entryId: string; version: number }) =>
      api.delete(`${FILES}/${encodeURIComponent(fileId)}/entries/${encodeURIComponent(v.entryId)}${toQueryString({ version: v.version })}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ROOT, 'file', fileId] }),
  });
}

export function useReads(f: { page: number; pageSize: number; fileId?: string }) {
  return useQuery({
    queryKey: [...ROOT, 'reads', f],
    queryFn: ({ signal }) => api.get<{ items: ReadLogRow[]; total: number }>('/api/v1/integrity-file-reads', { ...f }, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
  });
}

export function useRequests(q: Pick<RequestListQuery, 'view' | 'page' | 'pageSize'> & { state?: RequestListQuery['state'] }) {
  return useQuery({
    queryKey: [...ROOT, 'requests', q],
    queryFn: ({ signal }) => api.get<{ items: RequestRow[]; total: number }>(REQUESTS, { ...q }, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
  });
}

export function useCreateRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: RequestCreateBody) => api.post<RequestRow>(REQUESTS, b),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ROOT, 'requests'] }),
  });
}

export function useActOnRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: RequestActionBody }) => api.post<RequestRow>(`${REQUESTS}/${encodeURIComponent(v.id)}/actions`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ROOT, 'requests'] }),
  });
}
