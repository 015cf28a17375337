/**
 * The kernel's declarative spec, applied to a real row: a spec that only declares columns, audit types,
 * timeline text, named guards, refusals and hearers gets them written by transition() — what each of the
 * five doors used to write by hand. A synthetic machine over the clue table (real states, real timeline,
 * real audit trail and inbox), driven as a system job so that no module's policy is involved.
 */
import { defineMachine } from '@liandong/domain/platform/machine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { JW, orgId, seedClue } from '../modules/clues/fixtures';
import {
  type Column,
  columnValues,
  field,
  monthsLater,
  notAfter,
  notBefore,
  on,
  orgStaff,
  type RowOf,
  TODAY,
  type TransitionInput,
  transition,
  users,
  type WorkflowCtx,
  type WorkflowOf,
} from './workflow';

const l = (zh: string) => ({ zh, en: zh });
const M = defineMachine({
  noun: '测试线索',
  states: { UNDER_ANALYSIS: l('分析中'), DISPOSITION_PROPOSED: l('已提出处置意见') },
  actions: { note: l('登记补充'), propose: l('提出处置意见'), touch: l('修改'), purge: l('清理'), tag: l('标注') },
  actors: { CLERK: '测试办' },
  guards: { hasSummary: '须先写明摘要' },
  table: {
    note: { from: ['UNDER_ANALYSIS'], to: 'stay', who: [] },
    propose: { from: ['UNDER_ANALYSIS'], to: 'DISPOSITION_PROPOSED', who: [], guard: 'hasSummary' },
    touch: { from: ['UNDER_ANALYSIS'], to: 'stay', who: ['CLERK'] },
    purge: { from: ['UNDER_ANALYSIS'], to: 'stay', who: ['CLERK'] },
    tag: { from: ['UNDER_ANALYSIS'], to: 'stay', who: [] },
  },
});
type S = 'UNDER_ANALYSIS' | 'DISPOSITION_PROPOSED';
type A = 'note' | 'propose' | 'touch' | 'purge' | 'tag';
interface Row {
  id: string;
  state: S;
  version: number;
  summary: string;
  receiving_org_id: string;
}
type In = (TransitionInput<Exclude<A, 'tag'>> & { title?: string; memo?: string }) | (TransitionInput<'tag'> & { label: string });

const wf: WorkflowOf<typeof M, Row, In, WorkflowCtx> = {
  machine: M,
  table: 'clue',
  scope: { alias: 'n', visible: () => sql<boolean>`true` },
  events: { table: 'clue_event', key: 'clue_id', payload: true },
  audit: { default: 'clue.transitioned', note: 'clue.updated' },
  lock: sql`n.id, n.state, n.version, n.summary, n.receiving_org_id`,
  roles: () => [],
  denied: { purge: '清理须经专门批准' },
  guards: { hasSummary: (_ctx, row) => row.summary.trim() !== '' },
  columns: { note: { propose_due: TODAY, title: field('title') } },
  recorded: { note: ['title'], propose: ['memo'] },
  rowFacts: { receivingOrgId: 'receiving_org_id' },
  text: {
    note: 'memo',
    tag: (i, row, fx) => `标注“${i.label}”（原摘要${row.summary.length}字；记录${Object.keys(fx.payload ?? {}).join('、')}）`,
    '*': (i) => `系统办理：${M.actions[i.action].zh}`,
  },
  checks: { tag: [(row, i) => (i.label.length > row.summary.length ? { path: 'label', message: '标注不能长于摘要' } : null)] },
  effects: {
    tag: (_ctx, row, i) => ({
      set: { summary: `${row.summary}［${i.label}］` },
      payload: { label: i.label },
      audits: [{ type: 'clue.updated', payload: { tagged: i.label } }],
    }),
  },
  notices: {
    kind: 'test.kernel',
    name: () => '测试线索',
    link: (row) => `/clues/${row.id}`,
    to: { note: [orgStaff('receiving_org_id')] },
  },
};

let t: TestApp;
let commissionId: string;
beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', JW).executeTakeFirstOrThrow()).commission_id;
});
afterAll(() => t.close());

