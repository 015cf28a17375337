/** Work reports over HTTP: drafting, the kernel's transitions, four eyes, who sees a report (404 outside), bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { act, draft, SECTIONS, slotsOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const reportCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('work_report')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const get = (as: string, id: string) => t.request({ method: 'GET', url: `/api/v1/work-reports/${id}`, as });

describe('a work report from draft to the 常委会', () => {
  it('the group drafts, its head (the 组长) returns with a reason then approves, the group submits; statistics freeze at submission', async () => {
    const [slot] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', 2030);
    expect(slot!.abilities.draft).toBe(false); // dfzf.staff keeps the calendar but does not draft
    const empty = await draft(t, 'fin.staff', slot!.id, { practices: '初稿', results: '', shortcomings: '', suggestions: '' });
    expect(empty).toMatchObject({ state: 'DRAFT', periodLabel: '2030年度', abilities: { edit: true, actions: ['submit'] } });
    expect(empty.title).toBe('驻市金融工作部门纪检监察组2030年度工作情况报告');
    expect(empty.stats.frozen).toBe(false);
    expect(await auditCount(t, 'report.created', empty.id)).toBe(1);

    // The four sections must be written before submission (422), and a second report of the slot is refused.
    const noContent = await act(t, 'fin.staff', empty.id, 'submit', empty.version);
    expect(noContent.statusCode).toBe(422);
    expect(noContent.json().message).toContain('工作成效、短板差距、对策建议');
    const again = await t.request({ method: 'POST', url: '/api/v1/work-reports', as: 'fin.staff', payload: { slotId: slot!.id } });
    expect(again.statusCode).toBe(422);

    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/work-reports/${empty.id}`,
      as: 'fin.staff',
      payload: { version: empty.version, ...SECTIONS },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const p = patched.json();
    expect(p.results).toBe(SECTIONS.results);
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/work-reports/${empty.id}`,
      as: 'fin.staff',
      payload: { version: empty.version, title: '改标题' },
    });
    expect(stale.statusCode).toBe(409);

    const sub = await act(t, 'fin.staff', p.id, 'submit', p.version);
    expect(sub.statusCode, sub.body).toBe(200);
    const pending = (await get('fin.group', p.id)).json();
    expect(pending).toMatchObject({ state: 'PENDING_APPROVAL', abilities: { edit: false, actions: ['approve', 'returnDraft'] } });
    expect(pending.stats.frozen).toBe(true);
    // Not a colleague who is not the head, not the 分管领导 (the group has a head), not another leader.
    const colleague = await act(t, 'fin.staff', p.id, 'approve', pending.version);
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json().message).toContain('汇报单位负责人');
    expect((await act(t, 'cw1.member', p.id, 'approve', pending.version)).statusCode).toBe(404);
    expect((await act(t, 'cw2.member', p.id, 'approve', pending.version)).statusCode).toBe(404);
    const noReason = await act(t, 'fin.group', p.id, 'returnDraft', pending.version);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0]).toMatchObject({ path: 'comment', message: '请填写理由' });
    expect((await act(t, 'fin.group', p.id, 'returnDraft', pending.version, '请补充线索处置数据分析')).statusCode).toBe(200);
    const returned = (await get('fin.staff', p.id)).json();
    expect(returned).toMatchObject({ state: 'RETURNED', returnReason: '请补充线索处置数据分析', abilities: { edit: true, actions: ['submit'] } });
    expect(returned.stats.frozen).toBe(false);

    let v = (await act(t, 'fin.staff', p.id, 'submit', returned.version)).json().version;
    const ok = await act(t, 'fin.group', p.id, 'approve', v);
    expect(ok.statusCode, ok.body).toBe(200);
    v = ok.json().version;
    // Only a held meeting hears a report; the group cannot skip to HEARD; a leader cannot submit for it (nor see it yet).
    expect((await act(t, 'cw1.member', p.id, 'submitToCommittee', v)).statusCode).toBe(404);
    const submitted = await act(t, 'fin.staff', p.id, 'submitToCommittee', v);
    expect(submitted.statusCode).toBe(200);
    const hear = await act(t, 'fin.staff', p.id, 'hear', submitted.json().version);
    expect(hear.statusCode).toBe(403);
    expect(hear.json().message).toContain('会议召开时自动记录');
    const done = (await get('fin.staff', p.id)).json();
    expect(done).toMatchObject({ state: 'SUBMITTED', approvedBy: '隗正清' });
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'returnDraft', 'submit', 'approve', 'submitToCommittee']);
    expect(await auditCount(t, 'report.transitioned', p.id)).toBe(5);
    // The head — and no 分管领导 — heard of the submission; the group heard of the return.
    const inbox = await t.db
      .selectFrom('inbox_message as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title'])
      .where('n.link', '=', `/work-reports/${p.id}`)
      .execute();
    expect(inbox.filter((n) => n.title.includes('提交审批')).map((n) => n.username)).toEqual(['fin.group', 'fin.group']);
    expect(inbox.map((n) => n.username)).not.toContain('cw1.member');
    expect(inbox.filter((n) => n.username === 'fin.staff' && n.title.includes('退回修改'))).toHaveLength(1);
  });

  it('four eyes: the head may not approve a report they drafted or submitted; the overseeing 分管领导 approves it instead', async () => {
    // fin.group, the group's head, drafts the report: the approval passes to cw1.member, who oversees the group.
    const [slot] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', 2031);
    const r = await draft(t, 'fin.group', slot!.id);
    const v = (await act(t, 'fin.group', r.id, 'submit', r.version)).json().version;
    const mine = await act(t, 'fin.group', r.id, 'approve', v);
    expect(mine.statusCode).toBe(422);
    expect(mine.json().message).toContain('四眼原则');
    expect((await get('fin.group', r.id)).json().state).toBe('PENDING_APPROVAL');
    expect((await get('cw1.member', r.id)).json().abilities.actions).toEqual(['approve', 'returnDraft']);
    expect((await act(t, 'cw2.member', r.id, 'approve', v)).statusCode).toBe(404);
    const ok = await act(t, 'cw1.member', r.id, 'approve', v);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get('fin.group', r.id)).json()).toMatchObject({ state: 'APPROVED', approvedBy: '邰书亭' });
    const told = await t.db
      .selectFrom('inbox_message as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.link', '=', `/work-reports/${r.id}`)
      .where('n.title', 'like', '%提交审批%')
      .execute();
    expect(told.map((n) => n.username)).toEqual(['cw1.member']);

    // Drafted by a colleague but submitted by the head: the same.
    const [slot2] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', 2034);
    const r2 = await draft(t, 'fin.staff', slot2!.id);
    const v2 = (await act(t, 'fin.group', r2.id, 'submit', r2.version)).json().version;
    expect((await act(t, 'fin.group', r2.id, 'approve', v2)).statusCode).toBe(422);
    expect((await act(t, 'cw1.member', r2.id, 'approve', v2)).statusCode).toBe(200);
  });
});

describe('who sees a report', () => {
  it('another group or a county gets 404; the standing committee reads it once submitted; drafts stay with the group', async () => {
    const [slot] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', 2032);
    const r = await draft(t, 'fin.staff', slot!.id);
    for (const who of ['edu.group', 'cg.county', 'cw5.member', 'dfzf.staff', 'cw1.member', 'jc2.staff'])
      expect((await get(who, r.id)).statusCode, who).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/work-reports/${r.id}`, as: 'bank.liaison' })).statusCode).toBe(404);
    let v = (await act(t, 'fin.staff', r.id, 'submit', r.version)).json().version;
    expect((await get('fin.group', r.id)).statusCode).toBe(200); // the head
    // The 书记 hears it at the 常委会 and the 分管领导 stands in only without a head: neither sees it before 报送.
    for (const who of ['cw5.member', 'cw1.member', 'sj.secretary']) expect((await get(who, r.id)).statusCode, who).toBe(404);
    v = (await act(t, 'fin.group', r.id, 'approve', v)).json().version;
    await act(t, 'fin.staff', r.id, 'submitToCommittee', v);
    for (const who of ['cw5.member', 'dfzf.staff', 'sj.secretary', 'fsj1.deputy']) expect((await get(who, r.id)).statusCode, who).toBe(200);
    for (const who of ['edu.group', 'cg.county', 'jc2.staff']) expect((await get(who, r.id)).statusCode, who).toBe(404);
    expect(await auditCount(t, 'report.read', r.id)).toBeGreaterThanOrEqual(5);
    // The list is scoped the same way: another group does not see it.
    const list = await t.request({ method: 'GET', url: '/api/v1/work-reports?year=2032', as: 'edu.group' });
    expect(list.json().items).toEqual([]);
    const theirs = await t.request({ method: 'GET', url: '/api/v1/work-reports?year=2032', as: 'cw5.member' });
    expect(theirs.json().items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    // Another group may not write it either (404 before any rule is revealed).
    const patch = await t.request({ method: 'PATCH', url: `/api/v1/work-reports/${r.id}`, as: 'edu.group', payload: { version: 1, title: '篡改' } });
    expect(patch.statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('4xx with zh-CN messages on the field, nothing written', async () => {
    const [slot] = await slotsOf(t, 'LZ-JW-PZ-JYJ', 'YEARLY', 2033);
    const before = await reportCount();
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      ['edu.staff', { slotId: '不是编号' }, 400, 'slotId', '编号格式不正确'],
      ['edu.staff', { slotId: slot!.id, title: 'x'.repeat(201) }, 400, 'title', '不超过200个字符'],
      ['edu.staff', { slotId: slot!.id, practices: 'a\u0000b' }, 400, 'practices', '不得包含控制字符'],
      ['fin.staff', { slotId: slot!.id }, 400, 'slotId', '不属于本单位'],
    ];
    for (const [as, payload, status, path, message] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/v1/work-reports', as, payload });
      expect(res.statusCode, res.body).toBe(status);
      const issue = (res.json().details.issues as { path: string; message: string }[]).find((d) => d.path === path);
      expect(issue?.message, res.body).toContain(message);
    }
    expect((await t.request({ method: 'POST', url: '/api/v1/work-reports', as: 'dfzf.staff', payload: { slotId: slot!.id } })).statusCode).toBe(403);
    expect(await reportCount()).toBe(before);
    const r = await draft(t, 'edu.staff', slot!.id);
    const bad = await t.request({
      method: 'POST',
      url: `/api/v1/work-reports/${r.id}/actions`,
      as: 'edu.staff',
      payload: { action: 'publish', version: r.version },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'action', message: '操作不正确' });
    expect((await get('edu.staff', r.id)).json()).toMatchObject({ state: 'DRAFT', version: r.version });
  });
});
