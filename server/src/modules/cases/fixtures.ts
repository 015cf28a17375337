/**
 * Builders for the case HTTP tests (not a test file itself): cases inserted directly in a given state
 * (for speed), teams, and actions over the HTTP door.
 */
import type { CaseAction, CaseState } from '@liandong/domain/cases/machine';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/app';
import { searchVector } from '../../platform/search';

export const SC8 = 'LZ-JW-SC8';
export const FIN = 'LZ-JW-PZ-JR';
export const YZ = 'LZ-YZ';

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

let seq = 9000;

export interface CaseSpec {
  state?: CaseState;
  leadOrg?: string;
  title?: string;
  /** username → role on the investigation team; `left: true` for a member who has left. */
  inv?: { user: string; role?: 'LEAD' | 'DEPUTY_LEAD' | 'MEMBER'; left?: boolean }[];
  trial?: string[];
  set?: Record<string, unknown>;
}

/** The default team: sc8.staff leads the investigation with fin.staff (a dispatched group) on it; sl.staff1 tries it. */
export const DEFAULT_TEAM: Pick<CaseSpec, 'inv' | 'trial'> = {
  inv: [{ user: 'sc8.staff', role: 'LEAD' }, { user: 'fin.staff' }],
  trial: ['sl.staff1'],
};

/** Inserts a case in the given state with its teams; returns its id. */
export async function makeCase(t: TestApp, spec: CaseSpec = {}): Promise<string> {
  const lead = await orgId(t, spec.leadOrg ?? SC8);
  const commission = (await t.db.selectFrom('org').select('commission_id').where('id', '=', lead).executeTakeFirstOrThrow()).commission_id;
  const n = seq++;
  const title = spec.title ?? `关于某局干部涉嫌违纪违法问题案${n}`;
  const caseNo = `兰纪案〔2026〕${n}号`;
  const created = await t.db
    .insertInto('case_file')
    .values({
      commission_id: commission,
      year: 2026,
      seq: n,
      case_no: caseNo,
      title,
      summary: '演示数据：反映其利用职务便利为他人谋取利益',
      subject_name: `演示人员${n}`,
      lead_org_id: lead,
      state: spec.state ?? 'FILED',
      filed_on: '2026-01-10',
      search_tsv: searchVector([caseNo, title, `演示人员${n}`]),
      ...(spec.set ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inv = spec.inv ?? DEFAULT_TEAM.inv ?? [];
  const trial = spec.trial ?? DEFAULT_TEAM.trial ?? [];
  for (const m of inv) await addMember(t, created.id, commission, 'INVESTIGATION', m.user, m.role ?? 'MEMBER', m.left ?? false);
  for (const u of trial) await addMember(t, created.id, commission, 'TRIAL', u, 'MEMBER', false);
  return created.id;
}

async function addMember(t: TestApp, caseId: string, commission: string, team: string, username: string, role: string, left: boolean) {
  const u = await t.db.selectFrom('app_user').select(['id', 'org_id']).where('username', '=', username).executeTakeFirstOrThrow();
  await t.db
    .insertInto('case_team_member')
    .values({
      commission_id: commission,
      case_id: caseId,
      team,
      user_id: u.id,
      org_id: u.org_id,
      role,
      left_on: left ? sql<string>`current_date` : null,
    })
    .execute();
}

export async function version(t: TestApp, caseId: string): Promise<number> {
  return (await t.db.selectFrom('case_file').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
}

/** A body that passes validation for each action. */
export function bodyFor(action: CaseAction, v: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { action, version: v };
  if (action === 'requestSupplement' || action === 'revoke') base.reason = '部分事实证据不足，需补充';
  if (action === 'decide') base.outcomes = [{ kind: 'PARTY_SANCTION', sanction: 'SERIOUS_WARNING' }];
  return { ...base, ...extra };
}

export async function act(t: TestApp, caseId: string, action: CaseAction, as: string, extra: Record<string, unknown> = {}) {
  return t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions`, as, payload: bodyFor(action, await version(t, caseId), extra) });
}

/** The right actor for each action with the default team (sc8.staff leads, sl.staff1 tries). */
export const ACTOR_FOR: Record<CaseAction, string> = {
  approveFiling: 'sj.secretary',
  approvePlan: 'sj.secretary',
  announce: 'sc8.staff',
  startInvestigation: 'sc8.staff',
  confirmFacts: 'sc8.staff',
  reportInvestigation: 'sc8.staff',
  transferToTrial: 'sc8.staff',
  requestSupplement: 'sl.staff1',
  returnSupplement: 'sl.staff1',
  deliberate: 'sl.staff1',
  decide: 'sj.secretary',
  transferToProcuratorate: 'sc8.staff',
  announceDecision: 'sc8.staff',
  reportExecution: 'sc8.staff',
  archive: 'ag.manager1',
  revoke: 'sj.secretary',
};

/** Columns that make the guards of an action hold when a case is put in a state directly. */
export async function prepareFor(t: TestApp, caseId: string, action: CaseAction): Promise<void> {
  if (action === 'deliberate') {
    await t.db.updateTable('case_file').set({ trial_talk_on: '2026-02-01', trial_report: '审理报告：事实清楚，证据确凿' }).where('id', '=', caseId).execute();
  }
  if (action === 'transferToProcuratorate') {
    const c = await t.db.selectFrom('case_file').select('commission_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    await t.db
      .insertInto('case_outcome')
      .values({ commission_id: c.commission_id, case_id: caseId, kind: 'PROSECUTION', four_form: 'FOURTH', decided_on: '2026-03-01' })
      .execute();
  }
}
