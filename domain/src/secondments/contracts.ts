import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { text, VersionSchema } from '../platform/common';

/*
 * 抽调 / 传帮带 / 以干代训 (domain.md b.5 Secondment): the cadre pool (skills from a small dictionary,
 * history of secondments, the latest evaluation), secondment batches to a case's 审查调查组 or a 专班
 * (监督检查, 巡察 or a theme), the seconded members with their mentors (师徒) and goals, and periodic
 * evaluations. Access to the target comes from the team membership the batch creates and ends by job.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Ref = z.object({ id: z.string(), name: z.string() });

/** Skill dictionary of the pool (标签). */
export const CADRE_SKILL_LABELS = {
  CASE_INVESTIGATION: { zh: '审查调查', en: 'Investigation' },
  INTERVIEW: { zh: '谈话', en: 'Interviewing' },
  FINANCE_AUDIT: { zh: '财务审计', en: 'Finance and audit' },
  LAW: { zh: '法律法规', en: 'Law' },
  DATA_ANALYSIS: { zh: '大数据分析', en: 'Data analysis' },
  INSPECTION_TOUR: { zh: '巡察', en: 'Inspection tours' },
  SUPERVISION_CHECK: { zh: '监督检查', en: 'Supervision checks' },
  TRIAL: { zh: '案件审理', en: 'Trial review' },
  WRITING: { zh: '文字综合', en: 'Drafting' },
  ENGINEERING: { zh: '工程建设', en: 'Construction projects' },
} as const satisfies Labelled<string>;
export const CadreSkillSchema = z.enum(codesOf(CADRE_SKILL_LABELS), '技能标签不在字典中');
export type CadreSkill = z.infer<typeof CadreSkillSchema>;

/** Where a batch seconds its cadres: a case's 审查调查组, or a 专班 carrying a check, a 巡察 or a theme. */
export const SECONDMENT_TARGET_LABELS = {
  CASE: { zh: '审查调查（专案组）', en: 'Case team' },
  TASK_FORCE: { zh: '工作专班', en: 'Task force' },
  SUPERVISION_CHECK: { zh: '监督检查', en: 'Supervision check' },
  INSPECTION_TOUR: { zh: '政治巡察', en: 'Inspection tour' },
} as const satisfies Labelled<string>;
export const SecondmentTargetKindSchema = z.enum(codesOf(SECONDMENT_TARGET_LABELS), '抽调去向类型不正确');
export type SecondmentTargetKind = z.infer<typeof SecondmentTargetKindSchema>;

export const SECONDMENT_STATE_LABELS = {
  PLANNED: { zh: '未开始', en: 'Planned' },
  ACTIVE: { zh: '抽调中', en: 'Active' },
  ENDED: { zh: '已结束', en: 'Ended' },
} as const satisfies Labelled<string>;
export const SecondmentStateSchema = z.enum(codesOf(SECONDMENT_STATE_LABELS));

// ---- pool ----
export const PoolQuerySchema = z.object({
  q: text(50).optional(),
  skill: CadreSkillSchema.optional(),
  orgId: Id.optional(),
});
export type PoolQuery = z.infer<typeof PoolQuerySchema>;

export const PoolRowSchema = z.object({
  userId: z.string(),
  name: z.string(),
  org: Ref,
  position: z.string().nullable(),
  skills: z.array(CadreSkillSchema),
  note: z.string().nullable(),
  version: z.number(),
  secondments: z.number(),
  activeBatch: Ref.nullable(),
  latestScore: z.number().nullable(),
  latestEvaluatedOn: z.string().nullable(),
});
export type PoolRow = z.infer<typeof PoolRowSchema>;
export const PoolListSchema = z.object({ items: z.array(PoolRowSchema) });

export const PoolHistorySchema = z.object({
  cadre: PoolRowSchema,
  history: z.array(
    z.object({
      memberId: z.string(),
      batch: Ref,
      targetKind: SecondmentTargetKindSchema,
      targetName: z.string(),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      endedOn: z.string().nullable(),
      mentor: Ref.nullable(),
      evaluations: z.array(z.object({ evaluatedOn: z.string(), score: z.number(), comment: z.string(), by: Ref })),
    }),
  ),
});

/** PUT /api/v1/cadre-pool/:id — skills and note of a cadre (version 0 = no profile yet). */
export const ProfileBodySchema = z.object({
  skills: z.array(CadreSkillSchema).max(10, '技能标签不超过10个'),
  note: text(500).optional(),
  version: z.number('版本号须为整数').int('版本号须为整数').min(0).max(2_147_483_647),
});
export type ProfileBody = z.infer<typeof ProfileBodySchema>;

// ---- batches ----
export const BatchCreateBodySchema = z
  .object({
    name: text(100, 2),
    purpose: text(1000, 2),
    targetKind: SecondmentTargetKindSchema,
    /** The case (CASE) or the task force (any other kind). */
    targetId: Id,
    plannedStart: IsoDate,
    plannedEnd: IsoDate,
  })
  .superRefine((b, ctx) => {
    if (b.plannedEnd <= b.plannedStart) ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: '计划结束日期须晚于计划开始日期' });
  });
export type BatchCreateBody = z.infer<typeof BatchCreateBodySchema>;

export const BatchRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  targetKind: SecondmentTargetKindSchema,
  target: Ref,
  plannedStart: z.string(),
  plannedEnd: z.string(),
  state: SecondmentStateSchema,
  members: z.number(),
  version: z.number(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;
export const BatchListSchema = z.object({ items: z.array(BatchRowSchema) });

export const EvaluationSchema = z.object({ id: z.string(), evaluatedOn: z.string(), score: z.number(), comment: z.string(), by: Ref });
export const MemberSchema = z.object({
  id: z.string(),
  user: Ref,
  fromOrg: Ref,
  role: z.string(),
  mentor: Ref.nullable(),
  goals: z.string().nullable(),
  endedOn: z.string().nullable(),
  version: z.number(),
  evaluations: z.array(EvaluationSchema),
});
export const BatchDetailSchema = BatchRowSchema.extend({ members: z.array(MemberSchema), memberCount: z.number() });
export type BatchDetail = z.infer<typeof BatchDetailSchema>;

/** POST /api/v1/secondment-batches/:id/members */
export const MemberAddBodySchema = z.object({
  userId: Id,
  /** 在专案组 / 巡察组中的分工, e.g. 谈话组、资料组. */
  role: text(50, 1),
  mentorId: Id.optional(),
  goals: text(1000).optional(),
  version: VersionSchema,
});
export type MemberAddBody = z.infer<typeof MemberAddBodySchema>;

/** PATCH /api/v1/secondment-members/:id — the 师徒 pair: mentor and goals. */
export const MemberPatchBodySchema = z.object({
  mentorId: Id.nullable(),
  goals: text(1000).nullable(),
  version: VersionSchema,
});
export type MemberPatchBody = z.infer<typeof MemberPatchBodySchema>;

/** POST /api/v1/secondment-members/:id/evaluations — by the mentor or the 干部监督室. */
export const EvaluationBodySchema = z.object({
  evaluatedOn: IsoDate,
  score: z.number('评分须为0至100的整数').int('评分须为0至100的整数').min(0, '评分须为0至100的整数').max(100, '评分须为0至100的整数'),
  comment: text(2000, 2),
});
export type EvaluationBody = z.infer<typeof EvaluationBodySchema>;

export const MemberParamsSchema = z.object({ id: Id });
