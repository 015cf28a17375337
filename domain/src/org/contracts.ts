import { z } from 'zod';
import { CoverageRoleSchema, LeaderTitleSchema, LinkTypeSchema, OfficeKindSchema, OrgKindSchema, ZoneModeSchema } from './enums';
import { idNumberProblem, normaliseIdNumber } from './id-number';

/*
 * Contracts of the organisation and linkage module (分管 / 联系 / 派驻 / 片区) and of 人员信息.
 * Dates are ISO calendar dates (YYYY-MM-DD); `validTo` is the last day a record is in force.
 */

const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Id = z.uuid('编号格式不正确');
const Version = z.number('请提供版本号').int().min(1);
/** A query-string boolean ("true"/"false"/"1"/"0"). */
const QueryBool = z.stringbool();
const Page = z.coerce.number().int().min(1).default(1);
const PageSize = z.coerce.number().int().min(1).max(200).default(20);

// ---------------------------------------------------------------- organisations

export const OrgAbilitiesSchema = z.object({
  /** 修改 (system administrator, org not retired). */
  update: z.boolean(),
  /** 撤销 (system administrator, org not retired). */
  retire: z.boolean(),
});

/** An organisation node (domain.md b.1). */
export const OrgSchema = z.object({
  id: z.string(),
  /** Stable code, unique per commission, e.g. "LZ-JW-DFZF"; the key of Excel imports. */
  code: z.string(),
  /** 全称 */
  nameZh: z.string(),
  /** 规范化简称 */
  shortName: z.string(),
  kind: OrgKindSchema,
  /** 内设机构类别, only for INTERNAL_OFFICE. */
  officeKind: OfficeKindSchema.nullable(),
  /** 第N监督检查室 … */
  ordinal: z.number().nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  /** 行政区划代码 */
  regionCode: z.string().nullable(),
  /** 机关代字 (发文字号) */
  docCode: z.string().nullable(),
  sortOrder: z.number(),
  validFrom: z.string(),
  /** Last day of existence once retired (撤销). */
  validTo: z.string().nullable(),
  /** True once a retirement is recorded (validTo set), even if validTo is still ahead. */
  retired: z.boolean(),
  /**
   * 本单位负责人: the account heading the org (组长, 主任, 书记) — it approves the org's work reports. null when
   * none is recorded. `active` is false once the account is disabled or has left the org (it then counts as
   * no head until an administrator records another).
   */
  head: z.object({ id: z.string(), name: z.string(), active: z.boolean() }).nullable(),
  version: z.number(),
  abilities: OrgAbilitiesSchema,
});
export type Org = z.infer<typeof OrgSchema>;

export const OrgListQuerySchema = z.object({
  kind: OrgKindSchema.optional(),
  /** Part of the name or code. */
  q: z.string().trim().max(50, '搜索词不超过50个字符').optional(),
  includeRetired: QueryBool.default(false),
  parentId: Id.optional(),
  /**
   * The commission's own discipline bodies (offices, dispatched groups, county / township commissions),
   * whatever the caller's scope: for pickers that name a partner body (a reform record's co-owner). Units
   * stay scoped; a unit liaison gets its scope only.
   */
  directory: QueryBool.default(false),
  page: Page,
  pageSize: PageSize,
});
export type OrgListQuery = z.infer<typeof OrgListQuerySchema>;

export const OrgListSchema = z.object({
  items: z.array(OrgSchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean(), import: z.boolean() }),
});

const Code = z
  .string()
  .trim()
  .min(1, '请填写编码')
  .max(40, '编码不超过40个字符')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, '编码只能包含字母、数字、点、下划线和连字符');
const NameZh = z.string().trim().min(1, '请填写名称').max(100, '名称不超过100个字符');
const ShortName = z.string().trim().min(1, '请填写简称').max(50, '简称不超过50个字符');
const RegionCode = z.string().regex(/^\d{6}$/, '行政区划代码为6位数字');
const DocCode = z.string().trim().min(1).max(20, '机关代字不超过20个字符');
const Ordinal = z.number().int().min(1, '序号应为正整数').max(99);
const SortOrder = z.number().int().min(-1_000_000).max(1_000_000);

