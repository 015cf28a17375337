import type { Workbench, WorkbenchCard, WorkbenchCardKey } from '@liandong/domain/workbench/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actionBody, seedLetter } from '../letters/test-helpers';
import { act, draft, slotsOf } from '../work-reports/test-helpers';

/*
 * 工作台 (issue 13): every card's count is its linked ledger's total through the ledger's own API, for each
 * main role, and no card shows a row outside its reader's scope.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function workbench(as: string): Promise<Workbench> {
  const res = await t.request({ method: 'GET', url: '/api/v1/workbench', as });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** The card's ledger through the API, first page of 5: its total and its row ids. */
async function ledgerOf(card: WorkbenchCard, as: string): Promise<{ total: number; ids: string[] }> {
  const sep = card.api.includes('?') ? '&' : '?';
  const inbox = card.key === 'unreadMessages';
  const res = await t.request({ method: 'GET', url: `${card.api}${sep}${inbox ? 'limit=5' : 'page=1&pageSize=5'}`, as });
  expect(res.statusCode, `${as} ${card.api}`).toBe(200);
  const body = res.json();
  return { total: inbox ? body.unread : body.total, ids: body.items.map((i: { id: string }) => i.id) };
}

const card = (wb: Workbench, key: WorkbenchCardKey) => wb.cards.find((c) => c.key === key);

/** The main roles and a card each must show with work waiting in the demo data. */
const ROLES: [string, string, WorkbenchCardKey][] = [
  ['sj.secretary', '书记', 'clueApprovals'],
  ['fsj1.deputy', '分管领导', 'clueApprovals'],
  ['ag.manager1', '案管室', 'cluesToRegister'],
  ['jc3.staff', '监督检查室', 'itemsOverdue'],
  ['edu.group', '派驻组', 'itemsOverdue'],
  ['edu.liaison', '单位联络人', 'tasksOverdue'],
  ['xf.officer1', '信访室', 'cluesFeedbackDue'],
  ['fsj2.deputy', '分管领导 (scope)', 'itemsOverdueInScope'],
  ['sc10.staff', '审查调查室', 'casesExecutionDue'],
];

