/**
 * The rectification task's one door over HTTP: every state × action with the right actor answers the
 * machine's next state (nextTaskState) or 409; who may act (unit contact / supervisor / system only);
 * the 督办 ladder up to 问责 with the accountability written in the same transaction.
 */
import { nextTaskState, TASK_ACTION_LABELS, TASK_STATE_LABELS, type TaskAction, type TaskState } from '@liandong/domain/reform/machine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { ACCOUNTABILITY_BODY, ACTOR_FOR, act, EDU, makeTask, userId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const STATES = Object.keys(TASK_STATE_LABELS) as TaskState[];
const ACTIONS = (Object.keys(TASK_ACTION_LABELS) as TaskAction[]).filter((a) => a !== 'markOverdue');

describe('every state × action through POST /rectification-tasks/:id/actions', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = nextTaskState(state, action);
      it(`${state} · ${action} → ${expected ?? '409'}`, async () => {
        // At the 问责 rung an escalation needs the accountability body; start below it.
        const id = await makeTask(t, { state });
        const res = await act(t, id, action, ACTOR_FOR[action]);
        if (expected === null) {
          expect(res.statusCode, res.body).toBe(409);
          const row = await t.db.selectFrom('rectification_task').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
          expect(row).toEqual({ state, version: 1 });
          return;
        }
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().task.state).toBe(expected);
        const updates = await t.db.selectFrom('rectification_update').selectAll().where('task_id', '=', id).execute();
        expect(updates).toHaveLength(1);
        expect(updates[0]).toMatchObject({ from_state: state, to_state: expected });
        const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', id).execute();
        expect(audits.map((a) => a.type)).toEqual([action === 'escalate' ? 'rectification.escalated' : 'rectification.transitioned']);
      });
    }
  }

  it('markOverdue is refused to everyone over HTTP (only the daily job marks a task overdue)', async () => {
    const id = await makeTask(t, { state: 'IN_PROGRESS' });
    for (const who of ['fin.staff', 'bank.liaison', 'sj.secretary']) expect((await act(t, id, 'markOverdue', who)).statusCode).toBe(403);
  });

  it('a stale version answers 409 and changes nothing', async () => {
    const id = await makeTask(t, { state: 'ASSIGNED' });
    const res = await act(t, id, 'submitPlan', 'bank.liaison', { version: 7 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
  });
});

describe('actor rules', () => {
  it('unit actions only by the contact person of the task’s unit', async () => {
    const id = await makeTask(t, { state: 'ASSIGNED' });
    expect((await act(t, id, 'submitPlan', 'fin.staff')).statusCode).toBe(403); // the supervisor
    expect((await act(t, id, 'submitPlan', 'sj.secretary')).statusCode).toBe(403); // sees everything, is not the unit
    expect((await act(t, id, 'submitPlan', 'edu.liaison')).statusCode).toBe(404); // another unit's contact person
    const ok = await act(t, id, 'submitPlan', 'bank.liaison');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().task.plan.measures).toHaveLength(2);
  });

  it('supervisor actions only by the supervisor or staff of the supervising org (谁建议谁跟踪)', async () => {
    const id = await makeTask(t, { state: 'PLAN_SUBMITTED' });
    expect((await act(t, id, 'acceptPlan', 'bank.liaison')).statusCode).toBe(403);
    expect((await act(t, id, 'acceptPlan', 'sj.secretary')).statusCode).toBe(403);
    const other = await makeTask(t, { state: 'PLAN_SUBMITTED', supervisor: 'jc3.staff', unit: EDU });
    expect([403, 404]).toContain((await act(t, other, 'acceptPlan', 'fin.staff')).statusCode);
    expect((await act(t, other, 'acceptPlan', 'jc3.staff')).statusCode).toBe(200);
    // a colleague of the supervising org may act as well
    const colleague = await makeTask(t, { state: 'PLAN_SUBMITTED', supervisor: 'sj.secretary', supervisorOrg: 'LZ-JW-PZ-JR' });
    expect((await act(t, colleague, 'acceptPlan', 'fin.staff')).statusCode).toBe(200);
  });

  it('notifies the unit’s contact persons and the supervisor, never the actor', async () => {
    const id = await makeTask(t, { state: 'ASSIGNED' });
    await act(t, id, 'submitPlan', 'bank.liaison');
    const inbox = await t.db.selectFrom('inbox_message').select('user_id').where('link', 'like', `%${id}`).execute();
    const ids = inbox.map((m) => m.user_id);
    expect(ids).toContain(await userId(t, 'fin.staff'));
    expect(ids).not.toContain(await userId(t, 'bank.liaison'));
  });

  it('the detail answers abilities for the caller', async () => {
    const id = await makeTask(t, { state: 'PLAN_SUBMITTED' });
    const asUnit = (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${id}`, as: 'bank.liaison' })).json();
    expect(asUnit.abilities).toMatchObject({ submitPlan: true, acceptPlan: false, markOverdue: false });
    const asSupervisor = (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${id}`, as: 'fin.staff' })).json();
    expect(asSupervisor.abilities).toMatchObject({ submitPlan: false, acceptPlan: true, returnPlan: true });
  });
});

