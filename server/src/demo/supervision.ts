import { randomUUID } from 'node:crypto';
import { LIST_NOTICE_DOC_CODE } from '@liandong/domain/supervision/enums';
import type { ItemState } from '@liandong/domain/supervision/machine';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/types';
import { allocateDocNumber } from '../platform/numbering';
import { demoAccounts, demoCoverage, demoLeaders, demoLiaison, demoOrgs, demoOversight } from './data';
import {
  DEMO_YEAR,
  DRAFTING_GROUP,
  demoCommonItems,
  demoIndividualItems,
  EDU_COMMON_MATTER_8,
  FINDING_TEXTS,
  FUTURE_DUE_STATES,
  genericIndividualItems,
  PAST_DUE_STATES,
  PROGRESS_TEXTS,
} from './supervision-data';

/** The demo's "today" for choosing states: items due before it are mostly done, a few overdue. */
const DEMO_TODAY = '2026-11-27';
const JW = 'LZ-JW';
const LISTS_ISSUED_ON = '2026-02-12';
const ORDER: readonly ItemState[] = ['DRAFT', 'CONSULTED', 'APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'COMPLETED', 'CLOSED'];
const REPORT_DAYS = ['2026-04-15', '2026-06-12', '2026-08-14', '2026-10-16', '2026-11-13'];

const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const reached = (s: ItemState, target: ItemState) => ORDER.indexOf(s) >= ORDER.indexOf(target);

type Rows = {
  items: Insertable<DB['supervision_item']>[];
  events: Insertable<DB['supervision_item_event']>[];
  progress: Insertable<DB['item_progress']>[];
  findings: Insertable<DB['supervision_finding']>[];
};

interface ItemSpec {
  listId: string;
  seq: number;
  matter: string;
  bases: string[];
  methods: string[];
  frequency: string;
  dueDate: string;
  leadSide: 'OFFICE' | 'GROUP';
  leadOrgId: string;
  assistOrgId: string;
  responsible: string[];
  hostUnitIds: string[];
  hostUnitName: string;
  state: ItemState;
  commonItemId: string | null;
  /** Leader who approves, liaison staff who closes. */
  approver: string | null;
  closer: string | null;
  consultedOn: string;
  variant: number;
}

/** One item with the events, progress and findings its state implies. */
function buildItem(cid: string, s: ItemSpec, out: Rows): void {
  const id = randomUUID();
  const actor = s.responsible[0] ?? null;
  const fill = (t: string) => t.replaceAll('{m}', s.matter).replaceAll('{u}', s.hostUnitName);
  const events: { action: string; from: ItemState; to: ItemState; day: string; actor: string | null; comment?: string }[] = [];
  let state: ItemState = 'DRAFT';
  const step = (action: string, to: ItemState, day: string, who: string | null, comment?: string) => {
    events.push({ action, from: state, to, day, actor: who, ...(comment ? { comment } : {}) });
    state = to;
  };
  const pastDue = s.dueDate < DEMO_TODAY;
  const completedOn = pastDue ? minusDays(s.dueDate, 3 + (s.variant % 5)) : minusDays(DEMO_TODAY, 4 + (s.variant % 6));
  const end = reached(s.state, 'COMPLETED') ? completedOn : DEMO_TODAY;
  let lastProgress: Date | null = null;
  let completedAt: Date | null = null;
  let closedAt: Date | null = null;
  if (reached(s.state, 'CONSULTED')) step('consult', 'CONSULTED', s.consultedOn, actor);
  if (reached(s.state, 'APPROVED')) step('approve', 'APPROVED', '2026-02-10', s.approver);
  if (reached(s.state, 'IN_PROGRESS')) {
    step('start', 'IN_PROGRESS', '2026-03-02', actor);
    // Overdue items stop reporting early (stalled); others report up to the end date.
    const days = REPORT_DAYS.filter((d) => d < end && (reached(s.state, 'COMPLETED') || s.state === 'APPROVED' || !pastDue || d < '2026-08-01'));
    const withFinding = s.state === 'ISSUE_FOUND' || (reached(s.state, 'COMPLETED') && s.variant % 3 === 0);
    for (const [i, d] of days.slice(0, 3).entries()) {
      out.progress.push({
        id: randomUUID(),
        commission_id: cid,
        item_id: id,
        period: `${DEMO_YEAR}年${Number(d.slice(5, 7))}月`,
        content: fill(PROGRESS_TEXTS[(s.variant + i) % PROGRESS_TEXTS.length]!),
        reported_by: actor,
        reported_at: at(d, 16),
      });
      step('report', state, d, actor);
      lastProgress = at(d, 16);
      if (i === 0 && withFinding) {
        const f = FINDING_TEXTS[s.variant % FINDING_TEXTS.length]!;
        const day = minusDays(d, -7);
        out.findings.push({
          commission_id: cid,
          item_id: id,
          org_id: s.leadOrgId,
          description: fill(f.description),
          disposition: f.disposition,
          host_unit_id: s.hostUnitIds[0] ?? null,
          created_by: actor,
          created_at: at(day, 11),
        });
        step('recordFinding', 'ISSUE_FOUND', day, actor);
      }
    }
    if (reached(s.state, 'COMPLETED')) {
      step('complete', 'COMPLETED', completedOn, actor);
      completedAt = at(completedOn, 17);
    }
    if (s.state === 'CLOSED') {
      const day = minusDays(completedOn, -2);
      step('close', 'CLOSED', day, s.closer, '经核实，监督事项已完成，同意销号。（演示数据）');
      closedAt = at(day, 15);
    }
  }
  const previous = events.filter((e) => e.from !== e.to).at(-1)?.from ?? null;
  out.items.push({
    id,
    commission_id: cid,
    list_id: s.listId,
    seq: s.seq,
    matter: s.matter,
    bases: s.bases,
    lead_side: s.leadSide,
    lead_org_id: s.leadOrgId,
    assist_side: s.leadSide === 'GROUP' ? 'OFFICE' : 'GROUP',
    assist_org_id: s.assistOrgId,
    responsible_user_ids: s.responsible,
    host_unit_ids: s.hostUnitIds,
    methods: s.methods,
    frequency: s.frequency,
    due_date: s.dueDate,
    state: s.state,
    previous_state: previous,
    common_item_id: s.commonItemId,
    last_progress_at: lastProgress,
    completed_at: completedAt,
    closed_at: closedAt,
    created_by: actor,
    created_at: at('2026-01-12', 9),
    updated_at: at(events.at(-1)?.day ?? '2026-01-12', 17),
    version: 1 + events.length,
  });
  for (const e of events) {
    out.events.push({
      commission_id: cid,
      item_id: id,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      comment: e.comment ?? null,
      actor_id: e.actor,
      at: at(e.day, e.action === 'report' ? 16 : 10),
    });
  }
}

/**
 * 演示数据: 2026 common and individual lists for every demo dispatched group, with 室组会商 records,
 * item events, progress reports and findings. Set-based inserts inside the caller's transaction.
 */
export async function loadDemoSupervision(trx: Transaction<DB>, cid: string): Promise<void> {
  const orgs = await trx.selectFrom('org').select(['id', 'code', 'name_zh']).where('commission_id', '=', cid).execute();
  const users = await trx.selectFrom('app_user').select(['id', 'username', 'display_name']).where('commission_id', '=', cid).execute();
  const orgId = new Map(orgs.map((o) => [o.code, o.id]));
  const orgName = new Map(orgs.map((o) => [o.code, o.name_zh]));
  const user = new Map(users.map((u) => [u.username, u]));
  const id = (code: string) => orgId.get(code)!;
  const accountsOf = (code: string) => demoAccounts.filter((a) => a.orgCode === code).map((a) => user.get(a.username)!);
  const liaisonOf = (groupCode: string) => demoLiaison.find((l) => l.targetCodes.includes(groupCode))!.officeCode;
  const leaderAccountOf = (officeCode: string) => {
    const key = demoOversight.find((o) => o.officeCodes.includes(officeCode))?.leaderKey ?? 'secretary';
    const leader = demoLeaders.find((l) => l.key === key)!;
    const acc = demoAccounts.find((a) => a.leaderKey === leader.key);
    return acc ? (user.get(acc.username)?.id ?? null) : null;
  };
  const coordinator = id(`${JW}-DFZF`);
  const coordinatorUser = user.get('dfzf.director')!.id;

  const commonIds = demoCommonItems.map(() => randomUUID());
  await trx
    .insertInto('common_item')
    .values(
      demoCommonItems.map((c, i) => ({
        id: commonIds[i]!,
        commission_id: cid,
        year: DEMO_YEAR,
        seq: i + 1,
        matter: c.matter,
        bases: c.bases,
        methods: c.methods,
        frequency: c.frequency,
        due_date: c.dueDate,
        coordinator_office_id: coordinator,
        created_by: coordinatorUser,
        created_at: at('2026-01-08', 9),
      })),
    )
    .execute();

  const groups = demoOrgs.filter((o) => o.kind === 'DISPATCHED_GROUP');
  const lists: Insertable<DB['supervision_list']>[] = [];
  const consultations: Insertable<DB['list_consultation']>[] = [];
  const rows: Rows = { items: [], events: [], progress: [], findings: [] };
  for (const [g, grp] of groups.entries()) {
    const suffix = grp.code.slice(`${JW}-PZ-`.length);
    const liaison = liaisonOf(grp.code);
    const hostCodes = demoCoverage.filter((c) => c.groupCode === grp.code).map((c) => c.hostUnitCode);
    const hostIds = hostCodes.map(id);
    const mainHost = orgName.get(hostCodes[0]!)!;
    const groupUsers = accountsOf(grp.code).map((u) => u.id);
    const officeUsers = accountsOf(liaison).map((u) => u.id);
    const approver = leaderAccountOf(liaison);
    const closer = officeUsers.at(-1) ?? null;
    const drafting = suffix === DRAFTING_GROUP;
    for (const type of ['COMMON', 'INDIVIDUAL'] as const) {
      const listId = randomUUID();
      const specs =
        type === 'COMMON'
          ? demoCommonItems.map((c, i) => ({ ...c, matter: suffix === 'JYJ' && i === 7 ? EDU_COMMON_MATTER_8 : c.matter }))
          : (demoIndividualItems[suffix] ?? genericIndividualItems(mainHost));
      const listDraft = drafting && type === 'INDIVIDUAL';
      const consultedOn = `2026-01-${String(15 + (g % 12)).padStart(2, '0')}`;
      lists.push({
        id: listId,
        commission_id: cid,
        year: DEMO_YEAR,
        type,
        title: `${grp.nameZh}${DEMO_YEAR}年度${type === 'COMMON' ? '共性' : '个性'}监督清单`,
        owner_group_id: id(grp.code),
        liaison_office_id: id(liaison),
        coordinator_office_id: coordinator,
        host_unit_ids: hostIds,
        bases: [...new Set(specs.flatMap((s) => s.bases))],
        approved_by: listDraft ? null : approver,
        approved_at: listDraft ? null : at('2026-02-10', 15),
        created_by: groupUsers[0] ?? coordinatorUser,
        created_at: at('2026-01-06', 9),
      });
      for (const [i, spec] of specs.entries()) {
        const variant = g * 7 + i * 3 + (type === 'COMMON' ? 0 : 1);
        const pool = spec.dueDate < DEMO_TODAY ? PAST_DUE_STATES : FUTURE_DUE_STATES;
        const state: ItemState = listDraft ? (i < 2 ? 'CONSULTED' : 'DRAFT') : pool[variant % pool.length]!;
        // Individual lists: items 2 and 4 are led by the liaison office (half of them), the rest by the group.
        const officeLeads = type === 'INDIVIDUAL' && i % 2 === 1;
        buildItem(
          cid,
          {
            listId,
            seq: i + 1,
            matter: spec.matter,
            bases: spec.bases,
            methods: spec.methods,
            frequency: spec.frequency,
            dueDate: spec.dueDate,
            leadSide: officeLeads ? 'OFFICE' : 'GROUP',
            leadOrgId: id(officeLeads ? liaison : grp.code),
            assistOrgId: id(officeLeads ? grp.code : liaison),
            responsible: officeLeads ? officeUsers : groupUsers,
            hostUnitIds: type === 'COMMON' ? hostIds : [hostIds[i % hostIds.length]!],
            hostUnitName: type === 'COMMON' ? mainHost : orgName.get(hostCodes[i % hostCodes.length]!)!,
            state,
            commonItemId: type === 'COMMON' ? commonIds[i]! : null,
            approver,
            closer,
            consultedOn,
            variant,
          },
          rows,
        );
      }
      {
        const groupPeople = accountsOf(grp.code);
        const officePeople = accountsOf(liaison);
        consultations.push({
          commission_id: cid,
          list_id: listId,
          held_on: consultedOn,
          place: `${orgName.get(liaison)}会议室`,
          participants: JSON.stringify([
            ...officePeople.map((u) => ({ orgId: id(liaison), orgName: orgName.get(liaison)!, name: u.display_name, role: null })),
            ...groupPeople.map((u) => ({ orgId: id(grp.code), orgName: grp.nameZh, name: u.display_name, role: null })),
            { orgId: coordinator, orgName: '党风政风监督室', name: user.get('dfzf.staff')!.display_name, role: '列席' },
          ]),
          opinions: `室组会商认为，${type === 'COMMON' ? '共性' : '个性'}清单事项紧扣${mainHost}职能定位和年度重点任务，责任分工明确；建议细化${specs[0]!.matter}的时间节点，按季度报告进展。（演示数据）`,
          created_by: officeUsers[0] ?? coordinatorUser,
          created_at: at(consultedOn, 17),
        });
      }
    }
  }
  // 印发 (issue 14): the 党风政风监督室 issued the approved lists as 通知 on 12 February, numbered 兰纪发〔2026〕N号;
  // the drafting group's common list is approved and still waits for its 印发 (a draft DOCX, the 印发 button).
  const issuer = user.get('dfzf.staff')!.id;
  const waiting = id(`${JW}-PZ-${DRAFTING_GROUP}`);
  for (const l of lists) {
    if (!l.approved_at || (l.owner_group_id === waiting && l.type === 'COMMON')) continue;
    const n = await allocateDocNumber(trx, {
      commissionId: cid,
      docCode: LIST_NOTICE_DOC_CODE,
      year: DEMO_YEAR,
      objectType: 'supervision_list',
      objectId: l.id!,
      userId: issuer,
    });
    Object.assign(l, { doc_no: n.text, issued_on: LISTS_ISSUED_ON, issued_by: issuer });
  }
  await trx.insertInto('supervision_list').values(lists).execute();
  await trx.insertInto('list_consultation').values(consultations).execute();
  await trx.insertInto('supervision_item').values(rows.items).execute();
  await trx.insertInto('supervision_item_event').values(rows.events).execute();
  await trx.insertInto('item_progress').values(rows.progress).execute();
  if (rows.findings.length) await trx.insertInto('supervision_finding').values(rows.findings).execute();
  await loadDemoZoneActivities(trx, cid, id, (u) => user.get(u)?.id ?? null);
}

/** 片区协作: 榆中县第一片区's rural-revitalisation special supervision (one clue escalated) and a routine activity in 中川片区. */
async function loadDemoZoneActivities(trx: Transaction<DB>, cid: string, id: (code: string) => string, userId: (u: string) => string | null) {
  const zones = await trx.selectFrom('work_zone').select(['id', 'name_zh']).where('commission_id', '=', cid).execute();
  const zone = (name: string) => zones.find((z) => z.name_zh === name)!.id;
  const special = randomUUID();
  const routine = randomUUID();
  await trx
    .insertInto('zone_activity')
    .values([
      {
        id: special,
        commission_id: cid,
        zone_id: zone('榆中县第一片区'),
        mode: 'SPECIAL',
        title: '乡村振兴领域专项监督（演示数据）',
        held_from: '2026-06-08',
        held_to: '2026-07-10',
        participant_org_ids: ['LZ-YZ-JJ1', 'LZ-YZ-JJ2', 'LZ-YZ-PZ-NYNC', 'LZ-YZ-XGY', 'LZ-YZ-HPZ', 'LZ-YZ-DYZ', 'LZ-YZ-JYZ'].map(id),
        summary:
          '片区牵头室统筹两个纪检监察室、驻县农业农村局纪检监察组和四个乡镇纪委，采取交叉检查方式，围绕衔接资金使用、产业项目运营和村级"三资"管理开展专项监督，走访村组18个、查阅账目资料260余份。（演示数据）',
        outcomes: '发现问题9个，督促立行立改6个；形成问题线索1件，经县纪委监委研究报请提级由市纪委监委管辖。（演示数据）',
        created_by: userId('yz.jjs1'),
        created_at: at('2026-07-12', 10),
      },
      {
        id: routine,
        commission_id: cid,
        zone_id: zone('中川片区'),
        mode: 'ROUTINE_JOINT',
        title: '中川片区第三季度日常联动监督（演示数据）',
        held_from: '2026-09-14',
        held_to: '2026-09-16',
        participant_org_ids: ['LZ-XQ-JJ1', 'LZ-XQ-ZC'].map(id),
        summary: '纪检监察室与中川镇纪委联合开展日常监督，重点检查惠民惠农财政补贴资金"一卡通"发放情况。（演示数据）',
        outcomes: '发现补贴发放台账不规范问题2个，已督促整改。（演示数据）',
        created_by: userId('xq.county'),
        created_at: at('2026-09-18', 10),
      },
    ])
    .execute();
  await trx
    .insertInto('supervision_finding')
    .values([
      {
        commission_id: cid,
        zone_activity_id: special,
        org_id: id('LZ-YZ-JJ1'),
        description: '某村产业帮扶项目资金存在虚列支出嫌疑，涉及村干部和镇干部，形成问题线索1件，提级由市纪委监委管辖。（演示数据）',
        disposition: 'CLUE',
        created_by: userId('yz.jjs1'),
        created_at: at('2026-07-08', 15),
      },
      {
        commission_id: cid,
        zone_activity_id: special,
        org_id: id('LZ-YZ-JJ2'),
        description: '部分村集体经济合同未经民主程序签订，台账登记不全。（演示数据）',
        disposition: 'RECTIFY',
        created_by: userId('yz.jjs2'),
        created_at: at('2026-07-09', 15),
      },
      {
        commission_id: cid,
        zone_activity_id: routine,
        org_id: id('LZ-XQ-JJ1'),
        description: '中川镇补贴资金发放台账与银行代发记录个别不一致。（演示数据）',
        disposition: 'RECTIFY',
        created_by: userId('xq.county'),
        created_at: at('2026-09-16', 16),
      },
    ])
    .execute();
}
