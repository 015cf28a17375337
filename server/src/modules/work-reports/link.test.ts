/** A 常委会's 听取汇报 agenda item links a submitted work report; holding the meeting marks it HEARD (issue 11). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act as actMeeting, standingCommittee } from '../meetings/test-helpers';
import { draft, orgId, slotsOf, submittedFinReport } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const agendaOf = (reporterOrgId: string, workReportId: string | null) => [
  { kind: 'HEAR_REPORT', title: '听取派驻监督工作情况汇报', reporterOrgId, workReportId },
  { kind: 'DELIBERATE', title: '研究年度工作' },
];

describe('hearing a report at a 常委会', () => {
  it('holding the meeting moves the linked report to HEARD in the same step, audited and on its timeline', async () => {
    const report = await submittedFinReport(t, 2040);
    const fin = await orgId(t, 'LZ-JW-PZ-JR');
    const linkable = await t.request({ method: 'GET', url: `/api/v1/work-reports?linkable=true&reporterOrgId=${fin}`, as: 'sj.secretary' });
    expect(linkable.json().items.map((r: { id: string }) => r.id)).toContain(report.id);

    const m = await standingCommittee(t, { agenda: agendaOf(fin, report.id) as never });
    expect(m.agenda[0]!.workReport).toMatchObject({ id: report.id, state: 'SUBMITTED' });
    const after = await t.request({ method: 'GET', url: `/api/v1/work-reports?linkable=true&reporterOrgId=${fin}`, as: 'sj.secretary' });
    expect(after.json().items.map((r: { id: string }) => r.id)).not.toContain(report.id);

    const held = await actMeeting(t, 'sj.secretary', m.id, 'hold', m.version);
    expect(held.statusCode, held.body).toBe(200);
    const heard = (await t.request({ method: 'GET', url: `/api/v1/work-reports/${report.id}`, as: 'fin.staff' })).json();
    expect(heard).toMatchObject({ state: 'HEARD', heardMeeting: { id: m.id, name: m.title }, abilities: { actions: [] } });
    expect(heard.timeline.at(-1)).toMatchObject({ action: 'hear', fromState: 'SUBMITTED', toState: 'HEARD' });
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['actor_name', 'payload'])
      .where('type', '=', 'report.transitioned')
      .where('object_id', '=', report.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toContain('常委会会议召开');
    expect(audit.payload).toMatchObject({ action: 'hear', to: 'HEARD', meetingId: m.id });
    // The group hears that its report was heard.
    const notice = await t.db
      .selectFrom('inbox_message as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.link', '=', `/work-reports/${report.id}`)
      .where('n.title', 'like', '%常委会听取%')
      .execute();
    expect(notice.map((n) => n.username)).toContain('fin.staff');
    // The held meeting's agenda may be edited again with the link kept.
    const meeting = (await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'sj.secretary' })).json();
    const edit = await t.request({
      method: 'PATCH',
      url: `/api/v1/meetings/${m.id}`,
      as: 'sj.secretary',
      payload: { version: meeting.version, agenda: agendaOf(fin, report.id) },
    });
    expect(edit.statusCode, edit.body).toBe(200);
  });

  it('a report linked to a meeting already held is heard there at once', async () => {
    const report = await submittedFinReport(t, 2043);
    const fin = await orgId(t, 'LZ-JW-PZ-JR');
    const m = await standingCommittee(t, { agenda: agendaOf(fin, null) as never });
    const held = await actMeeting(t, 'sj.secretary', m.id, 'hold', m.version);
    expect(held.statusCode).toBe(200);
    const link = await t.request({
      method: 'PATCH',
      url: `/api/v1/meetings/${m.id}`,
      as: 'sj.secretary',
      payload: { version: held.json().version, agenda: agendaOf(fin, report.id) },
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json().agenda[0].workReport).toMatchObject({ id: report.id, state: 'HEARD' });
    const r = (await t.request({ method: 'GET', url: `/api/v1/work-reports/${report.id}`, as: 'fin.staff' })).json();
    expect(r).toMatchObject({ state: 'HEARD', heardMeeting: { id: m.id } });
  });

  it('refuses a draft, another org’s report, a report on another live agenda, and a non-常委会 meeting — writing nothing', async () => {
    const fin = await orgId(t, 'LZ-JW-PZ-JR');
    const edu = await orgId(t, 'LZ-JW-PZ-JYJ');
    const submitted = await submittedFinReport(t, 2041);
    const [slot] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', 2042);
    const drafted = await draft(t, 'fin.staff', slot!.id);
    const first = await standingCommittee(t, { agenda: agendaOf(fin, submitted.id) as never });
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('meeting')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ agenda: agendaOf(fin, drafted.id) }, '工作报告不存在或无权访问'], // a draft is not the 书记's to read
      [{ agenda: agendaOf(edu, submitted.id) }, '须为该汇报单位的报告'],
      [{ agenda: agendaOf(fin, submitted.id) }, '已列入其他会议的议程'],
      [{ type: 'EXCHANGE', agenda: agendaOf(fin, submitted.id) }, '只有常委会会议的听取汇报议程可以关联工作报告'],
    ];
    for (const [over, message] of cases) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/meetings',
        as: 'sj.secretary',
        payload: { ...(await baseMeeting()), ...over },
      });
      expect(res.statusCode, res.body).toBe(400);
      const issue = res.json().details.issues.find((i: { path: string }) => i.path === 'agenda.0.workReportId');
      expect(issue?.message, res.body).toContain(message);
    }
    const deliberate = await t.request({
      method: 'POST',
      url: '/api/v1/meetings',
      as: 'sj.secretary',
      payload: { ...(await baseMeeting()), agenda: [{ kind: 'DELIBERATE', title: '研究', workReportId: submitted.id }] },
    });
    expect(deliberate.statusCode).toBe(400);
    expect(deliberate.json().details.issues[0]).toMatchObject({ path: 'agenda.0.workReportId', message: '只有听取汇报的议程可以关联工作报告' });
    expect(await count()).toBe(before);
    // Cancelling the first meeting frees the report for another.
    expect((await actMeeting(t, 'sj.secretary', first.id, 'cancel', first.version, '改期')).statusCode).toBe(200);
    const second = await standingCommittee(t, { agenda: agendaOf(fin, submitted.id) as never });
    expect(second.agenda[0]!.workReport?.id).toBe(submitted.id);
  });
});

async function baseMeeting() {
  const chair = await t.db.selectFrom('app_user').select('id').where('username', '=', 'sj.secretary').executeTakeFirstOrThrow();
  return { type: 'STANDING_COMMITTEE', title: '市纪委常委会会议', startsAt: '2040-12-20T09:00:00+08:00', chairUserId: chair.id, agenda: [], attendees: [] };
}