describe('督办 ladder', () => {
  it('climbs 催办 → 约谈 → 通报 → 问责, and at 问责 requires and writes the accountability in the same transaction', async () => {
    const id = await makeTask(t, { state: 'OVERDUE' });
    const steps: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await act(t, id, 'escalate', 'fin.staff');
      expect(res.statusCode, res.body).toBe(200);
      steps.push(res.json().task.escalationStep);
      expect(res.json().accountabilityId).toBeNull();
    }
    expect(steps).toEqual(['URGE', 'TALK', 'BULLETIN']);

    // the 问责 rung without an accountability: 400 on the field, nothing written
    const missing = await act(t, id, 'escalate', 'fin.staff');
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().details)).toContain('accountability');
    // a method not allowed for the target: 400 on accountability.method
    const wrong = await act(t, id, 'escalate', 'fin.staff', { accountability: { ...ACCOUNTABILITY_BODY, method: 'REORGANISATION' } });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json().details)).toContain('accountability.method');
    expect(await t.db.selectFrom('accountability').select('id').where('rectification_task_id', '=', id).execute()).toHaveLength(0);

    const last = await act(t, id, 'escalate', 'fin.staff', { accountability: ACCOUNTABILITY_BODY });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().task.escalationStep).toBe('ACCOUNTABILITY');
    const accId = last.json().accountabilityId;
    expect(accId).toBeTruthy();
    const acc = await t.db.selectFrom('accountability').selectAll().where('id', '=', accId).executeTakeFirstOrThrow();
    expect(acc).toMatchObject({ rectification_task_id: id, method: 'ADMONITION', target_kind: 'LEADER' });
    expect(last.json().task.accountabilities).toEqual([expect.objectContaining({ id: accId, method: 'ADMONITION' })]);
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', 'in', [id, accId]).execute();
    expect(audits.map((a) => a.type)).toContain('accountability.recorded');
    expect(audits.filter((a) => a.type === 'rectification.escalated')).toHaveLength(4);
  });

  it('refuses an accountability body below the 问责 rung', async () => {
    const id = await makeTask(t, { state: 'OVERDUE' });
    const res = await act(t, id, 'escalate', 'fin.staff', { accountability: ACCOUNTABILITY_BODY });
    expect(res.statusCode).toBe(400);
  });

  it('a task can be worked on after escalation: plan, done, verify, close', async () => {
    const id = await makeTask(t, { state: 'ESCALATED', escalationStep: 'URGE' });
    for (const [a, who, state] of [
      ['submitPlan', 'bank.liaison', 'PLAN_SUBMITTED'],
      ['acceptPlan', 'fin.staff', 'IN_PROGRESS'],
      ['reportDone', 'bank.liaison', 'REPORTED_DONE'],
      ['verify', 'fin.staff', 'VERIFIED'],
      ['closeOut', 'fin.staff', 'CLOSED'],
    ] as const) {
      const res = await act(t, id, a, who);
      expect(res.statusCode, `${a}: ${res.body}`).toBe(200);
      expect(res.json().task.state).toBe(state);
    }
    const detail = (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${id}`, as: 'fin.staff' })).json();
    expect(detail.light).toBe('DONE');
    expect(detail.closedOn).not.toBeNull();
    expect(detail.updates.map((u: { kind: string }) => u.kind)).toEqual(['PLAN', 'REVIEW', 'DONE_REPORT', 'REVIEW', 'REVIEW']);
  });
});

describe('evidence', () => {
  it('the contact person reports done with an attachment of this task; the supervisor sees it; a file of another task is 400', async () => {
    const id = await makeTask(t, { state: 'IN_PROGRESS' });
    const mp = multipart({ ownerType: 'rectification_task', ownerId: id }, { filename: '整改完成报告.pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n') });
    const up = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'bank.liaison', payload: mp.payload, headers: mp.headers });
    expect(up.statusCode, up.body).toBe(201);
    const otherTask = await makeTask(t, { state: 'IN_PROGRESS' });
    const other = multipart({ ownerType: 'rectification_task', ownerId: otherTask }, { filename: '他人材料.pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n') });
    const foreign = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'bank.liaison', payload: other.payload, headers: other.headers });
    expect(foreign.statusCode, foreign.body).toBe(201);
    expect((await act(t, id, 'reportDone', 'bank.liaison', { attachmentIds: [foreign.json().id] })).statusCode).toBe(400);
    const res = await act(t, id, 'reportDone', 'bank.liaison', { attachmentIds: [up.json().id] });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${id}`, as: 'fin.staff' })).json();
    expect(detail.updates.at(-1)).toMatchObject({ kind: 'DONE_REPORT', attachments: [{ id: up.json().id, filename: '整改完成报告.pdf' }] });
  });

  it('the updates name only the files the reader may open: not one above their clearance, not one they are recused from', async () => {
    const id = await makeTask(t, { state: 'IN_PROGRESS' });
    const upload = async (filename: string) => {
      const mp = multipart({ ownerType: 'rectification_task', ownerId: id }, { filename, content: Buffer.from('%PDF-1.7\n%%EOF\n') });
      const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'bank.liaison', payload: mp.payload, headers: mp.headers });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const files = [await upload('整改台账.pdf'), await upload('问责材料.pdf'), await upload('个人事项.pdf')];
    expect((await act(t, id, 'reportDone', 'bank.liaison', { attachmentIds: files })).statusCode).toBe(200);
    const names = async (as: string) =>
      ((await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${id}`, as })).json().updates.at(-1).attachments as { filename: string }[]).map(
        (a) => a.filename,
      );
    expect(await names('fin.staff')).toEqual(['整改台账.pdf', '问责材料.pdf', '个人事项.pdf']);
    await t.db.updateTable('attachment').set({ classification: 'SECRET' }).where('id', '=', files[1]!).execute();
    const fin = await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', 'fin.staff').executeTakeFirstOrThrow();
    await t.db
      .insertInto('recusal')
      .values({ commission_id: fin.commission_id, user_id: fin.id, object_type: 'attachment', object_id: files[2]!, reason: '近亲属' })
      .execute();
    expect(await names('fin.staff')).toEqual(['整改台账.pdf']);
    expect(await names('bank.liaison')).toEqual(['整改台账.pdf', '个人事项.pdf']);
  });
});
