/**
 * The item lifecycle over HTTP: a real item driven into each state, then every action tried with the
 * right actor — 409 for what the table forbids, the exact next state for what it allows. Plus the
 * door's other checks: side (403), guards, comments, stale versions, concurrent transitions.
 */
import { ITEM_ACTION_LABELS, ITEM_STATE_LABELS, type ItemAction, type ItemState, nextState } from '@liandong/domain/supervision/machine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { ACTOR_FOR, addItem, attempt, consult, createList, driveTo, getItem } from './fixtures';

const STATES = Object.keys(ITEM_STATE_LABELS) as ItemState[];
const ACTIONS = Object.keys(ITEM_ACTION_LABELS) as ItemAction[];

let t: TestApp;
let listId: string;
/** Fresh DRAFT items, created before anything in the list is approved. */
const pool: string[] = [];
const take = () => {
  const id = pool.shift();
  if (!id) throw new Error('item pool exhausted');
  return id;
};

beforeAll(async () => {
  t = await createTestApp();
  const list = await createList(t);
  listId = list.id;
  await consult(t, listId);
  for (let i = 0; i < 45; i++) pool.push((await addItem(t, listId, { matter: `事项${i + 1}` })).id);
});
afterAll(() => t.close());

describe('every state × action over HTTP', () => {
  for (const state of STATES) {
    it(`from ${state}`, async () => {
      const item = await driveTo(t, take(), state);
      const previous = item.state === 'ADJUSTED' ? 'IN_PROGRESS' : null;
      for (const action of ACTIONS) {
        const expected = nextState(state, action, previous);
        if (expected !== null) continue;
        const res = await attempt(t, item.id, action, item.version);
        expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(409);
        expect(res.json().code).toBe('ILLEGAL_TRANSITION');
      }
      expect((await getItem(t, item.id)).version).toBe(item.version); // nothing changed
      for (const action of ACTIONS) {
        const expected = nextState(state, action, previous);
        if (expected === null) continue;
        let fresh = await driveTo(t, take(), state);
        if (action === 'complete' && fresh.lastProgressAt === null) fresh = (await attempt(t, fresh.id, 'report', fresh.version)).json(); // guard hasProgress
        const res = await attempt(t, fresh.id, action, fresh.version);
        expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(200);
        expect(res.json().state, `${state} · ${action}`).toBe(expected);
        expect(res.json().version).toBe(fresh.version + 1);
      }
    });
  }
});

describe('the door', () => {
  it('names state and action in the 409 message', async () => {
    const item = await getItem(t, take());
    const res = await attempt(t, item.id, 'close', item.version);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('草拟');
    expect(res.json().message).toContain('销号');
  });

  it('refuses the wrong side with 403 and an invisible actor with 404', async () => {
    const item = await driveTo(t, take(), 'APPROVED');
    expect((await attempt(t, item.id, 'start', item.version, 'jc3.staff')).statusCode).toBe(403); // assist may not start
    expect((await attempt(t, item.id, 'start', item.version, 'fin.group')).statusCode).toBe(404);
    expect((await attempt(t, item.id, 'start', item.version, 'sysadmin')).statusCode).toBe(404);
    expect((await attempt(t, item.id, 'cancel', item.version, 'fsj1.deputy')).statusCode).toBe(404); // outside scope
    expect((await attempt(t, item.id, 'cancel', item.version, 'cw5.member')).statusCode).toBe(403); // sees all, oversees not JC3
  });

  it('needs a comment to return work, a progress report to complete', async () => {
    const item = await driveTo(t, take(), 'IN_PROGRESS');
    const c = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${item.id}/transitions`,
      as: 'edu.group',
      payload: { action: 'complete', version: item.version },
    });
    expect(c.statusCode).toBe(409);
    expect(c.json().details).toMatchObject({ guard: 'hasProgress' });
    const noComment = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${item.id}/transitions`,
      as: 'cw1.member',
      payload: { action: 'cancel', version: item.version },
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().details.issues[0].path).toBe('comment');
    const viaGeneric = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${item.id}/transitions`,
      as: 'edu.group',
      payload: { action: 'report', version: item.version },
    });
    expect(viaGeneric.statusCode).toBe(400);
    expect((await getItem(t, item.id)).version).toBe(item.version);
  });

  it('applies an approved adjustment and notifies the leader on request', async () => {
    const item = await driveTo(t, take(), 'IN_PROGRESS');
    const req = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${item.id}/transitions`,
      as: 'edu.group',
      payload: { action: 'requestAdjust', version: item.version, comment: '工作安排调整', adjustment: { matter: '调整后的事项', dueDate: '2026-11-15' } },
    });
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json()).toMatchObject({
      state: 'ADJUSTED',
      pendingAdjustment: { matter: '调整后的事项', dueDate: '2026-11-15' },
      abilities: { approveAdjust: false },
    });
    const inbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'cw1.member' });
    expect(inbox.json().items.some((m: { title: string }) => m.title.includes('申请调整'))).toBe(true);
    const ok = await attempt(t, item.id, 'approveAdjust', req.json().version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'IN_PROGRESS', matter: '调整后的事项', dueDate: '2026-11-15', pendingAdjustment: null });
  });

  it('progress reports carry attachments the actor can see', async () => {
    const item = await driveTo(t, take(), 'IN_PROGRESS');
    const bad = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${item.id}/progress`,
      as: 'edu.staff',
      payload: { version: item.version, content: '进展', attachmentIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(bad.statusCode).toBe(422);
    const after = await getItem(t, item.id);
    expect(after.progress).toHaveLength(0);
    expect(after.version).toBe(item.version);
    const good = await attempt(t, item.id, 'report', item.version);
    expect(good.statusCode).toBe(200);
    const detail = await getItem(t, item.id);
    expect(detail.progress[0]).toMatchObject({ content: '已召开专题会议，查阅资料12份', reportedBy: { name: '饶安琪' } });
    expect(detail.lastProgressAt).not.toBeNull();
    const f = await attempt(t, item.id, 'recordFinding', detail.version);
    expect((await getItem(t, f.json().id)).findings[0]).toMatchObject({ disposition: 'RECTIFY', handedOver: null });
  });
});

describe('optimistic locking', () => {
  it('a stale version is 409 and changes nothing', async () => {
    const item = await driveTo(t, take(), 'APPROVED');
    const res = await attempt(t, item.id, 'start', item.version - 1);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
    const now = await getItem(t, item.id);
    expect(now).toMatchObject({ state: 'APPROVED', version: item.version });
  });

  it('two concurrent transitions with the same version: exactly one wins', async () => {
    const item = await driveTo(t, take(), 'IN_PROGRESS');
    const [a, b] = await Promise.all([attempt(t, item.id, 'recordFinding', item.version), attempt(t, item.id, 'report', item.version)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const now = await getItem(t, item.id);
    expect(now.version).toBe(item.version + 1);
    expect(now.progress.length + now.findings.length).toBe(1);
    expect(now.events.filter((e: { action: string }) => e.action === 'report' || e.action === 'recordFinding')).toHaveLength(1);
  });
});

void ACTOR_FOR;
