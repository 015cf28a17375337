import { z } from 'zod';
import { SharedAccessSchema } from '../shares/contracts';
import { ExactTotalQuerySchema, LedgerTotalSchema, text } from '../platform/common';
import { BasisSchema, FindingDispositionSchema, FrequencySchema, LightSchema, ListTypeSchema, MethodSchema, SideSchema } from './enums';
import { ItemActionSchema, ItemStateSchema } from './machine';

/*
 * Contracts of 监督清单 (annual supervision lists, items, 室组会商, progress, findings, 共性事项 and the
 * coordinator's matrix) — domain.md b.3, c.3. Dates are ISO calendar dates (YYYY-MM-DD).
 */

export const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
export const Id = z.uuid('编号格式不正确');
const Version = z.number('请提供版本号').int('版本号须为整数').min(1).max(2_147_483_647);
export const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');
export const BodyYear = z.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');
export const Matter = text(500, 1);
export const Bases = z.array(BasisSchema).max(10, '依据不超过10项');
export const Methods = z.array(MethodSchema).min(1, '请选择监督方式').max(10, '监督方式不超过10项');
const Ids = z.array(Id).max(200, '不超过200项');

export const NamedRefSchema = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRefSchema>;

// ---------------------------------------------------------------- items

export const ItemAbilitiesSchema = z.object({
  update: z.boolean(),
  consult: z.boolean(),
  approve: z.boolean(),
  start: z.boolean(),
  report: z.boolean(),
  recordFinding: z.boolean(),
  complete: z.boolean(),
  close: z.boolean(),
  reopen: z.boolean(),
  requestAdjust: z.boolean(),
  approveAdjust: z.boolean(),
  rejectAdjust: z.boolean(),
  cancel: z.boolean(),
});
export type ItemAbilities = z.infer<typeof ItemAbilitiesSchema>;

/** A proposed mid-year adjustment awaiting the leader (only the fields that change). */
export const AdjustmentSchema = z.object({
  matter: Matter.optional(),
  dueDate: IsoDate.optional(),
  leadOrgId: Id.optional(),
  assistOrgId: Id.optional(),
});
export type Adjustment = z.infer<typeof AdjustmentSchema>;

/** A supervision item (监督事项) of a list. */
export const ItemSchema = z.object({
  id: z.string(),
  listId: z.string(),
  listTitle: z.string(),
  listType: ListTypeSchema,
  year: z.number(),
  seq: z.number(),
  matter: z.string(),
  bases: z.array(BasisSchema),
  leadSide: SideSchema,
  leadOrgId: z.string(),
  leadOrgName: z.string(),
  assistSide: SideSchema.nullable(),
  assistOrgId: z.string().nullable(),
  assistOrgName: z.string().nullable(),
  responsibleUsers: z.array(NamedRefSchema),
  hostUnits: z.array(NamedRefSchema),
  methods: z.array(MethodSchema),
  frequency: FrequencySchema.nullable(),
  dueDate: z.string().nullable(),
  state: ItemStateSchema,
  light: LightSchema,
  commonItemId: z.string().nullable(),
  /** 点题派单: the leader who ordered the item directly. */
  orderedBy: NamedRefSchema.nullable(),
  lastProgressAt: z.string().nullable(),
  pendingAdjustment: AdjustmentSchema.nullable(),
  version: z.number(),
  abilities: ItemAbilitiesSchema,
});
export type Item = z.infer<typeof ItemSchema>;

export const ItemEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromState: ItemStateSchema.nullable(),
  toState: ItemStateSchema,
  comment: z.string().nullable(),
  actor: NamedRefSchema.nullable(),
  at: z.string(),
});
export type ItemEvent = z.infer<typeof ItemEventSchema>;

