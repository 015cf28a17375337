/** Scope: a group cannot read or change another group's list or item (404); the 三员 have no access. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { addItem, consult, createList, driveTo, EDU, orgIds } from './fixtures';

let t: TestApp;
let list: { id: string; version: number };
let item: { id: string; version: number };
let id: (code: string) => string;
beforeAll(async () => {
  t = await createTestApp();
  id = await orgIds(t);
  list = await createList(t);
  await consult(t, list.id);
  const draft = await addItem(t, list.id);
  item = await driveTo(t, draft.id, 'IN_PROGRESS');
});
afterAll(() => t.close());

describe('group A (edu) list seen by group B (fin)', () => {
  for (const as of ['fin.group', 'fin.staff', 'jc2.staff', 'yz.county']) {
    it(`${as}: 404 on every object route, absent from collections`, async () => {
      const reqs = [
        { method: 'GET', url: `/api/v1/supervision/lists/${list.id}` },
        { method: 'PATCH', url: `/api/v1/supervision/lists/${list.id}`, payload: { version: list.version, title: 'x' } },
        { method: 'POST', url: `/api/v1/supervision/lists/${list.id}/transitions`, payload: { action: 'consult', version: list.version } },
        { method: 'POST', url: `/api/v1/supervision/lists/${list.id}/issue`, payload: { version: list.version } },
        {
          method: 'POST',
          url: `/api/v1/supervision/lists/${list.id}/items`,
          payload: { matter: 'x', bases: [], leadSide: 'GROUP', leadOrgId: id(EDU), methods: ['TALK'] },
        },
        {
          method: 'POST',
          url: `/api/v1/supervision/lists/${list.id}/consultations`,
          payload: { heldOn: '2026-01-01', participants: [{ name: 'x' }], opinions: 'x' },
        },
        { method: 'GET', url: `/api/v1/supervision/lists/${list.id}/progress-chart` },
        { method: 'GET', url: `/api/v1/supervision/items/${item.id}` },
        { method: 'PATCH', url: `/api/v1/supervision/items/${item.id}`, payload: { version: item.version, matter: 'x' } },
        { method: 'POST', url: `/api/v1/supervision/items/${item.id}/transitions`, payload: { action: 'complete', version: item.version } },
        { method: 'POST', url: `/api/v1/supervision/items/${item.id}/progress`, payload: { version: item.version, content: 'x' } },
        { method: 'POST', url: `/api/v1/supervision/items/${item.id}/findings`, payload: { version: item.version, description: 'x', disposition: 'NONE' } },
      ] as const;
      for (const r of reqs) {
        const res = await t.request({ ...r, as } as never);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
      }
      const lists = await t.request({ method: 'GET', url: '/api/v1/supervision/lists', as });
      expect(lists.json().items.map((l: { id: string }) => l.id)).not.toContain(list.id);
      const mine = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items', as });
      expect(mine.json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    });
  }

  it('nothing changed', async () => {
    const now = (await t.request({ method: 'GET', url: `/api/v1/supervision/items/${item.id}`, as: 'edu.group' })).json();
    expect(now).toMatchObject({ state: 'IN_PROGRESS', version: item.version });
  });
});

describe('who sees it', () => {
  for (const as of ['edu.group', 'jc3.staff', 'dfzf.staff', 'cw1.member', 'sj.secretary']) {
    it(as, async () => {
      expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${list.id}`, as })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: `/api/v1/supervision/items/${item.id}`, as })).statusCode).toBe(200);
    });
  }
});

describe('the 三员 and the unit liaison', () => {
  for (const as of ['sysadmin', 'secadmin', 'auditadmin', 'edu.liaison']) {
    it(`${as}: 403 on collections, 404 on objects`, async () => {
      for (const url of [
        '/api/v1/supervision/lists',
        '/api/v1/supervision/my-items',
        '/api/v1/supervision/common-items',
        '/api/v1/supervision/matrix?year=2026',
      ]) {
        expect((await t.request({ method: 'GET', url, as })).statusCode, url).toBe(403);
      }
      expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${list.id}`, as })).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/v1/supervision/items/${item.id}`, as })).statusCode).toBe(404);
    });
  }
});

describe('my items', () => {
  it('lead, assist and all', async () => {
    const lead = (await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=lead&year=2040', as: 'edu.staff' })).json();
    expect(lead.items.map((i: { id: string }) => i.id)).toContain(item.id);
    const assist = (await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=assist&year=2040', as: 'jc3.staff' })).json();
    expect(assist.items.map((i: { id: string }) => i.id)).toContain(item.id);
    const notLead = (await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=lead&year=2040&pageSize=200', as: 'jc3.staff' })).json();
    expect(notLead.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    const filtered = (await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?state=IN_PROGRESS&light=GREEN&pageSize=1', as: 'edu.group' })).json();
    expect(filtered.total).toBeGreaterThanOrEqual(1);
    expect(filtered.items).toHaveLength(1);
    const far = (await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?page=9999', as: 'edu.group' })).json();
    expect(far.items).toHaveLength(0);
    expect(far.total).toBeGreaterThan(0);
  });
});
