/**
 * The rule fixes of issue 9 on 审查调查措施, over HTTP:
 * - 留置 at start: the leadership's collective decision and, for a commission at or below the municipal
 *   level, the upper commission's approval (监察法 2024, article number unverified) — refused with 422 and the field path,
 *   nothing written; its 24-hour notice to the unit and family (art. 50) with its deadline, on the case and
 *   flagged when overdue.
 * - 强制到案 in hours: 12, or 24 when 管护 or 留置 follows (art. 22), a timestamp deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { makeCase } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const H = 3_600_000;
const add = (id: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/v1/cases/${id}/measures`, as: 'sc8.staff', payload });
const patch = (id: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/case-measures/${id}`, as: 'sc8.staff', payload });
const detail = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'sc8.staff' })).json();
/** An instant `hoursAgo` before now, with its Beijing date (the measure's startedOn). */
function startAt(hoursAgo: number) {
  const at = new Date(Date.now() - hoursAgo * H);
  return { startedAt: at.toISOString(), startedOn: new Date(at.getTime() + 8 * H).toISOString().slice(0, 10) };
}
const written = async (caseId: string) => ({
  measures: (await t.db.selectFrom('case_measure').select('id').where('case_id', '=', caseId).execute()).length,
  events: (await t.db.selectFrom('case_event').select('id').where('case_id', '=', caseId).execute()).length,
  audits: (await t.db.selectFrom('audit_event').select('id').where('object_id', '=', caseId).execute()).length,
});

describe('留置 at start needs the collective decision and the upper approval (监察法 2024, article number unverified)', () => {
  const ok = { kind: 'DETENTION', collectiveDecision: true, upperApproved: true };
  it.each([
    ['without the collective decision', { collectiveDecision: false }, ['collectiveDecision']],
    ["without the upper commission's approval", { upperApproved: undefined }, ['upperApproved']],
    ['without either', { collectiveDecision: undefined, upperApproved: false }, ['collectiveDecision', 'upperApproved']],
    ['without the start time (the 24-hour notice runs from it)', { startedAt: undefined }, ['startedAt']],
  ])('%s → 422 with the field path, nothing written', async (_, change, paths) => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const before = await written(id);
    const res = await add(id, { ...ok, ...startAt(1), ...change });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(res.json().message).toContain('留置');
    expect(await written(id)).toEqual(before);
  });

  it("a start date that is not the start time's Beijing date is refused (400 startedOn)", async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const res = await add(id, { ...ok, startedAt: '2026-03-01T20:00:00Z', startedOn: '2026-03-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('startedOn');
  });
});