export const ProgressSchema = z.object({
  id: z.string(),
  period: z.string().nullable(),
  content: z.string(),
  attachments: z.array(z.object({ id: z.string(), filename: z.string() })),
  reportedBy: NamedRefSchema,
  reportedAt: z.string(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const FindingSchema = z.object({
  id: z.string(),
  description: z.string(),
  disposition: FindingDispositionSchema,
  hostUnit: NamedRefSchema.nullable(),
  handedOver: z.object({ type: z.string(), id: z.string(), at: z.string() }).nullable(),
  createdBy: NamedRefSchema,
  createdAt: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** GET /api/v1/supervision/items/:id */
export const ItemDetailSchema = ItemSchema.extend({
  events: z.array(ItemEventSchema),
  progress: z.array(ProgressSchema),
  findings: z.array(FindingSchema),
  /** Opened under 信息互通 grants (read-only; SUMMARY withholds progress, findings and the timeline). */
  shared: SharedAccessSchema,
});
export type ItemDetail = z.infer<typeof ItemDetailSchema>;

const ItemFields = {
  matter: Matter,
  bases: Bases,
  leadSide: SideSchema,
  leadOrgId: Id,
  assistSide: SideSchema.nullish(),
  assistOrgId: Id.nullish(),
  responsibleUserIds: Ids.optional(),
  hostUnitIds: Ids.optional(),
  methods: Methods,
  frequency: FrequencySchema.nullish(),
  dueDate: IsoDate.nullish(),
};

/** POST /api/v1/supervision/lists/:id/items — a DRAFT item. */
export const ItemCreateBodySchema = z.object(ItemFields);
export type ItemCreateBody = z.infer<typeof ItemCreateBodySchema>;

/** PATCH /api/v1/supervision/items/:id — only while DRAFT/CONSULTED; only the fields sent change. */
export const ItemPatchBodySchema = z.object({
  version: Version,
  matter: Matter.optional(),
  bases: Bases.optional(),
  leadSide: SideSchema.optional(),
  leadOrgId: Id.optional(),
  assistSide: SideSchema.nullable().optional(),
  assistOrgId: Id.nullable().optional(),
  responsibleUserIds: Ids.optional(),
  hostUnitIds: Ids.optional(),
  methods: Methods.optional(),
  frequency: FrequencySchema.nullable().optional(),
  dueDate: IsoDate.nullable().optional(),
});
export type ItemPatchBody = z.infer<typeof ItemPatchBodySchema>;

/** POST /api/v1/supervision/items — 点题派单 by a leader: created directly APPROVED. */
export const ItemOrderBodySchema = z.object({
  listId: Id,
  matter: Matter,
  bases: Bases,
  leadSide: SideSchema,
  leadOrgId: Id,
  assistSide: SideSchema.nullish(),
  assistOrgId: Id.nullish(),
  methods: Methods,
  dueDate: IsoDate,
  comment: text(1000, 1),
});
export type ItemOrderBody = z.infer<typeof ItemOrderBodySchema>;

/** POST /api/v1/supervision/items/:id/transitions */
export const ItemTransitionBodySchema = z.object({
  action: ItemActionSchema,
  version: Version,
  comment: text(1000).optional(),
  /** requestAdjust only: the proposed changes. */
  adjustment: AdjustmentSchema.optional(),
});
export type ItemTransitionBody = z.infer<typeof ItemTransitionBodySchema>;

/** POST /api/v1/supervision/items/:id/progress — a progress report (action `report`). */
export const ProgressBodySchema = z.object({
  version: Version,
  period: text(50).optional(),
  content: text(5000, 1),
  attachmentIds: Ids.optional(),
});
export type ProgressBody = z.infer<typeof ProgressBodySchema>;

/** POST /api/v1/supervision/items/:id/findings — a finding (action `recordFinding`). */
export const FindingBodySchema = z.object({
  version: Version,
  description: text(5000, 1),
  disposition: FindingDispositionSchema,
  hostUnitId: Id.optional(),
  /** 行业领域: a code of the SECTOR dictionary. */
  sector: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, '行业领域须为数据字典“行业领域”的编码')
    .optional(),
});
export type FindingBody = z.infer<typeof FindingBodySchema>;

/** GET /api/v1/supervision/my-items */
/**
 * Which items of 我的事项: my org leads (`lead`), assists (`assist`), either or names me responsible (`all`);
 * `scope`: every item in the caller's org scope (the leaders' view of their scope: the 书记 the commission, a
 * 分管领导 the orgs in their charge), under the same visibility as the item page.
 */
export const MY_ITEMS_ROLES = ['lead', 'assist', 'all', 'scope'] as const;
export const MyItemsRoleSchema = z.enum(MY_ITEMS_ROLES, '范围须为 lead、assist、all 或 scope');
export type MyItemsRole = z.infer<typeof MyItemsRoleSchema>;

export const MyItemsQuerySchema = z.object({
  role: MyItemsRoleSchema.default('all'),
  state: ItemStateSchema.optional(),
  light: LightSchema.optional(),
  year: Year.optional(),
  /** Only the items this org leads (牵头). */
  leadOrgId: z.uuid('牵头单位编号格式不正确').optional(),
  page: z.coerce.number('页码须为整数').int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number('每页条数须为整数').int().min(1).max(200).default(20),
  ...ExactTotalQuerySchema.shape,
});
export type MyItemsQuery = z.infer<typeof MyItemsQuerySchema>;

export const MyItemsSchema = z.object({ items: z.array(ItemSchema), ...LedgerTotalSchema.shape });

// ---------------------------------------------------------------- lists

export const ListAbilitiesSchema = z.object({
  update: z.boolean(),
  addItem: z.boolean(),
  consult: z.boolean(),
  approve: z.boolean(),
  /** 点题派单 into this list. */
  order: z.boolean(),
  exportDocx: z.boolean(),
  /** 印发 the list as a 通知 with a 发文字号: the 党风政风监督室, once every live item is approved. */
  issue: z.boolean(),
});
export type ListAbilities = z.infer<typeof ListAbilitiesSchema>;

const CountsByLight = z.object({
  GREEN: z.number(),
  YELLOW: z.number(),
  RED: z.number(),
  DONE: z.number(),
  NONE: z.number(),
});

export const ListSummarySchema = z.object({
  id: z.string(),
  year: z.number(),
  type: ListTypeSchema,
  title: z.string(),
  ownerGroupId: z.string(),
  ownerGroupName: z.string(),
  liaisonOfficeId: z.string(),
  liaisonOfficeName: z.string(),
  coordinatorOfficeName: z.string(),
  hostUnits: z.array(NamedRefSchema),
  bases: z.array(BasisSchema),
  itemCount: z.number(),
  doneCount: z.number(),
  /** 0..1 */
  completionRate: z.number(),
  lights: CountsByLight,
  /** state → count */
  stateCounts: z.record(z.string(), z.number()),
  approvedAt: z.string().nullable(),
  /** 发文字号 of the 通知 that issued the list (兰纪发〔2026〕3号); null until 印发. */
  docNo: z.string().nullable(),
  /** Day of 印发 (YYYY-MM-DD, the commission's calendar); null until 印发. */
  issuedOn: z.string().nullable(),
  version: z.number(),
  abilities: ListAbilitiesSchema,
});
export type ListSummary = z.infer<typeof ListSummarySchema>;

export const ListQuerySchema = z.object({
  year: Year.optional(),
  type: ListTypeSchema.optional(),
  groupId: Id.optional(),
  liaisonOfficeId: Id.optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const ListCollectionSchema = z.object({
  items: z.array(ListSummarySchema),
  abilities: z.object({ create: z.boolean() }),
});

/** A participant of a 室组会商 (input: orgId, orgName and role may be omitted). */
export const ParticipantSchema = z.object({
  orgId: Id.nullish(),
  orgName: text(100).nullish(),
  name: text(50, 1),
  role: text(50).nullish(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const ConsultationSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  participants: z.array(z.object({ orgId: z.string().nullable(), orgName: z.string().nullable(), name: z.string(), role: z.string().nullable() })),
  opinions: z.string(),
  createdBy: NamedRefSchema,
  createdAt: z.string(),
});
export type Consultation = z.infer<typeof ConsultationSchema>;

/** GET /api/v1/supervision/lists/:id */
export const ListDetailSchema = ListSummarySchema.extend({
  items: z.array(ItemSchema),
  consultations: z.array(ConsultationSchema),
});
export type ListDetail = z.infer<typeof ListDetailSchema>;

/** POST /api/v1/supervision/lists */
export const ListCreateBodySchema = z.object({
  year: BodyYear,
  type: ListTypeSchema,
  ownerGroupId: Id,
  title: text(200, 1).optional(),
  bases: Bases,
  hostUnitIds: Ids.optional(),
});
export type ListCreateBody = z.infer<typeof ListCreateBodySchema>;

/** PATCH /api/v1/supervision/lists/:id */
export const ListPatchBodySchema = z.object({
  version: Version,
  title: text(200, 1).optional(),
  bases: Bases.optional(),
  hostUnitIds: Ids.optional(),
});
export type ListPatchBody = z.infer<typeof ListPatchBodySchema>;

/** POST /api/v1/supervision/lists/:id/transitions — the action applied to every item of the list in its from-state. */
export const ListTransitionBodySchema = z.object({
  action: z.enum(['consult', 'approve']),
  version: Version,
});
export type ListTransitionBody = z.infer<typeof ListTransitionBodySchema>;

/** POST /api/v1/supervision/lists/:id/issue — 印发 as a 通知, numbered once (twice → 409). */
export const ListIssueBodySchema = z.object({ version: Version });
export type ListIssueBody = z.infer<typeof ListIssueBodySchema>;

/** POST /api/v1/supervision/lists/:id/consultations — 室组会商记录. */
export const ConsultationBodySchema = z.object({
  heldOn: IsoDate,
  place: text(200).optional(),
  participants: z.array(ParticipantSchema).min(1, '请填写参会人员').max(100),
  opinions: text(10_000, 1),
});
export type ConsultationBody = z.infer<typeof ConsultationBodySchema>;

/** GET /api/v1/supervision/lists/:id/progress-chart */
export const ProgressChartSchema = z.object({
  points: z.array(
    z.object({
      /** YYYY-MM */
      month: z.string(),
      completed: z.number(),
      inProgress: z.number(),
      overdue: z.number(),
      total: z.number(),
    }),
  ),
});
export type ProgressChart = z.infer<typeof ProgressChartSchema>;