const JOB_DAY = '2027-01-04';
const run = (id: string, input: In) =>
  t.db.transaction().execute((trx) => transition({ trx, job: { commissionId, name: '系统', today: JOB_DAY } }, wf, id, input));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('declared columns, text, payload, audit type and hearers are written by the kernel', () => {
  it('note: the job’s day and an input field into columns, the memo as the timeline text, the title recorded, its own audit type, the org’s staff notified', async () => {
    const { id } = await seedClue(t, { state: 'UNDER_ANALYSIS', title: '旧标题' });
    const r = await run(id, { action: 'note', title: '新标题', memo: '补充了来信材料' });
    expect(r).toMatchObject({ from: 'UNDER_ANALYSIS', to: 'UNDER_ANALYSIS', payload: { title: '新标题' } });
    const clue = await t.db.selectFrom('clue').select(['title', 'propose_due', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(clue).toMatchObject({ title: '新标题', propose_due: JOB_DAY, version: 2 });
    const ev = await t.db.selectFrom('clue_event').select(['action', 'comment', 'payload']).where('clue_id', '=', id).executeTakeFirstOrThrow();
    expect(ev).toEqual({ action: 'note', comment: '补充了来信材料', payload: { receivingOrgId: await orgId(t, `${JW}-XFS`), title: '新标题' } });
    const audit = await t.db.selectFrom('audit_event').select(['type', 'actor_name']).where('object_id', '=', id).execute();
    expect(audit).toEqual([{ type: 'clue.updated', actor_name: '系统' }]);
    const staff = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('org_id', '=', await orgId(t, `${JW}-XFS`))
      .where('status', '=', 'ACTIVE')
      .execute();
    const told = await t.db.selectFrom('inbox_message').select(['user_id', 'kind']).where('link', '=', `/clues/${id}`).execute();
    expect(staff.length).toBeGreaterThan(0);
    expect(told.map((m) => m.user_id).sort()).toEqual(staff.map((s) => s.id).sort());
    expect(new Set(told.map((m) => m.kind))).toEqual(new Set(['test.kernel']));
  });

  it('a named guard that does not hold: 409 with the machine’s message, nothing written; once it holds, the default audit type', async () => {
    const { id } = await seedClue(t, { state: 'UNDER_ANALYSIS' });
    await t.db.updateTable('clue').set({ summary: ' ' }).where('id', '=', id).execute();
    expect(await failure(run(id, { action: 'propose' }))).toEqual({ code: 'ILLEGAL_TRANSITION', message: '须先写明摘要' });
    expect(await t.db.selectFrom('clue_event').select('id').where('clue_id', '=', id).execute()).toEqual([]);
    await t.db.updateTable('clue').set({ summary: '已写明' }).where('id', '=', id).execute();
    expect((await run(id, { action: 'propose' })).to).toBe('DISPOSITION_PROPOSED');
    const audit = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', id).execute();
    expect(audit).toEqual([{ type: 'clue.transitioned' }]);
  });

  it('per-action effects get their action’s input; the text is composed from input, row and effects, or the default for the rest', async () => {
    const { id } = await seedClue(t, { state: 'UNDER_ANALYSIS' });
    await t.db.updateTable('clue').set({ summary: '四字摘要' }).where('id', '=', id).execute();
    const receivingOrgId = await orgId(t, `${JW}-XFS`);
    expect(await failure(run(id, { action: 'tag', label: '远远长于四字摘要的标注' }))).toEqual({
      code: 'VALIDATION',
      message: expect.stringContaining('label 标注不能长于摘要'),
    });
    expect(await t.db.selectFrom('clue_event').select('id').where('clue_id', '=', id).execute()).toEqual([]);
    expect((await run(id, { action: 'tag', label: '重点' })).payload).toEqual({ receivingOrgId, label: '重点' });
    // A recorded field not given is not recorded; the row's facts are, on every action.
    expect((await run(id, { action: 'propose' })).payload).toEqual({ receivingOrgId });
    const clue = await t.db.selectFrom('clue').select('summary').where('id', '=', id).executeTakeFirstOrThrow();
    expect(clue.summary).toBe('四字摘要［重点］');
    // An extra audit entry is on the same object unless it names another.
    const audit = await t.db.selectFrom('audit_event').select(['type', 'object_type']).where('object_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([
      { type: 'clue.transitioned', object_type: 'clue' },
      { type: 'clue.updated', object_type: 'clue' },
      { type: 'clue.transitioned', object_type: 'clue' },
    ]);
    const ev = await t.db.selectFrom('clue_event').select(['action', 'comment']).where('clue_id', '=', id).orderBy('id').execute();
    expect(ev).toEqual([
      { action: 'tag', comment: '标注“重点”（原摘要4字；记录receivingOrgId、label）' },
      { action: 'propose', comment: '系统办理：提出处置意见' },
    ]);
  });

  it('refusals: the machine’s message from its actors’ labels, or the spec’s own for the action', async () => {
    const { id } = await seedClue(t, { state: 'UNDER_ANALYSIS' });
    expect(await failure(run(id, { action: 'touch' }))).toEqual({ code: 'FORBIDDEN', message: '“修改”由测试办办理' });
    expect(await failure(run(id, { action: 'purge' }))).toEqual({ code: 'FORBIDDEN', message: '清理须经专门批准' });
  });
});

describe('column values and hearer helpers', () => {
  const job = { trx: null as never, job: { commissionId: 'c', name: '系统', today: '2027-03-01' } };
  const person = { trx: null as never, actor: { userId: 'u-1' } } as never as WorkflowCtx;

  it('TODAY is the job’s day (a person’s: the commission’s civil day), ACTOR the person (null for a job), field() the input’s value or its default, monthsLater() a limit from the day', () => {
    const cols: Record<string, Column> = {
      d: TODAY,
      by: { field: 'x' },
      gone: field('y'),
      no: field('y', false),
      k: false,
      n: null,
      due: monthsLater(1),
      late: monthsLater(6),
    };
    expect(columnValues(cols, { x: 7 }, job)).toEqual({
      d: '2027-03-01',
      by: 7,
      gone: null,
      no: false,
      k: false,
      n: null,
      due: '2027-04-01',
      late: '2027-09-01',
    });
    expect(columnValues({ d: TODAY }, {}, person).d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('notBefore / notAfter: the input’s day against the row’s, skipped when the row has none', () => {
    const row = { issued_on: '2026-05-10', today: '2026-05-20', served_on: null };
    expect(notBefore('servedOn', 'issued_on', '早于印发')(row, { servedOn: '2026-05-09' })).toEqual({ path: 'servedOn', message: '早于印发' });
    expect(notBefore('servedOn', 'issued_on', '早于印发')(row, { servedOn: '2026-05-10' })).toBeNull();
    expect(notAfter('servedOn', 'today', '晚于今天')(row, { servedOn: '2026-05-21' })).toEqual({ path: 'servedOn', message: '晚于今天' });
    expect(notAfter('servedOn', 'today', '晚于今天')(row, { servedOn: '2026-05-20' })).toBeNull();
    expect(notBefore('referredOn', 'served_on', '早于送达')(row, { referredOn: '2000-01-01' })).toBeNull();
  });

  it('RowOf types the state (and previous_state where the table keeps it) by the machine, and the columns given', () => {
    type Db = { id: string; state: string; previous_state: string | null; version: number; data: unknown };
    type R = RowOf<typeof M, Db, { data: { n: number } }>;
    expectTypeOf<R['state']>().toEqualTypeOf<S>();
    expectTypeOf<R['previous_state']>().toEqualTypeOf<S | null>();
    expectTypeOf<R['data']>().toEqualTypeOf<{ n: number }>();
    expectTypeOf<RowOf<typeof M, Omit<Db, 'previous_state'>>>().not.toHaveProperty('previous_state');
  });

  it('on() gives several keys the same hearers; users() reads the row as just written', async () => {
    const h = users<{ a: string; b: string | null }>('a', 'b');
    expect(on(['x', 'y'], h)).toEqual({ x: [h], y: [h] });
    expect(await h(job, { a: 'u-a', b: null }, undefined, undefined, { set: { b: 'u-b' } })).toEqual(['u-a', 'u-b']);
  });
});
