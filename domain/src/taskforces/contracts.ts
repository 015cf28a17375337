import { z } from 'zod';
import { OrgKindSchema } from '../org/enums';
import { text, VersionSchema } from '../platform/common';
import { TaskForcePurposeSchema, TaskForceRoleSchema } from './enums';

/*
 * Contracts of the 工作专班 (issue 10, domain.md b.5): the task force of a campaign with its 双组长 and its
 * members from several orgs, each with dates. A membership is ended by its end date, never deleted.
 */

const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Id = z.uuid('编号格式不正确');
const NamedRef = z.object({ id: z.string(), name: z.string() });
const OrgRef = z.object({ id: z.string(), name: z.string(), kind: OrgKindSchema });

/** One membership (history included: ended ones stay). */
export const TaskForceMemberSchema = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), name: z.string(), username: z.string(), position: z.string() }),
  /** The org the member comes from (抽调单位); the account's own org unless given. */
  fromOrg: OrgRef.nullable(),
  role: TaskForceRoleSchema,
  validFrom: z.string(),
  validTo: z.string(),
  /** Today falls within the membership's dates: it grants the campaign's objects today. */
  active: z.boolean(),
  /** Ended early through the end action (who and when below). */
  ended: z.boolean(),
  addedBy: NamedRef.nullable(),
  addedAt: z.string(),
  endedBy: NamedRef.nullable(),
  endedAt: z.string().nullable(),
});
export type TaskForceMember = z.infer<typeof TaskForceMemberSchema>;

export const TaskForceSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  purpose: TaskForcePurposeSchema,
  note: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  members: z.array(TaskForceMemberSchema),
});
export type TaskForce = z.infer<typeof TaskForceSchema>;

/** GET /api/v1/campaigns/:campaignId/task-force — the campaign's 专班 (null until formed) and what the caller may do. */
export const TaskForceViewSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), leadOrg: NamedRef, startsOn: z.string().nullable(), endsOn: z.string().nullable() }),
  taskForce: TaskForceSchema.nullable(),
  abilities: z.object({ create: z.boolean(), update: z.boolean(), addMember: z.boolean(), endMember: z.boolean() }),
});
export type TaskForceView = z.infer<typeof TaskForceViewSchema>;

export const CampaignParamsSchema = z.object({ campaignId: Id });
export const CampaignMemberParamsSchema = z.object({ campaignId: Id, memberId: Id });

/** A proposed co-leader: the account, and the org they come from (their own org unless given). */
export const CoLeaderInputSchema = z.object({ userId: Id, fromOrgId: Id.nullish() });
export type CoLeaderInput = z.infer<typeof CoLeaderInputSchema>;

/** POST /api/v1/campaigns/:campaignId/task-force — form the 专班 with its two co-leaders (双组长). */
export const TaskForceCreateBodySchema = z.object({
  name: text(100, 2),
  purpose: z.literal('CAMPAIGN', '专项整治的专班类型须为 CAMPAIGN').default('CAMPAIGN'),
  note: text(2000).default(''),
  validFrom: IsoDate,
  validTo: IsoDate,
  /** Exactly two (checked as a business rule, 422 with the field path). */
  coLeaders: z.array(CoLeaderInputSchema).max(10, '组长不超过10位'),
});
export type TaskForceCreateBody = z.infer<typeof TaskForceCreateBodySchema>;

/** PATCH /api/v1/campaigns/:campaignId/task-force — only the fields sent change; new co-leaders replace the current pair. */
export const TaskForcePatchBodySchema = z.object({
  version: VersionSchema,
  name: text(100, 2).optional(),
  note: text(2000).optional(),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  coLeaders: z.array(CoLeaderInputSchema).max(10, '组长不超过10位').optional(),
});
export type TaskForcePatchBody = z.infer<typeof TaskForcePatchBodySchema>;

/** POST …/task-force/members — dates default to today (or the start of the 专班) through its end. */
export const TaskForceMemberAddBodySchema = z.object({
  version: VersionSchema,
  userId: Id,
  fromOrgId: Id.nullish(),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
});
export type TaskForceMemberAddBody = z.infer<typeof TaskForceMemberAddBodySchema>;

/** POST …/task-force/members/:memberId/end — the membership's last day (yesterday at the earliest). */
export const TaskForceMemberEndBodySchema = z.object({ version: VersionSchema, validTo: IsoDate });
export type TaskForceMemberEndBody = z.infer<typeof TaskForceMemberEndBodySchema>;

/** GET /api/v1/task-forces/mine — the caller's memberships, current and past. */
export const MyTaskForcesSchema = z.object({
  items: z.array(
    z.object({
      memberId: z.string(),
      taskForceId: z.string(),
      taskForceName: z.string(),
      purpose: TaskForcePurposeSchema,
      campaign: NamedRef.nullable(),
      role: TaskForceRoleSchema,
      fromOrg: NamedRef.nullable(),
      validFrom: z.string(),
      validTo: z.string(),
      active: z.boolean(),
    }),
  ),
});
export type MyTaskForces = z.infer<typeof MyTaskForcesSchema>;

/** GET /api/v1/task-forces/candidates — staff who may be added (the pickers), with their post and org chain. */
export const TaskForceCandidatesQuerySchema = z.object({
  q: text(50).optional(),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100).default(30),
});
export const TaskForceCandidatesSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      username: z.string(),
      position: z.string(),
      org: OrgRef,
      /** The account's org and the orgs above it: the allowed 抽调单位. */
      orgChain: z.array(OrgRef),
    }),
  ),
});
export type TaskForceCandidates = z.infer<typeof TaskForceCandidatesSchema>;