/** POST /api/v1/orgs */
export const OrgCreateBodySchema = z.object({
  code: Code,
  nameZh: NameZh,
  shortName: ShortName,
  kind: OrgKindSchema,
  officeKind: OfficeKindSchema.nullish(),
  ordinal: Ordinal.nullish(),
  parentId: Id.nullish(),
  regionCode: RegionCode.nullish(),
  docCode: DocCode.nullish(),
  sortOrder: SortOrder.optional(),
  validFrom: IsoDate.optional(),
});
export type OrgCreateBody = z.infer<typeof OrgCreateBodySchema>;

/**
 * PATCH /api/v1/orgs/:id — only the fields sent change. `kind` may be sent (forms send every field)
 * but must equal the current kind: the kind is fixed at creation because links and children were
 * checked against it.
 */
export const OrgPatchBodySchema = z.object({
  version: Version,
  code: Code.optional(),
  nameZh: NameZh.optional(),
  shortName: ShortName.optional(),
  kind: OrgKindSchema.optional(),
  officeKind: OfficeKindSchema.nullable().optional(),
  ordinal: Ordinal.nullable().optional(),
  parentId: Id.nullable().optional(),
  regionCode: RegionCode.nullable().optional(),
  docCode: DocCode.nullable().optional(),
  sortOrder: SortOrder.optional(),
  validFrom: IsoDate.optional(),
  /** 本单位负责人: an active account of this org; null clears it. */
  headUserId: Id.nullable().optional(),
});
export type OrgPatchBody = z.infer<typeof OrgPatchBodySchema>;

/** GET /api/v1/orgs/:id/staff?q= — the org's active accounts, to pick its head (本单位负责人). */
export const OrgStaffQuerySchema = z.object({ q: z.string().trim().max(50, '搜索词不超过50个字符').optional() });
export const OrgStaffSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string().nullable() })) });

/** POST /api/v1/orgs/:id/retire — 撤销: validTo is the last day the org exists. */
export const OrgRetireBodySchema = z.object({ version: Version, validTo: IsoDate });

/**
 * A node of GET /api/v1/orgs/tree. The tree is drawn from the parent relation plus 派驻: a host unit
 * appears under every dispatched group in scope that covers it today, and also under its parent if
 * the parent is in scope. So one `id` can occur more than once — key rendered nodes by their path.
 * Orgs whose parent is outside the caller's scope, and host units with neither, are roots.
 */
export interface TreeNode {
  id: string;
  nameZh: string;
  kind: z.infer<typeof OrgKindSchema>;
  officeKind: z.infer<typeof OfficeKindSchema> | null;
  retired: boolean;
  children: TreeNode[];
}
export const TreeNodeSchema: z.ZodType<TreeNode> = z.object({
  id: z.string(),
  nameZh: z.string(),
  kind: OrgKindSchema,
  officeKind: OfficeKindSchema.nullable(),
  retired: z.boolean(),
  get children() {
    return z.array(TreeNodeSchema);
  },
});
export const OrgTreeQuerySchema = z.object({ includeRetired: QueryBool.default(false) });
/**
 * Response of GET /api/v1/orgs/tree. Children are typed as TreeNode (TreeNodeSchema validates the
 * recursion in tests and on the web); the route declares them without the self-reference because
 * the OpenAPI document has no components section to hold a recursive schema (a cyclic zod schema
 * would be emitted as a dangling $ref).
 */
export const OrgTreeSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      nameZh: z.string(),
      kind: OrgKindSchema,
      officeKind: OfficeKindSchema.nullable(),
      retired: z.boolean(),
      children: z.array(z.any()).describe('子节点，结构同本节点（递归）'),
    }),
  ),
});

// ---------------------------------------------------------------- links

