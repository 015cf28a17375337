/**
 * 演示数据 — loads the 2026 clue book (clues-data.ts) inside the demo transaction: clues numbered through
 * doc_sequence (兰纪线, so later registrations continue the sequence), deadlines on the demo calendar,
 * sealed complainants, the timeline, approved and pending requests, 谈话函询, 初核 with signed teams,
 * screening meetings, the cases filed on some clues (clues-cases.ts) and interference records.
 */
import { randomUUID } from 'node:crypto';
import { type CalendarDay, buildWorkCalendar } from '@liandong/domain/calendar/calendar';
import { clueDeadlines, inquiryReportDue, letterReplyDue, resultFeedbackDue } from '@liandong/domain/clues/deadlines';
import { type ClueAction, type ClueState, approvalChain, CLUE_TRANSITIONS, nextClueState } from '@liandong/domain/clues/machine';
import type { Insertable, InsertObject, Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { FieldCipher } from '../platform/crypto';
import { allocateDocNumber } from '../platform/numbering';
import { searchVector } from '../platform/search';
import { type DemoClue, demoClueCampaigns, demoClues } from './clues-data';
import { loadDemoCases } from './clues-cases';
import { loadMeetingsAndInterference } from './clues-meetings';
import { at, LAST_DAY, minDay, monthLater, pathOf, plusDays, stepDays } from './clues-timeline';
import { demoAccounts, demoLiaison, demoOversight, demoLeaders, demoSupervisedPersons } from './data';

/** 线索编号 代字: 兰纪线〔2026〕N号 (invented). */
export const CLUE_DOC_CODE = '兰纪线';

const PETITION = ['PETITION_LETTER', 'PETITION_VISIT', 'PETITION_PHONE', 'PETITION_ONLINE'];
const TEAM_OF: Record<string, string[]> = {
  'LZ-YZ': ['yz.jjs1', 'yz.jjs2'],
  'LZ-JW-JC3': ['jc3.director', 'jc3.staff'],
  'LZ-JW-SC8': ['sc8.director', 'sc8.staff'],
};
const METHOD_OF: Partial<Record<ClueAction, string>> = {
  approveTalkInquiry: 'TALK_INQUIRY',
  approvePrelim: 'PRELIM_VERIFICATION',
  approveHold: 'PENDING_HOLD',
  approveClose: 'CLOSE',
};

export interface DemoDirectory {
  cid: string;
  org: (code: string) => string;
  user: (username: string) => { id: string; org_id: string; display_name: string };
}

/** Loads the clue book; returns the clue ids by key. */
export async function loadDemoClues(
  trx: Transaction<DB>,
  cid: string,
  cipher: FieldCipher,
  campaignIds: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const orgs = await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute();
  const users = await trx.selectFrom('app_user').select(['id', 'username', 'org_id', 'display_name']).where('commission_id', '=', cid).execute();
  const persons = await trx.selectFrom('person').select(['id', 'name_zh']).where('commission_id', '=', cid).execute();
  const calRows = await trx.selectFrom('calendar_day').select(['day', 'kind', 'name_zh']).where('commission_id', '=', cid).execute();
  const cal = buildWorkCalendar(calRows.map((r): CalendarDay => ({ day: r.day, kind: r.kind as CalendarDay['kind'], nameZh: r.name_zh })));
  const orgId = new Map(orgs.map((o) => [o.code, o.id]));
  const userBy = new Map(users.map((u) => [u.username, u]));
  const dir: DemoDirectory = {
    cid,
    org: (code) => orgId.get(code) ?? fail(`unknown org ${code}`),
    user: (name) => userBy.get(name) ?? fail(`unknown account ${name}`),
  };
  const personOf = (key: string) => {
    const name = demoSupervisedPersons.find((p) => p.key === key)?.nameZh;
    return persons.find((p) => p.name_zh === name)?.id ?? fail(`unknown person ${key}`);
  };
  const own = (code: string) => TEAM_OF[code] ?? demoAccounts.filter((a) => a.orgCode === code).map((a) => a.username);
  /** Staff who act for a department; a group without demo accounts is helped by its liaison office. */
  const staffOf = (code: string) => {
    const mine = own(code);
    const office = demoLiaison.find((l) => l.targetCodes.includes(code))?.officeCode;
    return mine.length || !office ? mine : own(office);
  };
  const leaderAccount = (key: string) => demoAccounts.find((a) => a.leaderKey === key)!.username;
  /** 分管领导 of an undertaking department: an office's overseer, else the overseer of the office that liaises with it. */
  const overseerOf = (code: string | undefined) => {
    const office =
      code && demoOversight.some((o) => o.officeCodes.includes(code)) ? code : demoLiaison.find((l) => code && l.targetCodes.includes(code))?.officeCode;
    const key = demoOversight.find((o) => office && o.officeCodes.includes(office))?.leaderKey ?? demoLeaders[1]!.key;
    return leaderAccount(key);
  };

  /** The campaign and typology of a campaign's demo clue (demoClueCampaigns), by the loaded campaign ids. */
  const campaignLink = (key: string) => {
    const link = demoClueCampaigns[key];
    if (!link) return {};
    return { campaign_id: campaignIds.get(link.campaign) ?? fail(`demo campaign ${link.campaign}`), typology: [...link.typology] };
  };
  const ids = new Map(demoClues.map((c) => [c.key, randomUUID()]));
  const clueRows: InsertObject<DB, 'clue'>[] = [];
  const events: Insertable<DB['clue_event']>[] = [];
  const requests: Insertable<DB['clue_request']>[] = [];
  const approvals: Insertable<DB['clue_approval']>[] = [];
  const inquiries: Insertable<DB['clue_inquiry']>[] = [];
  const verifications: Insertable<DB['clue_verification']>[] = [];
  const members: Insertable<DB['clue_team_member']>[] = [];
  const caseDays = new Map<string, { proposedOn: string }>();

  for (const c of [...demoClues].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))) {
    const id = ids.get(c.key)!;
    const path = pathOf(c);
    const days = stepDays(c, path);
    const dayOf = (a: ClueAction) => days[path.indexOf(a)] ?? null;
    const subject = {
      cadreManagement: c.personKey === 'soe-chair' ? ('SAME_LEVEL_PARTY' as const) : ('LOWER' as const),
      isSubordinateTopLeader: c.personKey === 'soe-chair',
    };
    const petition = PETITION.includes(c.source);
    const receivingCode = c.receivingCode ?? (petition ? 'LZ-JW-XFS' : (c.undertakingCode ?? 'LZ-JW-AGS'));
    const receiver = petition ? 'xf.officer1' : (staffOf(receivingCode)[0] ?? 'ag.manager1');
    const undertaking = path.includes('assign') ? c.undertakingCode : undefined;
    if (path.includes('assign') && !undertaking) fail(`demo clue ${c.key} needs an undertaking department`);
    const undertaker = undertaking ? staffOf(undertaking)[0]! : 'ag.manager1';
    const year = Number((dayOf('register') ?? c.receivedOn).slice(0, 4));
    const number = path.includes('register')
      ? await allocateDocNumber(trx, { commissionId: cid, docCode: CLUE_DOC_CODE, year, objectType: 'clue', objectId: id, userId: dir.user('ag.manager1').id })
      : null;
    const dl = clueDeadlines(cal, { receivedOn: c.receivedOn, realName: !!c.complainant, upperAssigned: c.source === 'SUPERIOR_ASSIGNED' });

    // ---- timeline, approvals
    const actorOf = (a: ClueAction) => {
      const who = CLUE_TRANSITIONS[a].who[0];
      return who === 'PETITION' ? 'xf.officer1' : who === 'CASE_MANAGEMENT' ? 'ag.manager1' : who === 'UNDERTAKING' ? undertaker : 'sj.secretary';
    };
    events.push({
      commission_id: cid,
      clue_id: id,
      action: 'receive',
      from_state: null,
      to_state: 'RECEIVED',
      actor_id: dir.user(receiver).id,
      at: at(c.receivedOn, 9),
    });
    let state: ClueState = 'RECEIVED';
    for (const [i, a] of path.entries()) {
      const to: ClueState = nextClueState(state, a)!;
      const day = days[i]!;
      const chain = approvalChain(a, subject, 'MUNICIPAL', state);
      let decidedBy = actorOf(a);
      if (chain.length) {
        const rid = randomUUID();
        const requester = a === 'assign' ? 'ag.manager1' : a === 'transferOut' ? 'xf.officer1' : undertaker;
        requests.push({
          id: rid,
          commission_id: cid,
          clue_id: id,
          action: a,
          payload: JSON.stringify(a === 'assign' ? { undertakingOrgId: dir.org(c.undertakingCode!) } : {}),
          rationale: `${c.title}：按程序报批。（演示数据）`,
          chain,
          next_step: chain.length,
          status: 'APPROVED',
          requested_by: dir.user(requester).id,
          requested_at: at(day, 9),
          decided_at: at(day, 16),
          version: 1 + chain.length,
        });
        for (const [step, kind] of chain.entries()) {
          // each step by a different person: external approvals are recorded by the 案管室
          decidedBy = kind === 'OVERSEEING_LEADER' ? overseerOf(undertaking) : kind === 'PRINCIPAL_LEADER' ? 'sj.secretary' : 'ag.manager1';
          approvals.push({
            commission_id: cid,
            request_id: rid,
            step,
            approver_kind: kind,
            decision: 'APPROVED',
            comment: kind === 'PARTY_COMMITTEE_SECRETARY' || kind === 'UPPER_COMMISSION' ? '登记：已按规定报批并获同意。（演示数据）' : '同意。',
            decided_by: dir.user(decidedBy).id,
            decided_at: at(day, 10 + step * 2),
          });
        }
      }
      events.push({
        commission_id: cid,
        clue_id: id,
        action: a,
        from_state: state,
        to_state: to,
        actor_id: dir.user(decidedBy).id,
        at: at(day, 16),
        comment: null,
      });
      state = to;
    }
    if (c.pending) {
      const chain = approvalChain(c.pending.action, subject, 'MUNICIPAL', c.state);
      const payload: Record<string, unknown> = { ...(c.pending.payload ?? {}) };
      if (typeof payload.undertakingOrgCode === 'string') {
        payload.undertakingOrgId = dir.org(payload.undertakingOrgCode);
        delete payload.undertakingOrgCode;
      }
      if (c.pending.action === 'approvePrelim') {
        payload.teamUserIds = staffOf(c.undertakingCode!).map((u) => dir.user(u).id);
        payload.leadUserId = payload.teamUserIds ? (payload.teamUserIds as string[])[0] : null;
      }
      const requester = c.pending.action === 'assign' ? 'ag.manager1' : undertaker;
      requests.push({
        commission_id: cid,
        clue_id: id,
        action: c.pending.action,
        payload: JSON.stringify(payload),
        rationale: c.pending.rationale,
        chain,
        next_step: 0,
        status: 'PENDING',
        requested_by: dir.user(requester).id,
        requested_at: at(minDay(plusDays(days.at(-1) ?? c.receivedOn, 2), LAST_DAY), 11),
      });
    }

    // ---- 谈话函询
    let inquiryReplyDue: string | null = null;
    let clueReportDue: string | null = null;
    const approvedTalk = dayOf('approveTalkInquiry');
    if (approvedTalk) {
      const form = c.inquiryForm ?? 'TALK';
      const talkOn = form === 'LETTER' ? null : minDay(plusDays(approvedTalk, 7), LAST_DAY);
      const letterReceived = form === 'TALK' ? null : minDay(plusDays(approvedTalk, 4), LAST_DAY);
      const replyDue = letterReceived ? letterReplyDue(cal, letterReceived) : null;
      const repliedOn = letterReceived && !c.noReply ? minDay(plusDays(approvedTalk, 12), LAST_DAY) : null;
      const base = [talkOn, repliedOn]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1);
      const reportDue = base ? inquiryReportDue(base) : null;
      const reportedOn = dayOf('reportTalkInquiry');
      const outcome =
        c.state === 'CLOSED_FIRST_FORM' ? 'FIRST_FORM' : c.state === 'FALSE_ACCUSATION' ? 'FALSE_ACCUSATION' : reportedOn ? 'ACCEPT_AND_CLOSE' : null;
      inquiries.push({
        commission_id: cid,
        clue_id: id,
        round: 1,
        form,
        talked_by: talkOn
          ? staffOf(undertaking!)
              .map((u) => dir.user(u).display_name)
              .join('、')
          : null,
        talk_on: talkOn,
        letter_sent_on: letterReceived ? plusDays(letterReceived, -2) : null,
        letter_received_on: letterReceived,
        reply_due: replyDue,
        replied_on: repliedOn,
        reply_signed_by_unit_leader: !!repliedOn,
        report_due: reportDue,
        reported_on: reportedOn,
        report: reportedOn ? '经谈话函询，被反映人对反映问题作了说明，所作说明与了解的情况基本一致。（演示数据）' : null,
        outcome,
        first_form_measure: c.state === 'CLOSED_FIRST_FORM' ? 'ADMONITION' : null,
        filed_to_integrity_file: !!reportedOn,
        created_by: dir.user(undertaker).id,
        created_at: at(approvedTalk, 17),
      });
      if (c.state === 'TALK_INQUIRY') {
        inquiryReplyDue = repliedOn ? null : replyDue;
        clueReportDue = reportDue;
      }
    }

    // ---- 初步核实 with its 核查组
    const approvedPrelim = dayOf('approvePrelim');
    if (approvedPrelim) {
      const vid = randomUUID();
      const startedOn = minDay(plusDays(approvedPrelim, 2), LAST_DAY);
      const reportedOn = dayOf('reportPrelim');
      const closedOn = dayOf('approveClose') ?? dayOf('transferToPartyOrg');
      const proposal =
        c.case || c.state === 'CASE_PROPOSED'
          ? 'PROPOSE_FILING'
          : c.state === 'TRANSFERRED_TO_PARTY_ORG'
            ? 'TRANSFER_TO_PARTY_ORG'
            : c.state === 'CLOSED'
              ? 'CLOSE'
              : 'REMIND_TALK';
      verifications.push({
        id: vid,
        commission_id: cid,
        clue_id: id,
        round: 1,
        plan: `围绕“${c.title}”，调取相关档案资料，询问知情人员，核查资金往来。（演示数据）`,
        measures: ['TALK', 'ENQUIRY', 'REVIEW_COPY'],
        started_on: startedOn,
        target_due: monthLater(startedOn, 3),
        report: reportedOn
          ? JSON.stringify({
              subjectBasics: `${c.subjectName}，${c.position}。`,
              mainAllegations: c.summary,
              basis: '调取的合同、账册和询问笔录。',
              findings: proposal === 'PROPOSE_FILING' ? '反映的主要问题基本属实。' : '反映问题部分属实，情节较轻。',
              doubts: '无',
              proposal,
            })
          : null,
        proposal: reportedOn ? proposal : null,
        reported_on: reportedOn,
        created_by: dir.user(undertaker).id,
        created_at: at(startedOn, 9),
      });
      const team = c.case?.investigators ?? staffOf(undertaking!);
      for (const [i, u] of team.entries()) {
        members.push({
          commission_id: cid,
          clue_id: id,
          verification_id: vid,
          user_id: dir.user(u).id,
          role: i === 0 ? 'LEAD' : 'MEMBER',
          signed_at: reportedOn ? at(reportedOn, 9 + i) : null,
          joined_on: startedOn,
          left_on: closedOn,
        });
      }
    }

    // ---- the clue row
    const closedOn = dayOf('approveClose') ?? dayOf('closeFirstForm') ?? dayOf('findFalseAccusation') ?? dayOf('transferToPartyOrg') ?? dayOf('transferOut');
    const finished = ['CLOSED', 'CLOSED_FIRST_FORM', 'FALSE_ACCUSATION', 'TRANSFERRED_TO_PARTY_ORG'].includes(c.state);
    const feedbackDue = c.complainant && finished && closedOn ? resultFeedbackDue(cal, closedOn) : null;
    const proposeIdx = path.indexOf('propose');
    const method = c.method ?? (proposeIdx >= 0 ? (METHOD_OF[path[proposeIdx + 1]!] ?? null) : null);
    if (c.case || c.state === 'CASE_PROPOSED') caseDays.set(c.key, { proposedOn: dayOf('proposeCase')! });
    clueRows.push({
      id,
      commission_id: cid,
      year,
      seq: number?.no ?? null,
      clue_no: number?.text ?? null,
      source: c.source,
      received_on: c.receivedOn,
      received_by: dir.user(receiver).id,
      receiving_org_id: dir.org(receivingCode),
      registered_at: dayOf('register') ? at(dayOf('register')!, 11) : null,
      real_name: !!c.complainant,
      complainant_cipher: c.complainant ? cipher.encrypt(JSON.stringify(c.complainant)) : null,
      title: c.title,
      summary: c.summary,
      issue_types: c.issues,
      ...campaignLink(c.key),
      subject_name: c.subjectName,
      subject_person_id: c.personKey ? personOf(c.personKey) : null,
      subject_org_id: c.unit ? dir.org(c.unit) : null,
      subject_position: c.position,
      cadre_management: subject.cadreManagement,
      is_subordinate_top_leader: subject.isSubordinateTopLeader,
      proposed_undertaking_org_id: c.undertakingCode ? dir.org(c.undertakingCode) : null,
      undertaking_org_id: undertaking ? dir.org(undertaking) : null,
      state: c.state,
      proposed_method: method,
      closed_kind: c.state === 'CLOSED' ? (c.closedKind ?? 'DIRECT') : c.state === 'CLOSED_FIRST_FORM' ? 'AFTER_INQUIRY' : null,
      closed_on: finished || c.state === 'TRANSFERRED_OUT' ? closedOn : null,
      propose_due: dl.proposeBy,
      acknowledge_due: dl.acknowledgeBy,
      acknowledged_on: c.complainant && c.state !== 'RECEIVED' ? minDay(plusDays(c.receivedOn, 6), LAST_DAY) : null,
      assigned_case_due: dl.assignedCaseBy,
      inquiry_reply_due: inquiryReplyDue,
      inquiry_report_due: clueReportDue,
      hold_review_due: c.state === 'PENDING_HOLD' ? monthLater(dayOf('approveHold')!, 6) : null,
      feedback_due: feedbackDue,
      feedback_on: feedbackDue && !c.feedbackPending ? minDay(plusDays(closedOn!, 7), LAST_DAY) : null,
      merged_into_id: c.mergedInto ? ids.get(c.mergedInto)! : null,
      merge_kind: c.mergedInto ? 'DUPLICATE' : null,
      search_tsv: searchVector([number?.text, c.title, c.summary, c.subjectName, c.position]),
      created_by: dir.user(receiver).id,
      created_at: at(c.receivedOn, 9),
      updated_at: at(days.at(-1) ?? c.receivedOn, 16),
      version: 1 + path.length,
    });
  }

  // A merged clue points at its target, so targets go first.
  const mergedLast = [...clueRows].sort((a, b) => Number(!!a.merged_into_id) - Number(!!b.merged_into_id));
  await trx.insertInto('clue').values(mergedLast).execute();
  await trx.insertInto('clue_event').values(events).execute();
  await trx.insertInto('clue_request').values(requests).execute();
  await trx.insertInto('clue_approval').values(approvals).execute();
  await trx.insertInto('clue_inquiry').values(inquiries).execute();
  await trx.insertInto('clue_verification').values(verifications).execute();
  await trx.insertInto('clue_team_member').values(members).execute();
  await loadDemoCases(trx, dir, ids, caseDays);
  await loadMeetingsAndInterference(trx, dir, ids);
  return ids;
}

function fail(message: string): never {
  throw new Error(`demo clues: ${message}`);
}

export type { DemoClue };
