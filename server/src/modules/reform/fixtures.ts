/**
 * Builders for the 以案促改 HTTP tests (not a test file itself): tasks inserted directly in a given
 * state (for speed), a valid body per action, and the right actor per action.
 */
import type { TaskAction, TaskState } from '@liandong/domain/reform/machine';
import type { TestApp } from '../../../test/app';

export const BANK = 'LZ-HU-CSYH';
export const EDU = 'LZ-HU-JYJ';
export const FIN_GROUP = 'LZ-JW-PZ-JR';

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function commissionId(t: TestApp): Promise<string> {
  return (await t.db.selectFrom('app_user').select('commission_id').where('username', '=', 'sj.secretary').executeTakeFirstOrThrow()).commission_id;
}

/** ISO date `n` calendar days from today (UTC is close enough for tests that keep a margin). */
export function daysFromToday(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface TaskSpec {
  state?: TaskState;
  unit?: string;
  supervisor?: string;
  supervisorOrg?: string;
  deadline?: string;
  escalationStep?: 'URGE' | 'TALK' | 'BULLETIN' | 'ACCOUNTABILITY' | null;
  issue?: string;
}

/** A MANUAL task of 示例城市商业银行 supervised by fin.staff (驻市金融工作部门纪检监察组) unless told otherwise. */
export async function makeTask(t: TestApp, spec: TaskSpec = {}): Promise<string> {
  const supervisor = await t.db
    .selectFrom('app_user')
    .select(['id', 'org_id', 'commission_id'])
    .where('username', '=', spec.supervisor ?? 'fin.staff')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('rectification_task')
    .values({
      commission_id: supervisor.commission_id,
      source: 'MANUAL',
      unit_org_id: await orgId(t, spec.unit ?? BANK),
      issue: spec.issue ?? '演示数据：信贷审批环节存在“一言堂”风险',
      required_outcome: '建立分级审批和集体决策制度',
      deadline: spec.deadline ?? daysFromToday(60),
      supervisor_user_id: supervisor.id,
      supervisor_org_id: spec.supervisorOrg ? await orgId(t, spec.supervisorOrg) : supervisor.org_id,
      state: spec.state ?? 'ASSIGNED',
      escalation_step: spec.escalationStep ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function taskVersion(t: TestApp, id: string): Promise<number> {
  return (await t.db.selectFrom('rectification_task').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

export const ACCOUNTABILITY_BODY = {
  targetKind: 'LEADER',
  targetName: '演示人员甲',
  targetPosition: '示例城市商业银行副行长',
  method: 'ADMONITION',
  basis: '《中国共产党问责条例》第七条',
  decidingBody: '市纪委监委',
  decidedOn: '2026-03-02',
} as const;

/** A body that passes validation for each action. */
export function bodyFor(action: TaskAction, version: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { action, version };
  switch (action) {
    case 'submitPlan':
      Object.assign(base, { measures: ['修订信贷审批制度', '开展警示教育'], timetable: [{ step: '制度修订完成', due: daysFromToday(30) }] });
      break;
    case 'reportProgress':
    case 'reportDone':
      base.content = '已完成制度修订并印发执行（演示数据）';
      break;
    case 'returnPlan':
    case 'returnWork':
      base.comment = '措施不够具体，请补充';
      break;
    case 'escalate':
      base.comment = '逾期未整改，升级督办';
      break;
  }
  return { ...base, ...extra };
}

/** The right actor for each action: the unit's contact person, the supervisor; markOverdue has none over HTTP. */
export const ACTOR_FOR: Record<TaskAction, string> = {
  submitPlan: 'bank.liaison',
  reportProgress: 'bank.liaison',
  reportDone: 'bank.liaison',
  acceptPlan: 'fin.staff',
  returnPlan: 'fin.staff',
  verify: 'fin.staff',
  returnWork: 'fin.staff',
  closeOut: 'fin.staff',
  escalate: 'fin.staff',
  markOverdue: 'fin.staff',
};

export async function act(t: TestApp, id: string, action: TaskAction, as: string, extra: Record<string, unknown> = {}) {
  return t.request({ method: 'POST', url: `/api/v1/rectification-tasks/${id}/actions`, as, payload: bodyFor(action, await taskVersion(t, id), extra) });
}
