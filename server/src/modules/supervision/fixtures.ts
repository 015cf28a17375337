/**
 * Builders for the supervision HTTP tests (not a test file itself): org ids by code, a fresh list
 * with a 室组会商 record, items, and driving an item into any state through the real endpoints with
 * the right actor for each action.
 */
import type { ItemAction, ItemState } from '@liandong/domain/supervision/machine';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app';

export async function orgIds(t: TestApp): Promise<(code: string) => string> {
  const rows = await t.db.selectFrom('org').select(['id', 'code']).execute();
  const m = new Map(rows.map((r) => [r.code, r.id]));
  return (code: string) => {
    const id = m.get(code);
    if (!id) throw new Error(`no org ${code}`);
    return id;
  };
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export const EDU = 'LZ-JW-PZ-JYJ';
export const FIN = 'LZ-JW-PZ-JR';
export const JC3 = 'LZ-JW-JC3';
export const JC2 = 'LZ-JW-JC2';

let nextYear = 2040;
/** A year no other list of this test file uses (lists are unique per year, type and group). */
export const freshYear = () => nextYear++;

export async function createList(t: TestApp, o: { as?: string; groupCode?: string; type?: 'COMMON' | 'INDIVIDUAL'; year?: number } = {}) {
  const id = await orgIds(t);
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/supervision/lists',
    as: o.as ?? 'jc3.staff',
    payload: { year: o.year ?? freshYear(), type: o.type ?? 'INDIVIDUAL', ownerGroupId: id(o.groupCode ?? EDU), bases: ['SECTOR_FEATURE'] },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function consult(t: TestApp, listId: string, as = 'jc3.staff') {
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/supervision/lists/${listId}/consultations`,
    as,
    payload: {
      heldOn: '2026-01-15',
      place: '第三监督检查室会议室',
      participants: [{ name: '桑恪之', role: '主任' }, { name: '骆秉文' }],
      opinions: '同意清单草案',
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A DRAFT item led by the list's group and assisted by its liaison office. */
export async function addItem(t: TestApp, listId: string, extra: Record<string, unknown> = {}, as = 'jc3.staff') {
  const id = await orgIds(t);
  const list = (await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${listId}`, as })).json();
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/supervision/lists/${listId}/items`,
    as,
    payload: {
      matter: '监督落实中央八项规定精神情况',
      bases: ['CENTRAL_DECISION'],
      leadSide: 'GROUP',
      leadOrgId: list.ownerGroupId ?? id(EDU),
      assistSide: 'OFFICE',
      assistOrgId: list.liaisonOfficeId ?? id(JC3),
      methods: ['DOCUMENT_REVIEW', 'TALK'],
      dueDate: '2026-12-31',
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function getItem(t: TestApp, itemId: string, as = 'jc3.staff') {
  return (await t.request({ method: 'GET', url: `/api/v1/supervision/items/${itemId}`, as })).json();
}

/** Who does each action on an edu-group item (lead: 驻教育局组, assist/liaison: 第三监督检查室). */
export const ACTOR_FOR: Record<ItemAction, string> = {
  consult: 'edu.group',
  approve: 'cw1.member',
  start: 'edu.group',
  report: 'edu.staff',
  recordFinding: 'jc3.staff',
  complete: 'edu.group',
  close: 'jc3.staff',
  reopen: 'dfzf.staff',
  requestAdjust: 'edu.group',
  approveAdjust: 'cw1.member',
  rejectAdjust: 'sj.secretary',
  cancel: 'cw1.member',
};

/** Tries an action through its endpoint with the right actor and payload; returns the response. */
export async function attempt(t: TestApp, itemId: string, action: ItemAction, version: number, as = ACTOR_FOR[action]) {
  if (action === 'report') {
    return t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${itemId}/progress`,
      as,
      payload: { version, content: '已召开专题会议，查阅资料12份', period: '2026年第一季度' },
    });
  }
  if (action === 'recordFinding') {
    return t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${itemId}/findings`,
      as,
      payload: { version, description: '公务接待超标准', disposition: 'RECTIFY' },
    });
  }
  const payload: Record<string, unknown> = { action, version };
  if (['reopen', 'requestAdjust', 'rejectAdjust', 'cancel'].includes(action)) payload.comment = '理由说明';
  if (action === 'requestAdjust') payload.adjustment = { dueDate: '2026-11-30' };
  return t.request({ method: 'POST', url: `/api/v1/supervision/items/${itemId}/transitions`, as, payload });
}

/** Actions that bring a fresh DRAFT item into each state. */
export const PATH_TO: Record<ItemState, ItemAction[]> = {
  DRAFT: [],
  CONSULTED: ['consult'],
  APPROVED: ['consult', 'approve'],
  IN_PROGRESS: ['consult', 'approve', 'start'],
  ISSUE_FOUND: ['consult', 'approve', 'start', 'recordFinding'],
  COMPLETED: ['consult', 'approve', 'start', 'report', 'complete'],
  CLOSED: ['consult', 'approve', 'start', 'report', 'complete', 'close'],
  ADJUSTED: ['consult', 'approve', 'start', 'requestAdjust'],
  CANCELLED: ['cancel'],
};

/** Drives a DRAFT item (of a list with a consultation record) into `state`; returns the item. */
export async function driveTo(t: TestApp, itemId: string, state: ItemState) {
  let item = await getItem(t, itemId);
  for (const action of PATH_TO[state]) {
    const res = await attempt(t, itemId, action, item.version);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    item = res.json();
  }
  expect(item.state).toBe(state);
  return item;
}
