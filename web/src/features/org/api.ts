import type {
  ImportResult,
  Leader,
  Link,
  LinkageMap,
  LinkCreateBodySchema,
  MapCategorySchema,
  MapEdgeTypeSchema,
  Org,
  OrgCreateBodySchema,
  OrgDetailSchema,
  TreeNode,
  Zone,
} from '@liandong/domain/org/contracts';
import type { LeaderTitle, LinkType, OrgKind, ZoneMode } from '@liandong/domain/org/enums';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type QueryParams } from '../../api/client';
import type { StaffHit } from '../../components/StaffSearchSelect';
import { ORGS_KEY, ZONES_KEY } from '../../api/structure';

export { useOrg, useZones } from '../../api/structure';

/** Shapes of the org area come from the shared contracts (domain/src/org/contracts.ts). */
export type { ImportError as ImportRowError, ImportResult, Leader, LinkageMap, Org, TreeNode as OrgTreeNode, Zone } from '@liandong/domain/org/contracts';
export type OrgLink = Link;
export type OrgDetail = z.infer<typeof OrgDetailSchema>;
export type OrgInput = z.input<typeof OrgCreateBodySchema>;
export type LinkInput = z.input<typeof LinkCreateBodySchema>;
export type MapCategory = z.infer<typeof MapCategorySchema>;
export type MapEdgeType = z.infer<typeof MapEdgeTypeSchema>;

export interface OrgFilters {
  kind?: OrgKind;
  q?: string;
  includeRetired?: boolean;
  parentId?: string;
  page?: number;
  pageSize?: number;
}

const ORGS = ORGS_KEY;
const LINKS = ['links'] as const;
const LEADERS = ['leaders'] as const;
const ZONES = ZONES_KEY;
const MAP = ['linkage-map'] as const;

export function useOrgs(filters: OrgFilters) {
  return useQuery({
    queryKey: [...ORGS, 'list', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: Org[]; total: number; abilities: { create: boolean; import: boolean } }>('/api/v1/orgs', filters as QueryParams, signal),
    placeholderData: (prev) => prev,
  });
}

/** Whether the caller may create and import orgs (top-level abilities of GET /orgs). */
export function useOrgAbilities(): { create?: boolean; import?: boolean } {
  const { data } = useOrgs({ page: 1, pageSize: 1 });
  return data?.abilities ?? {};
}

/** The scoped tree; a host unit may appear under several groups, so render keys are paths, not ids. */
export function useOrgTree(includeRetired: boolean) {
  return useQuery({
    queryKey: [...ORGS, 'tree', includeRetired],
    queryFn: ({ signal }) => api.get<{ nodes: TreeNode[] }>('/api/v1/orgs/tree', { includeRetired: includeRetired || undefined }, signal),
    placeholderData: (prev) => prev,
  });
}

/** After any structural change the tree, lists, links, leaders, zones and the map may all differ. */
function useInvalidateStructure() {
  const queryClient = useQueryClient();
  return () => Promise.all([ORGS, LINKS, LEADERS, ZONES, MAP].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useCreateOrg() {
  const invalidate = useInvalidateStructure();
  return useMutation({ mutationFn: (body: OrgInput) => api.post<Org>('/api/v1/orgs', body), onSuccess: invalidate });
}

export function useUpdateOrg() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<OrgInput> & { id: string; version: number; headUserId?: string | null }) =>
      api.patch<Org>(`/api/v1/orgs/${id}`, body),
    onSuccess: invalidate,
  });
}

/** GET /orgs/:id/staff?q= — the org's active accounts, to pick its head (本单位负责人). */
export function useOrgStaff(orgId: string, q: string) {
  return useQuery({
    queryKey: [...ORGS, orgId, 'staff', q],
    queryFn: ({ signal }) => api.get<{ items: StaffHit[] }>(`/api/v1/orgs/${encodeURIComponent(orgId)}/staff`, { q: q || undefined }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: Boolean(orgId),
  });
}

export function useRetireOrg() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ id, version, validTo }: { id: string; version: number; validTo: string }) =>
      api.post<Org>(`/api/v1/orgs/${id}/retire`, { version, validTo }),
    onSuccess: invalidate,
  });
}

/** POST /orgs/import?dryRun= with the .xlsx as multipart field `file`. */
export function useImportOrgs() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ImportResult>('/api/v1/orgs/import', form, { dryRun });
    },
    onSuccess: (_data, vars) => (vars.dryRun ? undefined : invalidate()),
  });
}

/** Links of one org, leader or zone (`orgId` matches either end); `abilities.create` shows 新增关联. */
export function useLinks(filters: { type?: LinkType; orgId?: string; includeEnded?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...LINKS, filters],
    queryFn: ({ signal }) =>
      api.get<{ items: Link[]; abilities: { create: boolean } }>('/api/v1/links', { ...filters, includeEnded: filters.includeEnded || undefined }, signal),
    enabled,
  });
}

export function useCreateLink() {
  const invalidate = useInvalidateStructure();
  return useMutation({ mutationFn: (body: LinkInput) => api.post<Link>('/api/v1/links', body), onSuccess: invalidate });
}

export function useEndLink() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ link, validTo }: { link: Link; validTo: string }) =>
      api.post<Link>(`/api/v1/links/${link.type}/${link.id}/end`, { version: link.version, validTo }),
    onSuccess: invalidate,
  });
}

export function useLeaders() {
  return useQuery({
    queryKey: [...LEADERS],
    queryFn: ({ signal }) => api.get<{ items: Leader[]; abilities: { create: boolean } }>('/api/v1/leaders', undefined, signal),
  });
}

export function useCreateLeader() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: (body: { nameZh: string; title: LeaderTitle; orgId: string; gender?: 'M' | 'F' }) => api.post<Leader>('/api/v1/leaders', body),
    onSuccess: invalidate,
  });
}

export function useUpdateLeader() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; title?: LeaderTitle; validTo?: string }) => api.patch<Leader>(`/api/v1/leaders/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useCreateZone() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: (body: { nameZh: string; countyOrgId: string; leadOrgId: string; modes: ZoneMode[]; memberOrgIds: string[] }) =>
      api.post<Zone>('/api/v1/zones', body),
    onSuccess: invalidate,
  });
}

export function useUpdateZone() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; nameZh?: string; leadOrgId?: string; modes?: ZoneMode[]; validTo?: string }) =>
      api.patch<Zone>(`/api/v1/zones/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useLinkageMap() {
  return useQuery({
    queryKey: [...MAP],
    queryFn: ({ signal }) => api.get<LinkageMap>('/api/v1/linkage-map', undefined, signal),
  });
}
