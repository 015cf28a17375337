/**
 * 演示数据 — the reporting calendar and work reports (issue 11, 统一调度): every municipal dispatched group reports
 * to the 常委会 yearly, every county commission half-yearly (planned from the second half of the year on). The
 * demo 常委会 meeting (meetings.ts, held 30 days ago) heard the education and finance groups' reports: both are
 * linked to its HEAR_REPORT items and HEARD. The development-and-reform group's report is still a DRAFT, and the
 * finance bureau group's report is overdue (no report yet). The health commission group's report is approved and
 * submitted, awaiting the next 常委会 (to be linked from its agenda). All text is fictional. States move through the
 * workflow kernel as the group, its head (the group's 组长; the overseeing 分管领导 when the 组长 drafted it himself)
 * and the meeting would move them.
 */
import { calendarDaysBetween } from '@liandong/domain/calendar/calendar';
import { addDays, periodsOf } from '@liandong/domain/work-reports/periods';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { reportWorkflow } from '../modules/work-reports';
import { inTx } from '../platform/context';
import { transition } from '../platform/workflow';
import { demoCtx } from './demo-ctx';

interface DemoReport {
  /** The drafter (staff of the reporter org), who also submits it. */
  drafter: string;
  /** The head who approves it (four eyes: not the drafter). */
  head?: string;
  practices: string;
  results: string;
  shortcomings: string;
  suggestions: string;
  /** Heard at the demo 常委会 meeting (its HEAR_REPORT item of this org). */
  heard: boolean;
  /** Approved and submitted to the 常委会, awaiting the next meeting (to be linked from its agenda). */
  submitted?: boolean;
}

const REPORTS: Record<string, DemoReport> = {
  'LZ-JW-PZ-JYJ': {
    drafter: 'edu.staff',
    head: 'edu.group',
    practices: '聚焦校园餐、招生入学、教育经费等关键环节，制定年度监督清单，会同第三监督检查室开展“室组”联合监督，推动驻在单位建立供餐企业准入和退出机制。',
    results: '全年开展专项监督检查8次，发现问题23个，推动建章立制6项；向驻在单位制发纪检监察建议书1份，督促整改问题全部销号。',
    shortcomings: '发现问题的能力还不够强，对下属学校的监督覆盖不够均衡；以案促改跟进不够紧，个别整改存在“上热中温下冷”现象。',
    suggestions: '建议健全室组地联动监督机制，推动教育系统共性问题集中治理；加强派驻干部业务培训，提升监督精准性。',
    heard: true,
  },
  'LZ-JW-PZ-JR': {
    drafter: 'fin.staff',
    head: 'fin.group',
    practices: '围绕信贷审批、不良资产处置等高风险领域，开展廉政风险排查，建立重点岗位人员廉政档案，压实驻在单位主体责任。',
    results: '排查廉政风险点41个，督促完善制度9项；受理问题线索12件，处置10件，立案2件。',
    shortcomings: '对金融业务专业知识掌握不够，穿透式监督能力不足；与属地纪委监委的协作还不够顺畅。',
    suggestions: '建议建立金融领域监督专家库，推动与审计、金融监管部门的信息共享，提高监督专业化水平。',
    heard: true,
  },
  'LZ-JW-PZ-WJW': {
    // The 组长 drafted it, so four eyes hand the approval to the 分管领导 overseeing the group.
    drafter: 'wjw.group',
    head: 'cw1.member',
    practices: '围绕医保基金使用、药品耗材采购等重点领域开展专项监督，推动驻在单位完善集中采购内控制度。',
    results: '开展专项监督检查6次，发现问题17个，督促退回违规使用资金，推动建章立制4项。',
    shortcomings: '对基层医疗机构的监督延伸不够，数据比对手段运用不足。',
    suggestions: '建议推动医保、卫健数据共享，开展大数据监督试点。',
    heard: false,
    submitted: true,
  },
  'LZ-JW-PZ-FGW': {
    drafter: 'fgw.group',
    practices: '紧盯粮食购销领域腐败问题专项整治，督促驻在单位开展自查自纠。',
    results: '',
    shortcomings: '',
    suggestions: '',
    heard: false,
  },
};
/** The group whose yearly report is overdue (no report yet). */
const OVERDUE_GROUP = 'LZ-JW-PZ-CZJ';

const clamp = (n: number) => Math.max(-180, Math.min(180, n));

