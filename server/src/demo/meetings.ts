/**
 * 演示数据 — meetings (issue 11): a 常委会 that heard the education and finance groups' reports with three
 * decisions (one overdue, one in progress, one newly assigned), a 派驻机构负责人会议 called by a 分管领导 and
 * a 监督工作交流会, both with their 纪要 issued, and a zone meeting still to come. Every person and fact is
 * fictional. States move through the workflow kernel as the chair and the owner org would move them; the
 * overdue decision is marked by the daily job's own function.
 */
import type { AgendaKind, Attendance, MeetingType } from '@liandong/domain/meetings/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { markDecisionOverdue } from '../modules/meetings';
import { inTx } from '../platform/context';
import { transition } from '../platform/workflow';
import { decisionWorkflow, meetingWorkflow } from '../modules/meetings';
import { demoCtx } from './demo-ctx';

interface DemoMeeting {
  type: MeetingType;
  title: string;
  sessionNo: number | null;
  /** Days from today (negative: past) and hour. */
  day: number;
  hour: number;
  place: string;
  chair: string;
  agenda: { kind: AgendaKind; title: string; reporter?: string }[];
  attendees: { user?: string; name?: string; unit?: string; attendance: Attendance; reason?: string }[];
  minutes: string;
  /** Decisions: owner (a username of the owner org), deadline in days from today, and how far it got. */
  decisions: { content: string; owner: string; due: number; progress?: string; overdue?: boolean }[];
  issue: boolean;
}

const MEETINGS: DemoMeeting[] = [
  {
    type: 'STANDING_COMMITTEE',
    title: '市纪委常委会2026年第11次会议（演示数据）',
    sessionNo: 11,
    day: -30,
    hour: 9,
    place: '市纪委监委机关三楼第一会议室',
    chair: 'sj.secretary',
    agenda: [
      { kind: 'HEAR_REPORT', title: '听取2026年度派驻监督工作情况汇报', reporter: 'edu.group' },
      { kind: 'HEAR_REPORT', title: '听取2026年度派驻监督工作情况汇报', reporter: 'fin.group' },
      { kind: 'DELIBERATE', title: '研究部署校园餐和金融领域专项整治下一阶段工作' },
    ],
    attendees: [
      { user: 'sj.secretary', attendance: 'PRESENT' },
      { user: 'fsj1.deputy', attendance: 'PRESENT' },
      { user: 'fsj2.deputy', attendance: 'PRESENT' },
      { user: 'fsj3.deputy', attendance: 'LEAVE', reason: '参加省纪委监委培训' },
      { user: 'cw1.member', attendance: 'PRESENT' },
      { user: 'cw2.member', attendance: 'PRESENT' },
      { user: 'cw5.member', attendance: 'PRESENT' },
      { user: 'edu.group', attendance: 'OBSERVER' },
      { user: 'fin.group', attendance: 'OBSERVER' },
      { user: 'dfzf.director', attendance: 'OBSERVER' },
    ],
    minutes:
      '会议听取了驻市教育局纪检监察组、驻市金融工作部门纪检监察组关于2026年度派驻监督工作情况的汇报。\n' +
      '会议认为，两个派驻组聚焦主责主业，紧盯校园餐、信贷审批等关键环节开展监督，室组联动有力有效；同时存在发现问题能力不够强、以案促改跟进不够紧等短板。\n' +
      '会议要求，各派驻组要把日常监督与专项整治结合起来，压实驻在单位主体责任，推动问题整改见底见效。',
    decisions: [
      {
        content: '督促市教育局完成校园餐供餐企业资质复核，建立问题清单并逐项销号',
        owner: 'edu.group',
        due: -5,
        progress: '已复核供餐企业12家，发现问题5个，正在督促整改。',
        overdue: true,
      },
      {
        content: '牵头会同驻市金融工作部门纪检监察组开展信贷审批领域廉政风险排查',
        owner: 'jc5.staff',
        due: 20,
        progress: '已制定排查方案，完成3家市属金融机构的现场排查。',
      },
      { content: '梳理两个派驻组汇报中反映的共性问题，形成室组联动监督改进措施', owner: 'dfzf.staff', due: 45 },
    ],
    issue: true,
  },
  {
    type: 'DISPATCHED_HEADS',
    title: '2026年第四季度派驻机构负责人会议（演示数据）',
    sessionNo: null,
    day: -14,
    hour: 15,
    place: '市纪委监委机关二楼会议室',
    chair: 'fsj1.deputy',
    agenda: [
      { kind: 'BRIEFING', title: '通报第三季度派驻监督工作考核情况' },
      { kind: 'DELIBERATE', title: '研究年终问题线索集中清理工作' },
    ],
    attendees: [
      { user: 'fsj1.deputy', attendance: 'PRESENT' },
      { user: 'edu.group', attendance: 'PRESENT' },
      { user: 'fin.group', attendance: 'PRESENT' },
      { user: 'fgw.group', attendance: 'PRESENT' },
      { user: 'czj.group', attendance: 'LEAVE', reason: '外出办案' },
      { user: 'jc5.staff', attendance: 'OBSERVER' },
    ],
    minutes: '会议通报了第三季度派驻监督工作考核情况，分析了问题线索处置进度。\n会议要求，各派驻机构在年底前完成存量线索集中清理，逾期线索逐件说明原因。',
    decisions: [],
    issue: true,
  },
  {
    type: 'EXCHANGE',
    title: '室组地联动监督工作交流会（演示数据）',
    sessionNo: null,
    day: -7,
    hour: 9,
    place: '榆中县纪委监委会议室',
    chair: 'fsj2.deputy',
    agenda: [
      { kind: 'BRIEFING', title: '榆中县片区协作经验交流' },
      { kind: 'BRIEFING', title: '驻市教育局纪检监察组校园餐专项监督经验交流' },
    ],
    attendees: [
      { user: 'fsj2.deputy', attendance: 'PRESENT' },
      { user: 'yz.county', attendance: 'PRESENT' },
      { user: 'cg.county', attendance: 'PRESENT' },
      { user: 'edu.staff', attendance: 'PRESENT' },
      { user: 'jc3.staff', attendance: 'PRESENT' },
      { name: '赵某某', unit: '榆中县教育局', attendance: 'OBSERVER' },
    ],
    minutes: '与会单位交流了片区协作和专项监督的做法，会议要求各单位互学互鉴，把好经验固化为制度。',
    decisions: [],
    issue: true,
  },
  {
    type: 'ZONE_JOINT',
    title: '榆中县第一片区联席会议（演示数据）',
    sessionNo: null,
    day: 10,
    hour: 10,
    place: '榆中县纪委监委会议室',
    chair: 'fsj2.deputy',
    agenda: [{ kind: 'DELIBERATE', title: '研究片区年度联合监督计划' }],
    attendees: [
      { user: 'fsj2.deputy', attendance: 'PRESENT' },
      { user: 'yz.county', attendance: 'PRESENT' },
      { user: 'yz.jjs1', attendance: 'PRESENT' },
    ],
    minutes: '',
    decisions: [],
    issue: false,
  },
];