describe('the 24-hour notice to the unit and family (监察法 2024, article number unverified)', () => {
  it('is due start + 24 h, shown on the measure and in the case deadlines; overdue when not given, cleared when recorded', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const start = startAt(30);
    const res = await add(id, { kind: 'DETENTION', ...start, collectiveDecision: true, upperApproved: true });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    const dueAt = new Date(Date.parse(start.startedAt) + 24 * H).toISOString();
    expect(m).toMatchObject({ collectiveDecision: true, upperApproved: true, startedAt: start.startedAt, notice: { dueAt, notifiedAt: null, overdue: true } });
    const view = await detail(id);
    expect(view.deadlines.detentionNotices).toEqual([{ measureId: m.id, dueAt, notifiedAt: null, withheldReason: null, overdue: true }]);
    const flagged = (await t.request({ method: 'GET', url: '/api/v1/cases?overdue=MEASURE_DUE&pageSize=100', as: 'sj.secretary' })).json();
    expect(flagged.items.find((i: { id: string }) => i.id === id)?.flags).toEqual(['MEASURE_DUE']);

    const notifiedAt = new Date(Date.parse(start.startedAt) + 26 * H).toISOString();
    const done = await patch(m.id, { action: 'notify', version: 1, notifiedAt });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().notice).toMatchObject({ notifiedAt, overdue: false });
    expect((await detail(id)).deadlines.detentionNotices[0].overdue).toBe(false);
    const event = await t.db
      .selectFrom('case_event')
      .select('payload')
      .where('case_id', '=', id)
      .where('action', '=', 'measureNotified')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ late: true });
    expect((await patch(m.id, { action: 'notify', version: 2, notifiedAt })).statusCode).toBe(409);
  });

  it('follows 管护 as it follows 留置: due start + 24 h, overdue until recorded; 管护 needs no 留置 approvals', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const start = startAt(30);
    const res = await add(id, { kind: 'CUSTODY', ...start });
    expect(res.statusCode, res.body).toBe(200);
    const dueAt = new Date(Date.parse(start.startedAt) + 24 * H).toISOString();
    expect(res.json()).toMatchObject({ kind: 'CUSTODY', collectiveDecision: false, notice: { dueAt, notifiedAt: null, overdue: true } });
    expect((await detail(id)).deadlines.detentionNotices.map((n: { measureId: string }) => n.measureId)).toContain(res.json().id);
    const done = await patch(res.json().id, { action: 'notify', version: 1, notifiedAt: new Date(Date.parse(start.startedAt) + 3 * H).toISOString() });
    expect(done.json().notice).toMatchObject({ overdue: false });
    const noStart = await add(id, { kind: 'CUSTODY', startedOn: start.startedOn });
    expect(noStart.statusCode).toBe(422);
    expect(JSON.stringify(noStart.json())).toContain('管护开始时间');
  });

  it('is not overdue within 24 hours, nor when withheld as hindering the investigation (有碍调查)', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const fresh = (await add(id, { kind: 'DETENTION', ...startAt(2), collectiveDecision: true, upperApproved: true })).json();
    expect(fresh.notice.overdue).toBe(false);
    const withheld = await add(id, {
      kind: 'DETENTION',
      ...startAt(48),
      collectiveDecision: true,
      upperApproved: true,
      noticeWithheldReason: '通知可能导致串供，有碍调查',
    });
    expect(withheld.json().notice).toMatchObject({ withheldReason: '通知可能导致串供，有碍调查', overdue: false });
    const early = await patch(fresh.id, { action: 'notify', version: 1, notifiedAt: new Date(Date.now() - 5 * H).toISOString() });
    expect(early.statusCode).toBe(400); // before the start
  });
});

describe('强制到案 is counted in hours (监察法 2024, article number unverified)', () => {
  it.each([
    [false, 12],
    [true, 24],
  ])('holdFollows %s → %i hours from the start time, a timestamp deadline', async (holdFollows, hours) => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const start = startAt(0);
    const res = await add(id, { kind: 'COMPELLED_APPEARANCE', ...start, holdFollows });
    expect(res.statusCode, res.body).toBe(200);
    const dueAt = new Date(Date.parse(start.startedAt) + hours * H).toISOString();
    expect(res.json()).toMatchObject({ limitHours: hours, dueAt, overdue: false, notice: null });
  });

  it('is overdue after 12 hours the same day (not "one day"), extends once to 24 h when 管护 or 留置 follows', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const start = startAt(13);
    const m = (await add(id, { kind: 'COMPELLED_APPEARANCE', ...start })).json();
    expect(m).toMatchObject({ limitHours: 12, overdue: true, extendable: true });
    const ext = await patch(m.id, { action: 'extend', version: 1 });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json()).toMatchObject({
      limitHours: 24,
      dueAt: new Date(Date.parse(start.startedAt) + 24 * H).toISOString(),
      overdue: false,
      extendable: false,
    });
    expect((await patch(m.id, { action: 'extend', version: 2 })).statusCode).toBe(409);
  });

  it('without a start time → 422 startedAt, nothing written', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const res = await add(id, { kind: 'COMPELLED_APPEARANCE', startedOn: '2026-03-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['startedAt']);
    expect((await written(id)).measures).toBe(0);
  });
});
