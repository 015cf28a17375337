import type { CoverageRole, LeaderTitle, LinkType, OfficeKind, OrgKind, ZoneMode } from '@liandong/domain/org/enums';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../api/client';

/** 组织机构 (GET /api/v1/orgs items). */
export interface Org {
  id: string;
  code: string;
  nameZh: string;
  shortName: string;
  kind: OrgKind;
  officeKind: OfficeKind | null;
  /** 序号: the N of 第N监督检查室. */
  ordinal: number | null;
  parentId: string | null;
  parentName: string | null;
  regionCode: string | null;
  /** 发文代字 */
  docCode: string | null;
  sortOrder: number;
  validFrom: string;
  validTo: string | null;
  retired: boolean;
  version: number;
  abilities: { update: boolean; retire: boolean };
}
export type OrgDetail = Org & { links: OrgLink[] };

export interface OrgTreeNode {
  id: string;
  nameZh: string;
  kind: OrgKind;
  officeKind: OfficeKind | null;
  retired: boolean;
  children: OrgTreeNode[];
}

/** 分管 / 联系 / 派驻 / 片区成员 link between a leader, zone or org and an org. */
export interface OrgLink {
  id: string;
  type: LinkType;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  role: CoverageRole | null;
  validFrom: string;
  validTo: string | null;
  version: number;
  abilities: { end: boolean };
}

export interface Leader {
  id: string;
  personId: string;
  nameZh: string;
  title: LeaderTitle;
  orgId: string;
  orgName: string;
  validFrom: string;
  validTo: string | null;
  oversees: { linkId: string; officeId: string; officeName: string }[];
  version: number;
  abilities: { update: boolean };
}

/** 片区协作 work zone of a county. */
export interface Zone {
  id: string;
  nameZh: string;
  countyOrgId: string;
  countyName: string;
  leadOrgId: string;
  leadOrgName: string;
  modes: ZoneMode[];
  members: { linkId: string; orgId: string; orgName: string; kind: OrgKind }[];
  validFrom: string;
  validTo: string | null;
  version: number;
  abilities: { update: boolean };
}

export type MapCategory = 'leader' | 'office' | 'group' | 'county' | 'host' | 'zone' | 'township';
export type MapEdgeType = LinkType | 'ZONE_LEAD';
export interface LinkageMap {
  nodes: { id: string; name: string; category: MapCategory }[];
  edges: { source: string; target: string; type: MapEdgeType }[];
}

export interface OrgFilters {
  kind?: OrgKind;
  q?: string;
  includeRetired?: boolean;
  parentId?: string;
  page?: number;
  pageSize?: number;
}
export interface OrgInput {
  code: string;
  nameZh: string;
  shortName: string;
  kind: OrgKind;
  officeKind?: OfficeKind | null;
  ordinal?: number | null;
  parentId?: string | null;
  regionCode?: string | null;
  docCode?: string | null;
  sortOrder?: number;
  validFrom?: string;
}
export interface LinkInput {
  type: LinkType;
  fromId: string;
  toId: string;
  role?: CoverageRole;
  validFrom?: string;
}
export interface ImportResult {
  ok: true;
  created: number;
  updated: number;
}
/** One row of the import's error report (422 details.errors). */
export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** Top-level abilities some lists carry (`create`, `import`). Optional where the brief did not list them. */
export interface ListAbilities {
  create?: boolean;
  import?: boolean;
}

const ORGS = ['orgs'] as const;
const LINKS = ['links'] as const;
const LEADERS = ['leaders'] as const;
const ZONES = ['zones'] as const;
const MAP = ['linkage-map'] as const;

export function useOrgs(filters: OrgFilters) {
  return useQuery({
    queryKey: [...ORGS, 'list', filters],
    queryFn: ({ signal }) => api.get<{ items: Org[]; total: number; abilities?: ListAbilities }>('/api/v1/orgs', filters as QueryParams, signal),
    placeholderData: (prev) => prev,
  });
}

/** Whether the caller may create and import orgs (top-level abilities of GET /orgs). */
export function useOrgAbilities(): ListAbilities {
  const { data } = useOrgs({ page: 1, pageSize: 1 });
  return data?.abilities ?? {};
}

export function useOrgTree() {
  return useQuery({
    queryKey: [...ORGS, 'tree'],
    queryFn: ({ signal }) => api.get<{ nodes: OrgTreeNode[] }>('/api/v1/orgs/tree', undefined, signal),
  });
}

export function useOrg(id: string | null) {
  return useQuery({
    queryKey: [...ORGS, 'detail', id],
    queryFn: ({ signal }) => api.get<OrgDetail>(`/api/v1/orgs/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
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
    mutationFn: ({ id, ...body }: Partial<OrgInput> & { id: string; version: number }) => api.patch<Org>(`/api/v1/orgs/${id}`, body),
    onSuccess: invalidate,
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

export function useLinks(filters: { type?: LinkType; orgId?: string; includeEnded?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...LINKS, filters],
    queryFn: ({ signal }) => api.get<{ items: OrgLink[] }>('/api/v1/links', filters, signal),
    enabled,
  });
}

export function useCreateLink() {
  const invalidate = useInvalidateStructure();
  return useMutation({ mutationFn: (body: LinkInput) => api.post<OrgLink>('/api/v1/links', body), onSuccess: invalidate });
}

export function useEndLink() {
  const invalidate = useInvalidateStructure();
  return useMutation({
    mutationFn: ({ link, validTo }: { link: OrgLink; validTo: string }) =>
      api.post<OrgLink>(`/api/v1/links/${link.type}/${link.id}/end`, { version: link.version, validTo }),
    onSuccess: invalidate,
  });
}

export function useLeaders() {
  return useQuery({
    queryKey: [...LEADERS],
    queryFn: ({ signal }) => api.get<{ items: Leader[]; abilities?: ListAbilities }>('/api/v1/leaders', undefined, signal),
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
    mutationFn: ({ id, ...body }: { id: string; version: number; title?: LeaderTitle; validTo?: string | null }) =>
      api.patch<Leader>(`/api/v1/leaders/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useZones() {
  return useQuery({
    queryKey: [...ZONES],
    queryFn: ({ signal }) => api.get<{ items: Zone[]; abilities?: ListAbilities }>('/api/v1/zones', undefined, signal),
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
    mutationFn: ({ id, ...body }: { id: string; version: number; nameZh?: string; leadOrgId?: string; modes?: ZoneMode[] }) =>
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