export async function loadDemoMeetings(trx: Transaction<DB>, cid: string): Promise<void> {
  const users = new Map(
    (
      await trx
        .selectFrom('app_user as u')
        .innerJoin('org as o', 'o.id', 'u.org_id')
        .select(['u.id', 'u.username', 'u.org_id', 'u.display_name', 'o.name_zh'])
        .where('u.commission_id', '=', cid)
        .execute()
    ).map((u) => [u.username, u]),
  );
  const user = (name: string) => users.get(name) ?? fail(`demo user ${name}`);
  const { today } = (await sql<{ today: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`.execute(trx)).rows[0]!;
  const dayOf = async (n: number) => (await sql<{ d: string }>`SELECT to_char(current_date + ${n}::int, 'YYYY-MM-DD') AS d`.execute(trx)).rows[0]!.d;
  for (const m of MEETINGS) {
    const chair = user(m.chair);
    const startsAt = new Date(`${await dayOf(m.day)}T${String(m.hour).padStart(2, '0')}:00:00+08:00`);
    const row = await trx
      .insertInto('meeting')
      .values({
        commission_id: cid,
        type: m.type,
        title: m.title,
        session_no: m.sessionNo,
        starts_at: startsAt,
        place: m.place,
        chair_user_id: chair.id,
        organiser_org_id: chair.org_id,
        minutes: m.minutes,
        created_by: chair.id,
        created_at: new Date(startsAt.getTime() - 7 * 86_400_000),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('meeting_agenda_item')
      .values(
        m.agenda.map((a, i) => ({
          commission_id: cid,
          meeting_id: row.id,
          seq: i + 1,
          kind: a.kind,
          title: a.title,
          reporter_org_id: a.reporter ? user(a.reporter).org_id : null,
        })),
      )
      .execute();
    await trx
      .insertInto('meeting_attendee')
      .values(
        m.attendees.map((a, i) => {
          const u = a.user ? user(a.user) : null;
          return {
            commission_id: cid,
            meeting_id: row.id,
            seq: i + 1,
            user_id: u?.id ?? null,
            name: u?.display_name ?? a.name!,
            unit: u?.name_zh ?? a.unit ?? '',
            attendance: a.attendance,
            leave_reason: a.reason ?? null,
          };
        }),
      )
      .execute();
    await trx
      .insertInto('meeting_event')
      .values({ commission_id: cid, meeting_id: row.id, action: 'create', to_state: 'PLANNED', actor_id: chair.id })
      .execute();
    if (m.day >= 0) continue;
    const ctx = inTx(await demoCtx(trx, m.chair), trx);
    let version = (await transition(ctx, meetingWorkflow, row.id, { action: 'hold', version: row.version, today })).version;
    for (const [i, d] of m.decisions.entries()) {
      const owner = user(d.owner);
      const dec = await trx
        .insertInto('meeting_decision')
        .values({
          commission_id: cid,
          meeting_id: row.id,
          seq: i + 1,
          content: d.content,
          owner_org_id: owner.org_id,
          deadline: await dayOf(d.due),
          created_by: chair.id,
        })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('meeting_decision_event')
        .values({ commission_id: cid, decision_id: dec.id, action: 'assign', to_state: 'ASSIGNED', actor_id: chair.id })
        .execute();
      if (d.progress) {
        const octx = inTx(await demoCtx(trx, d.owner), trx);
        const a = await transition(octx, decisionWorkflow, dec.id, { action: 'accept', version: dec.version, today });
        await transition(octx, decisionWorkflow, dec.id, { action: 'reportProgress', version: a.version, comment: `${d.progress}（演示数据）`, today });
      }
      if (d.overdue) await markDecisionOverdue(trx, dec.id, today);
    }
    // The 纪要 was issued two days after the meeting.
    if (m.issue) version = (await transition(ctx, meetingWorkflow, row.id, { action: 'issueMinutes', version, today: await dayOf(m.day + 2) })).version;
  }
}

function fail(what: string): never {
  throw new Error(`${what} missing`);
}