export async function loadDemoWorkReports(trx: Transaction<DB>, cid: string): Promise<void> {
  const { today } = (await sql<{ today: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`.execute(trx)).rows[0]!;
  const meeting = await trx
    .selectFrom('meeting as m')
    .innerJoin('app_user as c', 'c.id', 'm.chair_user_id')
    .select(['m.id', 'c.display_name as chair'])
    .where('m.commission_id', '=', cid)
    .where('m.type', '=', 'STANDING_COMMITTEE')
    .where('m.state', '<>', 'PLANNED')
    .orderBy('m.starts_at', 'desc')
    .executeTakeFirstOrThrow();
  const meetingDay = addDays(today, -30);
  const year = Number(meetingDay.slice(0, 4));
  const creator = await trx.selectFrom('app_user').select('id').where('username', '=', 'dfzf.director').executeTakeFirstOrThrow();
  const orgs = (
    await sql<{ id: string; code: string; kind: string }>`SELECT o.id, o.code, o.kind FROM org o JOIN org p ON p.id = o.parent_id
      WHERE o.commission_id = ${cid}::uuid AND p.kind = 'MUNICIPAL_COMMISSION'
        AND o.kind IN ('COUNTY_COMMISSION','NEW_AREA_COMMISSION','DISPATCHED_GROUP') ORDER BY o.kind DESC, o.sort_order, o.code`.execute(trx)
  ).rows;
  const slotOf = new Map<string, string>();
  for (const o of orgs) {
    const group = o.kind === 'DISPATCHED_GROUP';
    const cadence = group ? 'YEARLY' : 'HALF_YEARLY';
    // Due 20 days after the year ends, and never sooner than 20 days from now (a demo loaded in January stays green).
    let offset = clamp(Math.max(20, calendarDaysBetween(`${year}-12-31`, addDays(today, 20))));
    if (REPORTS[o.code]?.heard) offset = clamp(calendarDaysBetween(`${year}-12-31`, addDays(meetingDay, 3)));
    if (o.code === OVERDUE_GROUP) offset = clamp(calendarDaysBetween(`${year}-12-31`, addDays(today, -5)));
    const schedule = await trx
      .insertInto('report_schedule')
      .values({ commission_id: cid, reporter_org_id: o.id, cadence, due_offset_days: offset, created_by: creator.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Counties are planned from the second half of the year (the calendar began then).
    const periods = periodsOf(cadence, year).filter((p) => group || p.start.slice(5) === '07-01');
    for (const p of periods) {
      const slot = await trx
        .insertInto('report_slot')
        .values({
          commission_id: cid,
          schedule_id: schedule.id,
          reporter_org_id: o.id,
          cadence,
          period_start: p.start,
          period_end: p.end,
          due_on: addDays(p.end, offset),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      slotOf.set(o.code, slot.id);
    }
  }

  for (const [code, d] of Object.entries(REPORTS)) {
    const org = orgs.find((o) => o.code === code)!;
    const drafter = await demoCtx(trx, d.drafter);
    const orgName = (await trx.selectFrom('org').select('name_zh').where('id', '=', org.id).executeTakeFirstOrThrow()).name_zh;
    const report = await trx
      .insertInto('work_report')
      .values({
        commission_id: cid,
        slot_id: slotOf.get(code)!,
        reporter_org_id: org.id,
        title: `${orgName}${year}年度派驻监督工作情况报告（演示数据）`,
        practices: d.practices,
        results: d.results,
        shortcomings: d.shortcomings,
        suggestions: d.suggestions,
        created_by: drafter.actor.userId,
        created_at: new Date(Date.parse(`${addDays(meetingDay, -20)}T09:00:00+08:00`)),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('work_report_event')
      .values({ commission_id: cid, report_id: report.id, action: 'create', to_state: 'DRAFT', actor_id: drafter.actor.userId })
      .execute();
    if (!(d.heard || d.submitted) || !d.head) continue;
    const dtx = inTx(drafter, trx);
    const htx = inTx(await demoCtx(trx, d.head), trx);
    let v = (await transition(dtx, reportWorkflow, report.id, { action: 'submit', version: report.version })).version;
    v = (await transition(htx, reportWorkflow, report.id, { action: 'approve', version: v })).version;
    v = (await transition(dtx, reportWorkflow, report.id, { action: 'submitToCommittee', version: v, today: addDays(d.heard ? meetingDay : today, -3) }))
      .version;
    if (!d.heard) continue;
    await sql`UPDATE meeting_agenda_item SET work_report_id = ${report.id}::uuid
      WHERE meeting_id = ${meeting.id}::uuid AND kind = 'HEAR_REPORT' AND reporter_org_id = ${org.id}::uuid`.execute(trx);
    // The meeting was held before the link existed in the demo's order of loading: hear as its hold would have.
    await transition({ trx, job: { commissionId: cid, name: `${meeting.chair}（常委会会议召开）` } }, reportWorkflow, report.id, {
      action: 'hear',
      version: v,
      meetingId: meeting.id,
      today: meetingDay,
    });
  }
}
