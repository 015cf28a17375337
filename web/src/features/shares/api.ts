import type {
  ShareActionBody,
  ShareCreateBody,
  ShareDetailResponse,
  SharedObject,
  SharedObjectsPage,
  SharePage,
  ShareQuery,
} from '@liandong/domain/shares/contracts';
import type { ShareBox, ShareKind } from '@liandong/domain/shares/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';

/** Shapes of shares come from the shared contracts (domain/src/shares/contracts.ts). */
export type { ShareDetailResponse, SharedObject, ShareSummary } from '@liandong/domain/shares/contracts';

const ROOT = ['shares'] as const;
const BASE = '/api/v1/shares';

export type ShareFilters = Pick<ShareQuery, 'page' | 'pageSize'> & Partial<Pick<ShareQuery, 'kind' | 'state'>>;

export const shareUrls = {
  /** The ledger of one box with its filters (every page). */
  export: (box: ShareBox, f: ShareFilters) => `${BASE}/export.xlsx${toQueryString({ box, kind: f.kind, state: f.state })}`,
};

/** 403/404 are answers, not failures worth retrying (a share outside the caller's view is 404). */
const noRetryOnDenied = (count: number, err: unknown) =>
  !(err && typeof err === 'object' && 'status' in err && (err.status === 403 || err.status === 404)) && count < 2;

export function useShares(box: ShareBox, f: ShareFilters) {
  return useQuery({
    queryKey: [...ROOT, 'list', box, f],
    queryFn: ({ signal }) => api.get<SharePage>(BASE, { box, ...f } as QueryParams, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
  });
}

export function useShare(id: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => api.get<ShareDetailResponse>(`${BASE}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    retry: noRetryOnDenied,
  });
}

/** What the grantee reads under a grant in force (404 once it ended or for anyone else). */
export function useSharedObjects(id: string, f: { page: number; pageSize: number; q?: string }, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'objects', id, f],
    queryFn: ({ signal }) => api.get<SharedObjectsPage>(`${BASE}/${encodeURIComponent(id)}/objects`, f as QueryParams, signal),
    placeholderData: keepPreviousData,
    retry: noRetryOnDenied,
    enabled,
  });
}

/** Objects the caller may name in a push or an approval: of the kind's types, belonging to `ownerOrgId`. */
export function useShareCandidates(kind: ShareKind | undefined, ownerOrgId: string | undefined, q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'candidates', kind, ownerOrgId, q],
    queryFn: ({ signal }) => api.get<{ items: SharedObject[] }>(`${BASE}/candidates`, { kind, ownerOrgId, q: q || undefined }, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && Boolean(kind),
  });
}

/** The orgs a share may name (offices, groups, counties of the commission). */
export function useShareOrgs(enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'orgs'],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; kind: string }[] }>(`${BASE}/orgs`, undefined, signal),
    staleTime: 300_000,
    enabled,
  });
}

/** A share changes the boxes, the badge, its own page and what the grantee reads: refresh the area. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ROOT });
}

export function useCreateShare() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (b: ShareCreateBody) => api.post<{ id: string }>(BASE, b), onSuccess: invalidate });
}

export function useShareAction(s: Pick<ShareDetailResponse, 'id' | 'version'>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: Omit<ShareActionBody, 'version'>) => api.post<unknown>(`${BASE}/${s.id}/actions`, { ...b, version: s.version }),
    onSuccess: invalidate,
  });
}
