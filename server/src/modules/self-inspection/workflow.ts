import type { AnswerBody } from '@liandong/domain/self-inspection/contracts';
import type { ResponseStatus } from '@liandong/domain/self-inspection/enums';
import { RESPONSE_MACHINE, type ResponseAction, type ResponseActor } from '@liandong/domain/self-inspection/machine';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { ownedAttachmentIds } from '../../platform/attachments/evidence';
import { todayIso } from '../../platform/calendar';
import type { TxCtx } from '../../platform/context';
import { businessRule, validation } from '../../platform/errors';
import { type Audience, short, type TransitionInput, type Workflow } from '../../platform/workflow';
import { isLiaisonOnly, responseVisible, reviewArm, SELF_STAFF_ROLES } from './access';

/*
 * The 自查反馈 answer's workflow for the kernel (platform/workflow.ts), the only writer of
 * self_inspection_response.state: the lock inside `responseVisible` (another unit's answer is a 404), the
 * caller's side (the answering unit's contact, or a reviewer of the campaign), the submit guard, the answer
 * and review columns written with the state, the timeline in self_inspection_event, and the notices — the
 * 专班 hears of a submitted report, the unit's contacts of a returned or accepted one.
 */

export interface ResponseInput extends TransitionInput<ResponseAction> {
  /** The answer of a save (start / save). */
  answer?: Omit<AnswerBody, 'version'>;
}

export interface LockedResponse {
  id: string;
  commission_id: string;
  campaign_id: string;
  lead_org_id: string;
  round_id: string;
  round_title: string;
  unit_id: string;
  unit_name: string;
  aspect_title: string;
  state: ResponseStatus;
  version: number;
  problems_count: number;
  corrected_count: number;
  problems_text: string;
  plan: string;
  /** The caller reviews the campaign's answers (lead office, 专班 co-leader or member today). */
  reviewer_ok: boolean;
}

/** The caller's side of an answer: its unit's contact, or a reviewer of its campaign (never both). */
export function responseRoles(actor: Actor, row: { unit_id: string; reviewer_ok: boolean }): ResponseActor[] {
  if (isLiaisonOnly(actor)) return row.unit_id === actor.orgId ? ['UNIT'] : [];
  return row.reviewer_ok ? ['REVIEWER'] : [];
}

const DENIED: Record<ResponseAction, string> = {
  start: '只有本单位联络人可以填报自查情况',
  save: '只有本单位联络人可以填报自查情况',
  submit: '只有本单位联络人可以报送自查情况',
  return: '只有专班成员可以审核自查情况',
  accept: '只有专班成员可以审核自查情况',
};

/** Who reviews a campaign's answers today: its 专班 members in their dates and the lead office's staff. */
async function reviewersOf(ctx: TxCtx, row: LockedResponse): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT m.user_id AS id FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
     WHERE tf.campaign_id = ${row.campaign_id}::uuid AND current_date BETWEEN m.valid_from AND m.valid_to
    UNION
    SELECT a.id FROM app_user a
     WHERE a.org_id = ${row.lead_org_id}::uuid AND a.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = a.id AND ur.role = ANY(${[...SELF_STAFF_ROLES]}::text[]))`.execute(ctx.trx);
  return rows.map((r) => r.id);
}

/** The answering unit's contacts (UNIT_LIAISON of the unit, active). */
async function contactsOf(ctx: TxCtx, row: LockedResponse): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT a.id FROM app_user a JOIN user_role ur ON ur.user_id = a.id AND ur.role = 'UNIT_LIAISON'
    WHERE a.org_id = ${row.unit_id}::uuid AND a.status = 'ACTIVE'`.execute(ctx.trx);
  return rows.map((r) => r.id);
}

type ResponseWorkflow = Workflow<LockedResponse, ResponseStatus, ResponseAction, ResponseActor, ResponseInput>;

