import type { ClueState } from '@liandong/domain/clues/machine';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app';
import { overseeingLeadersOf } from './repo';

/* Test helpers of the clue module: demo orgs and accounts, clues over HTTP or inserted in a given state. */

export const JW = 'LZ-JW';

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export function intake(over: Record<string, unknown> = {}) {
  return {
    source: 'PETITION_LETTER',
    receivedOn: '2026-03-02',
    realName: false,
    title: '反映某局干部违规收受礼金问题',
    summary: '来信反映该干部在节日期间收受管理服务对象礼金。',
    issueTypes: ['INTEGRITY'],
    subjectName: '测试对象甲',
    subjectPosition: '科长',
    cadreManagement: 'OTHER',
    isSubordinateTopLeader: false,
    ...over,
  };
}

export async function createClue(t: TestApp, over: Record<string, unknown> = {}, as = 'xf.officer1') {
  const res = await t.request({ method: 'POST', url: '/api/v1/clues', payload: intake(over), as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export interface Seed {
  state: ClueState;
  undertaking?: string | null;
  subjectOrg?: string | null;
  receiving?: string;
  cadreManagement?: 'SAME_LEVEL_PARTY' | 'LOWER' | 'OTHER';
  subordinateTop?: boolean;
  title?: string;
  subjectName?: string;
  realName?: boolean;
}

/** Inserts a clue directly in a state (fast set-up for table tests). Org arguments are org codes. */
export async function seedClue(t: TestApp, s: Seed): Promise<{ id: string; version: number }> {
  const commission = await t.db.selectFrom('org').select('commission_id').where('code', '=', JW).executeTakeFirstOrThrow();
  const undertaking = s.undertaking === null ? null : await orgId(t, s.undertaking ?? `${JW}-JC3`);
  const row = await t.db
    .insertInto('clue')
    .values({
      commission_id: commission.commission_id,
      year: 2026,
      source: 'PETITION_LETTER',
      received_on: '2026-03-02',
      receiving_org_id: await orgId(t, s.receiving ?? `${JW}-XFS`),
      real_name: s.realName ?? false,
      title: s.title ?? '种子线索',
      summary: '用于测试的线索',
      subject_name: s.subjectName ?? '测试对象乙',
      subject_org_id: s.subjectOrg ? await orgId(t, s.subjectOrg) : null,
      cadre_management: s.cadreManagement ?? 'OTHER',
      is_subordinate_top_leader: s.subordinateTop ?? false,
      undertaking_org_id: undertaking,
      state: s.state,
      propose_due: '2026-04-02',
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function detail(t: TestApp, id: string, as = 'ag.manager1') {
  const res = await t.request({ method: 'GET', url: `/api/v1/clues/${id}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export function act(t: TestApp, id: string, body: Record<string, unknown>, as: string) {
  return t.request({ method: 'POST', url: `/api/v1/clues/${id}/actions`, payload: body, as });
}

export function ask(t: TestApp, id: string, body: Record<string, unknown>, as: string) {
  return t.request({ method: 'POST', url: `/api/v1/clues/${id}/requests`, payload: { rationale: '经研究，提请审批', ...body }, as });
}

export function decideAs(t: TestApp, requestId: string, version: number, as: string, decision = 'APPROVED', comment = '同意') {
  return t.request({ method: 'POST', url: `/api/v1/clue-requests/${requestId}/decisions`, payload: { decision, comment, version }, as });
}

/**
 * Runs a request through its whole chain, each step by a different person (never the requester): the
 * 分管领导 step by a deputy who oversees the clue, the 主要负责人 step by the 书记, external approvals
 * recorded by the 案管室. Returns the final request.
 */
export async function approveAll(t: TestApp, req: { id: string; clueId: string; version: number; chain: string[] }) {
  const clue = await t.db.selectFrom('clue').select('commission_id').where('id', '=', req.clueId).executeTakeFirstOrThrow();
  const overseers = await overseeingLeadersOf(t.db, clue.commission_id, req.clueId);
  const overseer = overseers.length
    ? (await t.db.selectFrom('app_user').select('username').where('id', 'in', overseers).orderBy('username').executeTakeFirstOrThrow()).username
    : 'sj.secretary';
  let cur = req;
  for (const kind of req.chain) {
    const as = kind === 'OVERSEEING_LEADER' ? overseer : kind === 'PRINCIPAL_LEADER' ? 'sj.secretary' : 'ag.manager1';
    const res = await decideAs(t, cur.id, cur.version, as, 'APPROVED', '同意（批示文号：测试〔2026〕1号）');
    expect(res.statusCode, `${kind}: ${res.body}`).toBe(200);
    cur = res.json();
  }
  return cur;
}