/**
 * One organisational link (分管 / 联系 / 派驻 / 片区成员). from → to:
 * OVERSIGHT leader (委领导 id) → internal office; LIAISON 监督检查室 → dispatched group or county/new-area
 * commission; DISPATCH dispatched group → host unit (role 驻在/综合监督); ZONE_MEMBER zone → member org.
 */
export const LinkSchema = z.object({
  id: z.string(),
  type: LinkTypeSchema,
  fromId: z.string(),
  fromName: z.string(),
  toId: z.string(),
  toName: z.string(),
  /** DISPATCH only. */
  role: CoverageRoleSchema.nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ end: z.boolean() }),
});
export type Link = z.infer<typeof LinkSchema>;

export const LinkListQuerySchema = z.object({
  type: LinkTypeSchema.optional(),
  /** Links whose from or to end is this org (or zone / leader). */
  orgId: Id.optional(),
  /** Also links whose validTo has passed. */
  includeEnded: QueryBool.default(false),
});
/** List abilities: whether the caller may add (system administrator). */
const CreateAbility = z.object({ create: z.boolean() });
export const LinkListSchema = z.object({ items: z.array(LinkSchema), abilities: CreateAbility });

/** POST /api/v1/links */
export const LinkCreateBodySchema = z.object({
  type: LinkTypeSchema,
  fromId: Id,
  toId: Id,
  /** Required for DISPATCH, refused for the other types. */
  role: CoverageRoleSchema.optional(),
  validFrom: IsoDate.optional(),
});
export type LinkCreateBody = z.infer<typeof LinkCreateBodySchema>;

/** POST /api/v1/links/:type/:id/end — validTo is the link's last day (may be in the past). */
export const LinkEndBodySchema = z.object({ version: Version, validTo: IsoDate });
export const LinkParamsSchema = z.object({ type: LinkTypeSchema, id: Id });

/** GET /api/v1/orgs/:id — the org and its links in force today. */
export const OrgDetailSchema = OrgSchema.extend({ links: z.array(LinkSchema) });

// ---------------------------------------------------------------- leaders