export const responseWorkflow: ResponseWorkflow = {
  machine: RESPONSE_MACHINE,
  table: 'self_inspection_response',
  objectType: 'self_inspection_response',
  scope: { alias: 'r', visible: (a) => responseVisible(a, 'r') },
  events: { table: 'self_inspection_event', key: 'response_id', payload: true },
  auditType: (action) => (action === 'start' || action === 'save' ? 'self_inspection.response_saved' : 'self_inspection.response_transitioned'),
  async lock(ctx, id) {
    const { rows } = await sql<LockedResponse>`
      SELECT r.id, r.commission_id, r.campaign_id, c.lead_org_id, r.round_id, rd.title AS round_title, r.unit_id, o.name_zh AS unit_name,
             a.title AS aspect_title, r.state, r.version, r.problems_count, r.corrected_count, r.problems_text, r.plan,
             ${reviewArm(ctx.actor, sql`r.campaign_id`)} AS reviewer_ok
        FROM self_inspection_response r
        JOIN campaign c ON c.id = r.campaign_id
        JOIN self_inspection_round rd ON rd.id = r.round_id
        JOIN self_inspection_aspect a ON a.id = r.aspect_id
        JOIN org o ON o.id = r.unit_id
       WHERE r.id = ${id}::uuid AND ${responseVisible(ctx.actor, 'r')}
         FOR UPDATE OF r`.execute(ctx.trx);
    return rows[0];
  },
  roles: (ctx, row) => responseRoles(ctx.actor, row),
  deniedMessage: (action) => DENIED[action],

  /** A save's evidence must be files uploaded to this answer (400); answerComplete on submit (422). */
  async guard(ctx, row, input) {
    if (input.answer) {
      const ids = input.answer.evidenceIds;
      const owned = await ownedAttachmentIds(ctx.trx, ctx.actor, { type: 'self_inspection_response', id: row.id }, ids);
      const stray = ids.findIndex((e) => !owned.has(e));
      if (stray >= 0) throw validation([{ path: `evidenceIds.${stray}`, message: '佐证材料须为本条反馈上传的文件' }], '佐证材料不属于本条自查反馈');
    }
    if (RESPONSE_MACHINE.table[input.action].guard === 'answerComplete') {
      if (row.problems_count > 0 && !row.problems_text) throw businessRule('发现问题的，请填写问题描述后再报送');
      if (row.corrected_count < row.problems_count && !row.plan) throw businessRule('尚有问题未整改的，请填写整改计划后再报送');
    }
  },

  async effects(ctx, _row, input) {
    const b = input.answer;
    if (input.action === 'start' || input.action === 'save') {
      if (!b) throw new Error('a save carries its answer');
      return {
        set: {
          problems_text: b.problemsText,
          problems_count: b.problemsCount,
          corrected_count: b.correctedCount,
          corrected_text: b.correctedText,
          plan: b.plan,
          evidence_ids: sql`${[...new Set(b.evidenceIds)]}::uuid[]`,
          answered_by: ctx.actor.userId,
          answered_at: sql`now()`,
        },
        payload: { problemsCount: b.problemsCount, correctedCount: b.correctedCount, evidence: b.evidenceIds.length },
      };
    }
    if (input.action === 'submit') return { set: { submitted_at: sql`now()` } };
    return { set: { reviewed_by: ctx.actor.userId, reviewed_at: sql`now()`, review_comment: input.comment ?? null } };
  },

  notices: {
    kind: 'self_inspection',
    name: (row) => `${short(row.unit_name)}自查自纠报告`,
    link: (row) => `/campaigns/${row.campaign_id}/self-inspection`,
    async audiences(ctx, row, input): Promise<Audience[]> {
      const where = `“${short(row.round_title)}”·${row.aspect_title}`;
      if (input.action === 'submit') {
        // One notice per reviewer, unit and round a day: a unit submits its aspects one after another.
        return [
          {
            users: await reviewersOf(ctx, row),
            kind: 'self_inspection.submitted',
            title: `待审核：${short(row.unit_name)}自查自纠报告`,
            body: `${row.unit_name}已报送${where}的自查情况，请审核。操作人：${ctx.actor.displayName}`,
            dedupeKey: `si:${row.round_id}:${row.unit_id}:submitted:${todayIso()}`,
          },
        ];
      }
      const portal = `/portal/self-inspection/${row.round_id}`;
      if (input.action === 'return') {
        return [
          {
            users: await contactsOf(ctx, row),
            kind: 'self_inspection.returned',
            title: '自查情况被退回，请补充后重新报送',
            body: input.comment ?? '',
            link: portal,
          },
        ];
      }
      if (input.action === 'accept') {
        const body = `${where}的自查情况已由${ctx.actor.displayName}认可${input.comment ? `：${input.comment}` : '。'}`;
        return [{ users: await contactsOf(ctx, row), kind: 'self_inspection.accepted', title: `自查情况已认可：${row.aspect_title}`, body, link: portal }];
      }
      return [];
    },
  },
};