describe('GET /api/v1/workbench', () => {
  it.each(ROLES)('%s (%s): each card count equals the linked ledger total, its rows are the ledger first rows', async (user, _role, busy) => {
    const wb = await workbench(user);
    expect(wb.business).toBe(true);
    expect(card(wb, busy)?.count).toBeGreaterThan(0);
    for (const c of wb.cards) {
      const ledger = await ledgerOf(c, user);
      expect(c.count, `${user} ${c.key}`).toBe(ledger.total);
      expect(
        c.rows.map((r) => r.id),
        `${user} ${c.key}`,
      ).toEqual(ledger.ids);
      expect(c.rows.length).toBeLessThanOrEqual(5);
      expect(c.ledger.startsWith('/')).toBe(true);
    }
  });

  it('builds the cards of the role only: the 案管室 registers and assigns, a unit contact sees its tasks and messages', async () => {
    const keys = (wb: Workbench) => wb.cards.map((c) => c.key);
    expect(keys(await workbench('ag.manager1'))).toEqual(expect.arrayContaining(['cluesToRegister', 'cluesToAssign', 'clueApprovals']));
    expect(keys(await workbench('edu.liaison'))).toEqual(['tasksOverdue', 'tasksDueSoon', 'lettersToAnswer', 'unreadMessages']);
    const secretary = keys(await workbench('sj.secretary'));
    expect(secretary).toEqual(expect.arrayContaining(['cluesInProgress', 'casesOpen', 'lettersToReview', 'decisionsOverdue']));
    expect(secretary).not.toContain('cluesToRegister');
    // The unit contact's card opens its portal, not the commission's board.
    expect(card(await workbench('edu.liaison'), 'tasksOverdue')?.ledger).toBe('/portal/tasks?light=RED');
    expect(card(await workbench('edu.liaison'), 'lettersToAnswer')?.ledger).toBe('/portal/letters?state=SERVED%2CRECTIFYING');
    expect(card(await workbench('ag.manager1'), 'cluesToRegister')?.ledger).toBe('/clues?state=RECEIVED');
  });

  it('the 三员 keep their admin home: no business cards', async () => {
    for (const admin of ['sysadmin', 'secadmin', 'auditadmin']) {
      expect(await workbench(admin)).toEqual({ business: false, cards: [] });
    }
  });

  it('answers 401 without a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/workbench' });
    expect(res.statusCode).toBe(401);
  });

  it('never shows a row outside its reader: another group gets 404 for it and does not see it on its own card', async () => {
    const edu = card(await workbench('edu.group'), 'itemsOverdue');
    const fin = card(await workbench('fin.group'), 'itemsOverdue');
    expect(edu?.rows.length).toBeGreaterThan(0);
    const finIds = new Set(fin?.rows.map((r) => r.id));
    for (const row of edu?.rows ?? []) {
      expect(finIds.has(row.id)).toBe(false);
      const res = await t.request({ method: 'GET', url: `/api/v1/supervision/items/${row.id}`, as: 'fin.group' });
      expect(res.statusCode).toBe(404);
    }
    const task = card(await workbench('edu.liaison'), 'tasksOverdue')?.rows[0];
    expect(task).toBeDefined();
    const bank = card(await workbench('bank.liaison'), 'tasksOverdue');
    expect(bank?.rows.map((r) => r.id)).not.toContain(task?.id);
    const res = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${task?.id}`, as: 'bank.liaison' });
    expect(res.statusCode).toBe(404);
  });

  it('follows the work: a clue the 案管室 registers leaves the to-register card and joins the to-assign card', async () => {
    const before = await workbench('ag.manager1');
    const toRegister = card(before, 'cluesToRegister');
    const first = toRegister?.rows[0];
    expect(first).toBeDefined();
    const clue = await t.request({ method: 'GET', url: `/api/v1/clues/${first?.id}`, as: 'ag.manager1' });
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/clues/${first?.id}/actions`,
      payload: { action: 'register', version: clue.json().version },
      as: 'ag.manager1',
    });
    expect(res.statusCode).toBe(200);
    const after = await workbench('ag.manager1');
    expect(card(after, 'cluesToRegister')?.count).toBe((toRegister?.count ?? 0) - 1);
    expect(card(after, 'cluesToAssign')?.count).toBe((card(before, 'cluesToAssign')?.count ?? 0) + 1);
    expect(card(after, 'cluesToAssign')?.rows.map((r) => r.id)).toContain(first?.id);
  });

  it("a work report submitted for approval lands on its head's card (and the calendar filter), not on another group's", async () => {
    const before = card(await workbench('edu.group'), 'reportApprovals');
    const [slot] = await slotsOf(t, 'LZ-JW-PZ-JYJ', 'YEARLY', 2031);
    const report = await draft(t, 'edu.staff', slot!.id);
    expect((await act(t, 'edu.staff', report.id, 'submit', report.version)).statusCode).toBe(200);
    const after = card(await workbench('edu.group'), 'reportApprovals');
    expect(after?.count).toBe((before?.count ?? 0) + 1);
    expect(after?.rows.find((r) => r.id === slot!.id)?.link).toBe(`/work-reports/${report.id}`);
    expect(after?.ledger).toBe('/work-reports?toApprove=true');
    // The drafter waits, the head approves: the drafter's own card does not ask them.
    expect(card(await workbench('edu.staff'), 'reportApprovals')?.rows.map((r) => r.id)).not.toContain(slot!.id);
    expect(card(await workbench('fin.group'), 'reportApprovals')?.rows.map((r) => r.id)).not.toContain(slot!.id);
    const bad = await t.request({ method: 'GET', url: '/api/v1/report-slots?toApprove=maybe', as: 'edu.group' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'querystring.toApprove', message: '取值须为 true 或 false' });
  });

  it("a leader's overdue items across the scope: the 书记 the commission, a 分管领导 the orgs in their charge, 404 beyond", async () => {
    const secretary = card(await workbench('sj.secretary'), 'itemsOverdueInScope');
    const deputy = card(await workbench('fsj2.deputy'), 'itemsOverdueInScope');
    expect(secretary?.ledger).toBe('/supervision/my-items?role=scope&light=RED&year=all');
    expect(deputy?.count).toBeGreaterThan(0);
    // Across the scope, not only what the leader's own org leads (which is nothing: the commission leads no item).
    const own = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=all&light=RED', as: 'fsj2.deputy' });
    expect(own.json().total).toBe(0);
    expect(secretary?.count).toBeGreaterThan(deputy?.count ?? 0);
    // Every row is red and opens for the leader; an item of the commission outside the deputy's charge is a 404 for them.
    const all = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=scope&light=RED&pageSize=200', as: 'sj.secretary' });
    expect(all.json().items.every((i: { light: string }) => i.light === 'RED')).toBe(true);
    const mine = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=scope&light=RED&pageSize=200', as: 'fsj2.deputy' });
    const deputyIds = new Set(mine.json().items.map((i: { id: string }) => i.id));
    expect(deputyIds.size).toBe(deputy?.count);
    const beyond = all.json().items.find((i: { id: string }) => !deputyIds.has(i.id));
    expect(beyond).toBeDefined();
    expect((await t.request({ method: 'GET', url: `/api/v1/supervision/items/${beyond.id}`, as: 'fsj2.deputy' })).statusCode).toBe(404);
    for (const row of deputy?.rows ?? []) {
      expect((await t.request({ method: 'GET', url: `/api/v1/supervision/items/${row.id}`, as: 'fsj2.deputy' })).statusCode).toBe(200);
    }
    // A group's "scope" is its own org: none of another group's items.
    const edu = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=scope&pageSize=200', as: 'edu.group' });
    const fin = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=scope&pageSize=200', as: 'fin.group' });
    const finIds = new Set(fin.json().items.map((i: { id: string }) => i.id));
    expect(edu.json().total).toBeGreaterThan(0);
    expect(edu.json().items.some((i: { id: string }) => finIds.has(i.id))).toBe(false);
    // Staff and groups keep their own card; the scope card is the leaders'.
    expect(card(await workbench('edu.group'), 'itemsOverdueInScope')).toBeUndefined();
    const bad = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items?role=everything', as: 'sj.secretary' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'querystring.role', message: '范围须为 lead、assist、all 或 scope' });
  });

  it("an objection lands on the 书记's card; deciding it takes it off; the drafter's peers and other units never see it", async () => {
    const before = card(await workbench('sj.secretary'), 'lettersObjected');
    expect(before?.ledger).toBe('/letters?state=OBJECTED');
    const letter = await seedLetter(t, { state: 'SERVED', title: '关于加强信贷审批管理的监察建议书（工作台异议测试）' });
    const objected = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      payload: actionBody('object', letter.version),
      as: 'bank.liaison',
    });
    expect(objected.statusCode).toBe(200);
    const after = card(await workbench('sj.secretary'), 'lettersObjected');
    expect(after?.count).toBe((before?.count ?? 0) + 1);
    expect(after?.rows.map((r) => r.id)).toContain(letter.id);
    expect(after?.rows.find((r) => r.id === letter.id)?.link).toBe(`/letters/${letter.id}`);
    // Only the deciders get the card; a unit that is not the recipient gets 404 for the letter.
    for (const other of ['fsj1.deputy', 'jc3.staff', 'edu.liaison', 'sc8.director']) expect(card(await workbench(other), 'lettersObjected')).toBeUndefined();
    expect((await t.request({ method: 'GET', url: `/api/v1/letters/${letter.id}`, as: 'edu.liaison' })).statusCode).toBe(404);
    // The 书记 rejects the objection: the letter is served again and leaves the card.
    const version = (await t.request({ method: 'GET', url: `/api/v1/letters/${letter.id}`, as: 'sj.secretary' })).json().version;
    const decided = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      payload: actionBody('rejectObjection', version),
      as: 'sj.secretary',
    });
    expect(decided.statusCode).toBe(200);
    const done = card(await workbench('sj.secretary'), 'lettersObjected');
    expect(done?.count).toBe(before?.count);
    expect(done?.rows.map((r) => r.id)).not.toContain(letter.id);
  });

  it('the 信访室 sees the petitions it owes a result to; recording the feedback takes the petition off the card', async () => {
    const before = card(await workbench('xf.officer1'), 'cluesFeedbackDue');
    expect(before?.ledger).toBe('/clues?overdue=FEEDBACK_DUE');
    const first = before?.rows[0];
    expect(first).toBeDefined();
    // The 案管室 and the undertaking offices are not the 信访室: no such card for them.
    expect(card(await workbench('ag.manager1'), 'cluesFeedbackDue')).toBeUndefined();
    expect(card(await workbench('jc3.staff'), 'cluesAcknowledgeDue')).toBeUndefined();
    const clue = (await t.request({ method: 'GET', url: `/api/v1/clues/${first?.id}`, as: 'xf.officer1' })).json();
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/clues/${first?.id}/actions`,
      payload: { action: 'feedback', version: clue.version },
      as: 'xf.officer1',
    });
    expect(res.statusCode).toBe(200);
    const after = card(await workbench('xf.officer1'), 'cluesFeedbackDue');
    expect(after?.count).toBe((before?.count ?? 0) - 1);
    expect(after?.rows.map((r) => r.id)).not.toContain(first?.id);
  });

  it('the 审查调查室 sees the cases whose decision it must announce or whose execution it must report; another office does not', async () => {
    const wb = await workbench('sc10.staff');
    const execution = card(wb, 'casesExecutionDue');
    expect(card(wb, 'casesAnnounceDue')?.count).toBeGreaterThan(0);
    expect(execution?.ledger).toBe('/cases?stage=all&overdue=EXECUTION_DUE');
    const row = execution?.rows[0];
    expect(row).toBeDefined();
    // An office that is not on the case: neither on its card nor through the case page.
    const other = card(await workbench('sc8.staff'), 'casesExecutionDue');
    expect(other?.rows.map((r) => r.id)).not.toContain(row?.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${row?.id}`, as: 'sc8.staff' })).statusCode).toBe(404);
    // Leaders keep their figures; the lead side's steps are not theirs.
    expect(card(await workbench('sj.secretary'), 'casesExecutionDue')).toBeUndefined();
    // Reporting the execution takes the case off the card.
    const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${row?.id}`, as: 'sc10.staff' })).json();
    expect(detail.abilities.actions).toContain('reportExecution');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${row?.id}/actions`,
      payload: { action: 'reportExecution', version: detail.version },
      as: 'sc10.staff',
    });
    expect(res.statusCode).toBe(200);
    expect(card(await workbench('sc10.staff'), 'casesExecutionDue')?.count).toBe((execution?.count ?? 0) - 1);
  });
});