/** 委领导 with their 分管 in force today. */
export const LeaderSchema = z.object({
  id: z.string(),
  personId: z.string(),
  nameZh: z.string(),
  title: LeaderTitleSchema,
  orgId: z.string(),
  orgName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  oversees: z.array(z.object({ linkId: z.string(), officeId: z.string(), officeName: z.string() })),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type Leader = z.infer<typeof LeaderSchema>;
export const LeaderListQuerySchema = z.object({ includeEnded: QueryBool.default(false) });
export const LeaderListSchema = z.object({ items: z.array(LeaderSchema), abilities: CreateAbility });

/** POST /api/v1/leaders — creates the person and the leadership record. */
export const LeaderCreateBodySchema = z.object({
  nameZh: z.string().trim().min(1, '请填写姓名').max(40),
  title: LeaderTitleSchema,
  /** The commission (市/县区/新区) the leader belongs to. */
  orgId: Id,
  gender: z.enum(['M', 'F']).optional(),
  validFrom: IsoDate.optional(),
});

/** PATCH /api/v1/leaders/:id — validTo ends the leadership and with it every 分管 still open. */
export const LeaderPatchBodySchema = z.object({ version: Version, title: LeaderTitleSchema.optional(), validTo: IsoDate.optional() });

// ---------------------------------------------------------------- zones

/** 片区 / 片区协作组 with its members in force today. */
export const ZoneSchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  countyOrgId: z.string(),
  countyName: z.string(),
  /** 牵头单位 */
  leadOrgId: z.string().nullable(),
  leadOrgName: z.string().nullable(),
  modes: z.array(ZoneModeSchema),
  members: z.array(z.object({ linkId: z.string(), orgId: z.string(), orgName: z.string(), kind: OrgKindSchema })),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type Zone = z.infer<typeof ZoneSchema>;
export const ZoneListQuerySchema = z.object({ includeEnded: QueryBool.default(false) });
export const ZoneListSchema = z.object({ items: z.array(ZoneSchema), abilities: CreateAbility });

const Modes = z.array(ZoneModeSchema).min(1, '请至少选择一种协作模式').max(10, '协作模式不超过10项');

/** POST /api/v1/zones — lead and members must belong to the county; the lead is always a member. */
export const ZoneCreateBodySchema = z.object({
  nameZh: z.string().trim().min(1, '请填写片区名称').max(60),
  countyOrgId: Id,
  leadOrgId: Id,
  modes: Modes,
  memberOrgIds: z.array(Id).max(500).default([]),
  validFrom: IsoDate.optional(),
});

/** PATCH /api/v1/zones/:id — validTo ends the zone and its memberships (needed before a county is retired). */
export const ZonePatchBodySchema = z.object({
  version: Version,
  nameZh: z.string().trim().min(1, '请填写片区名称').max(60).optional(),
  leadOrgId: Id.optional(),
  modes: Modes.optional(),
  validTo: IsoDate.optional(),
});

// ---------------------------------------------------------------- linkage map

export const MapCategorySchema = z.enum(['leader', 'office', 'group', 'county', 'host', 'zone', 'township']);
export const MapEdgeTypeSchema = z.enum(['OVERSIGHT', 'LIAISON', 'DISPATCH', 'ZONE_MEMBER', 'ZONE_LEAD']);

/**
 * GET /api/v1/linkage-map — links in force today whose org ends are all in the caller's scope.
 * Edges run leader → office (OVERSIGHT), office → group/county (LIAISON), group → host unit
 * (DISPATCH), zone → member (ZONE_MEMBER) and zone → lead org (ZONE_LEAD).
 */
export const LinkageMapSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), name: z.string(), category: MapCategorySchema })),
  edges: z.array(z.object({ source: z.string(), target: z.string(), type: MapEdgeTypeSchema })),
});
export type LinkageMap = z.infer<typeof LinkageMapSchema>;

// ---------------------------------------------------------------- people

/** 人员信息 (business content). The ID number is never listed; only its masked form. */
export const PersonSchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  position: z.string().nullable(),
  /** 职级 */
  rankLevel: z.string().nullable(),
  partyMember: z.boolean(),
  /** 监察对象 */
  isSupervisionObject: z.boolean(),
  hasIdNumber: z.boolean(),
  /** e.g. 6201**********123X */
  idNumberMasked: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ revealIdNumber: z.boolean(), setIdNumber: z.boolean() }),
});
export type Person = z.infer<typeof PersonSchema>;

export const PeopleListQuerySchema = z.object({
  unitId: Id.optional(),
  q: z.string().trim().max(40).optional(),
  page: Page,
  pageSize: PageSize,
});
export const PeopleListSchema = z.object({ items: z.array(PersonSchema), total: z.number() });

export const RevealIdNumberSchema = z.object({ idNumber: z.string() });

/** PUT /api/v1/people/:id/id-number — 18-character 公民身份号码 with a valid check character. */
export const SetIdNumberBodySchema = z.object({
  version: Version,
  idNumber: z
    .string()
    .max(40, '身份证号码不超过40个字符')
    .transform(normaliseIdNumber)
    .superRefine((v, ctx) => {
      const problem = idNumberProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

// ---------------------------------------------------------------- Excel import

/** One problem of an imported workbook, located as a user sees it in Excel (row numbers 1-based). */
export const ImportErrorSchema = z.object({ sheet: z.string(), row: z.number(), column: z.string(), message: z.string() });
export type ImportError = z.infer<typeof ImportErrorSchema>;

export const ImportQuerySchema = z.object({ dryRun: QueryBool.default(true) });

/** 200 of POST /api/v1/orgs/import: counts of organisations and links (unchanged rows are not rewritten). */
export const ImportResultSchema = z.object({
  ok: z.literal(true),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  dryRun: z.boolean(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });
export const IdParamsSchema = z.object({ id: Id });
