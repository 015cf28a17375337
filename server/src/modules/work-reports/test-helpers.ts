import type { ReportDetail, SlotPage } from '@liandong/domain/work-reports/contracts';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app';

/* Test builders for work reports: a fresh slot through the schedule API, a report drafted and moved over HTTP. */

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** Plans `year` for the org (as the 党风政风监督室) and returns its slots of that year. */
export async function slotsOf(t: TestApp, code: string, cadence: 'YEARLY' | 'HALF_YEARLY' | 'QUARTERLY', year: number) {
  const reporterOrgId = await orgId(t, code);
  const res = await t.request({ method: 'POST', url: '/api/v1/report-slots/schedules', as: 'dfzf.staff', payload: { reporterOrgId, cadence, year } });
  expect(res.statusCode, res.body).toBe(200);
  const page = await t.request({ method: 'GET', url: `/api/v1/report-slots?year=${year}&reporterOrgId=${reporterOrgId}`, as: 'dfzf.staff' });
  return (page.json() as SlotPage).items;
}

export const SECTIONS = {
  practices: '建立监督清单，开展室组联合监督。',
  results: '发现问题5个，推动整改全部销号。',
  shortcomings: '发现问题能力不够强。',
  suggestions: '加强业务培训。',
};

/** A report of the slot drafted by `as` with all four sections. */
export async function draft(t: TestApp, as: string, slotId: string, sections = SECTIONS): Promise<ReportDetail> {
  const res = await t.request({ method: 'POST', url: '/api/v1/work-reports', as, payload: { slotId, ...sections } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function act(t: TestApp, as: string, id: string, action: string, version: number, comment?: string) {
  return t.request({ method: 'POST', url: `/api/v1/work-reports/${id}/actions`, as, payload: { action, version, ...(comment ? { comment } : {}) } });
}

/** Drafted by fin.staff, approved by fin.group (the group's head, 组长), submitted to the 常委会. */
export async function submittedFinReport(t: TestApp, year: number): Promise<ReportDetail> {
  const [slot] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', year);
  const r = await draft(t, 'fin.staff', slot!.id);
  let v = (await act(t, 'fin.staff', r.id, 'submit', r.version)).json().version;
  v = (await act(t, 'fin.group', r.id, 'approve', v)).json().version;
  const res = await act(t, 'fin.staff', r.id, 'submitToCommittee', v);
  expect(res.statusCode, res.body).toBe(200);
  return (await t.request({ method: 'GET', url: `/api/v1/work-reports/${r.id}`, as: 'fin.staff' })).json();
}
