/**
 * 演示数据 — loads 以案促改 inside the demo transaction, after the clue book (its cases exist): reform records
 * with their 问题清单 and cause analysis, recommendation letters walked step by step through the letter
 * machine (each step an event row; numbers from doc_sequence via allocateDocNumber so later issuing
 * continues the sequence), their opinions, the rectification tasks spawned at adoption walked through the
 * task machine (each step an update row), accountability records and an issued 通报. No DOCX is rendered
 * here: the letters module renders on demand.
 */
import { randomUUID } from 'node:crypto';
import { addWorkingDays, buildWorkCalendar, type CalendarDay } from '@liandong/domain/calendar/calendar';
import { LETTER_DOC_CODES } from '@liandong/domain/reform/enums';
import { nextLetterState, LETTER_TRANSITIONS, type LetterState } from '@liandong/domain/reform/machine';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/types';
import { allocateDocNumber } from '../platform/numbering';
import { at, plusDays } from './clues-timeline';
import { financeLetter, financeRecord } from './reform-data';
import { insertBulletin } from './reform-bulletin';
import { demoAccountabilities, moreLetters, moreRecords } from './reform-data-more';
import { insertTask } from './reform-tasks';
import type { DemoLetter, DemoReformRecord } from './reform-types';

export { BULLETIN_DOC_CODE } from './reform-bulletin';
/** Working days the unit has to submit its plan after adopting (as modules/reform/tasks-from-letter.ts). */
const PLAN_WORKING_DAYS = 10;
const SECRETARY = 'sj.secretary';

export const demoReformRecords: readonly DemoReformRecord[] = [financeRecord, ...moreRecords];
export const demoLetters: readonly DemoLetter[] = [financeLetter, ...moreLetters];

/** Ids of the demo's accounts and orgs by username / org code. */
export interface Directory {
  cid: string;
  org: (code: string) => string;
  user: (username: string) => { id: string; org_id: string };
  caseOf: (clueKey: string) => string;
  /** the plan's due day for a task assigned on `day` (working calendar) */
  planDue: (day: string) => string;
  /** `n` working days after `day` on the commission calendar (objection windows) */
  workingDays: (day: string, n: number) => string;
}

/**
 * Loads the reform area; `clueIds` are the demo clue ids by key (loadDemoClues), `campaignIds` the demo
 * campaigns by key (loadDemoCampaigns). A case's record takes its clue's campaign, a record's letters take
 * the record's and their tasks the letter's. Returns letter ids by key.
 */
export async function loadDemoReform(
  trx: Transaction<DB>,
  cid: string,
  clueIds: Map<string, string>,
  campaignIds: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const orgs = await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute();
  const users = await trx.selectFrom('app_user').select(['id', 'username', 'org_id']).where('commission_id', '=', cid).execute();
  const clues = await trx.selectFrom('clue').select(['id', 'case_id']).where('commission_id', '=', cid).where('case_id', 'is not', null).execute();
  const calRows = await trx.selectFrom('calendar_day').select(['day', 'kind', 'name_zh']).where('commission_id', '=', cid).execute();
  const cal = buildWorkCalendar(calRows.map((r): CalendarDay => ({ day: r.day, kind: r.kind as CalendarDay['kind'], nameZh: r.name_zh })));
  const orgId = new Map(orgs.map((o) => [o.code, o.id]));
  const userBy = new Map(users.map((u) => [u.username, u]));
  const caseByClue = new Map(clues.map((c) => [c.id, c.case_id!]));
  const dir: Directory = {
    cid,
    org: (code) => orgId.get(code) ?? fail(`unknown org ${code}`),
    user: (name) => userBy.get(name) ?? fail(`unknown account ${name}`),
    caseOf: (key) => caseByClue.get(clueIds.get(key) ?? fail(`unknown clue ${key}`)) ?? fail(`clue ${key} has no case`),
    planDue: (day) => addWorkingDays(cal, day, PLAN_WORKING_DAYS),
    workingDays: (day, n) => addWorkingDays(cal, day, n),
  };

  const recordOf = new Map<string, string>();
  for (const r of demoReformRecords) recordOf.set(r.caseKey, await insertRecord(trx, dir, r));

  const letterIds = new Map<string, string>();
  // Issue in date order so that the numbers follow the issuing days.
  const byIssue = [...demoLetters].sort((a, b) => (issueDay(a) ?? '9999').localeCompare(issueDay(b) ?? '9999'));
  for (const l of byIssue) letterIds.set(l.key, await insertLetter(trx, dir, l, l.caseKey ? (recordOf.get(l.caseKey) ?? null) : null));

  await trx
    .insertInto('accountability')
    .values(
      demoAccountabilities.map((a) => ({
        commission_id: cid,
        target_kind: a.targetKind,
        target_name: a.targetName,
        target_org_id: dir.org(a.targetOrgCode),
        target_position: a.targetPosition,
        method: a.method,
        basis: a.basis,
        facts: a.facts,
        deciding_body: a.decidingBody,
        decided_on: a.decidedOn,
        procedure_due: null,
        case_id: a.caseKey ? dir.caseOf(a.caseKey) : null,
        campaign_id: a.campaign ? (campaignIds.get(a.campaign) ?? fail(`unknown campaign ${a.campaign}`)) : null,
        letter_id: a.letterKey ? (letterIds.get(a.letterKey) ?? fail(`unknown letter ${a.letterKey}`)) : null,
        owner_org_id: dir.org(a.ownerCode),
        created_by: dir.user(a.by).id,
        created_at: at(a.decidedOn, 17),
      })),
    )
    .execute();

  await insertBulletin(trx, cid, dir, campaignIds);
  return letterIds;
}

const issueDay = (l: DemoLetter) => l.steps.find((s) => s.action === 'issue')?.day ?? null;

async function insertRecord(trx: Transaction<DB>, dir: Directory, r: DemoReformRecord): Promise<string> {
  const caseId = dir.caseOf(r.caseKey);
  const k = await trx.selectFrom('case_file').select(['filed_on']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const openedOn = k.filed_on ?? r.problems[0]?.foundOn ?? r.updatedOn;
  const by = dir.user(r.by).id;
  const values = {
    commission_id: dir.cid,
    origin: 'CASE',
    case_id: caseId,
    title: r.title,
    unit_org_id: dir.org(r.unitCode),
    sector_code: r.sector,
    owner_org_id: dir.org(r.ownerCode),
    // The campaign in which the case's clue was screened (as openReformRecordForCase does at filing).
    campaign_id:
      (
        await trx
          .selectFrom('clue')
          .select('campaign_id')
          .where('case_id', '=', caseId)
          .where('campaign_id', 'is not', null)
          .orderBy('received_on')
          .executeTakeFirst()
      )?.campaign_id ?? null,
    root_causes: r.rootCauses,
    cause_categories: r.causeCategories,
    state: r.state,
    created_by: by,
    created_at: at(openedOn, 17),
    updated_at: at(r.updatedOn, 16),
    version: 1 + r.problems.length + ['COLLECTING', 'ANALYSED', 'RECOMMENDED', 'CLOSED'].indexOf(r.state),
  };
  // Filing a case opens its record (cases/filing.ts); should the demo cases ever be filed through it, complete that record.
  const existing = await trx.selectFrom('reform_record').select('id').where('case_id', '=', caseId).executeTakeFirst();
  const id = existing
    ? (await trx.updateTable('reform_record').set(values).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
    : (await trx.insertInto('reform_record').values(values).returning('id').executeTakeFirstOrThrow()).id;
  const added_at = at(r.coOwnedOn ?? openedOn, 9);
  const coOwners = (r.coOwnerCodes ?? []).map((code) => ({ commission_id: dir.cid, record_id: id, org_id: dir.org(code), added_by: by, added_at }));
  if (coOwners.length) await trx.insertInto('reform_record_co_owner').values(coOwners).execute();
  if (r.problems.length) {
    await trx
      .insertInto('reform_problem')
      .values(
        r.problems.map((p, i) => ({
          commission_id: dir.cid,
          record_id: id,
          seq: i + 1,
          description: p.description,
          category: p.category,
          found_on: p.foundOn,
          created_by: by,
          created_at: at(p.foundOn, 15),
        })),
      )
      .execute();
  }
  return id;
}

async function insertLetter(trx: Transaction<DB>, dir: Directory, l: DemoLetter, recordId: string | null): Promise<string> {
  const id = randomUUID();
  const drafter = dir.user(l.drafter);
  const supervisor = dir.user(l.supervisor);
  const actorOf = (action: keyof typeof LETTER_TRANSITIONS) => {
    const who = LETTER_TRANSITIONS[action].actor;
    if (who === 'APPROVER') return SECRETARY;
    if (who === 'REVIEWER') return 'sl.staff1';
    if (who === 'RECIPIENT') return l.liaison ?? fail(`letter ${l.key} needs the unit's liaison for ${action}`);
    return l.drafter;
  };
  const events: Insertable<DB['letter_event']>[] = [
    {
      commission_id: dir.cid,
      letter_id: id,
      action: 'draft',
      from_state: null,
      to_state: 'DRAFTING',
      comment: null,
      actor_id: drafter.id,
      at: at(l.draftedOn, 10),
    },
  ];
  const row: Insertable<DB['letter']> = {
    id,
    commission_id: dir.cid,
    record_id: recordId,
    // A record's letter takes the record's campaign.
    campaign_id: recordId
      ? ((await trx.selectFrom('reform_record').select('campaign_id').where('id', '=', recordId).executeTakeFirst())?.campaign_id ?? null)
      : null,
    type: l.type,
    origin: l.origin,
    case_id: l.caseKey ? dir.caseOf(l.caseKey) : null,
    drafting_org_id: dir.org(l.draftingCode),
    supervisor_user_id: supervisor.id,
    recipient_org_id: dir.org(l.recipientCode),
    recipient_name: l.recipientName,
    title: l.title,
    background: l.background,
    facts: l.facts,
    causes: l.causes,
    legal_basis: l.legalBasis,
    reply_days: l.replyDays,
    reply_days_reason: l.replyDaysReason ?? '',
    objection_days: l.objectionDays,
    objection_unit: 'WORKING_DAYS',
    copy_to: l.copyTo ?? [],
    objection_channel: l.objectionChannel,
    contact: l.contact,
    created_by: drafter.id,
    created_at: at(l.draftedOn, 10),
  };
  let state: LetterState = 'DRAFTING';
  let adoptedOn: string | null = null;
  for (const s of l.steps) {
    const to: LetterState = nextLetterState(state, s.action) ?? fail(`letter ${l.key}: ${s.action} is not allowed from ${state}`);
    let comment = s.comment ?? null;
    if (s.action === 'approve') Object.assign(row, { approved_by: dir.user(SECRETARY).id, approved_at: at(s.day, 11) });
    if (s.action === 'issue') {
      const year = Number(s.day.slice(0, 4));
      const n = await allocateDocNumber(trx, {
        commissionId: dir.cid,
        docCode: LETTER_DOC_CODES[l.type],
        year,
        objectType: 'letter',
        objectId: id,
        userId: drafter.id,
      });
      Object.assign(row, { doc_code: LETTER_DOC_CODES[l.type], doc_year: year, doc_seq: n.no, doc_no: n.text, issued_on: s.day });
      comment ??= `编号 ${n.text}`;
    }
    if (s.action === 'serve') {
      Object.assign(row, {
        served_on: s.day,
        receipt_signed_by: l.receiptSignedBy ?? fail(`letter ${l.key} needs a receipt`),
        objection_due: dir.workingDays(s.day, l.objectionDays),
        reply_due: plusDays(s.day, l.replyDays),
      });
    }
    if (s.action === 'adopt') adoptedOn = s.day;
    if (s.action === 'reply') Object.assign(row, { reply: l.reply ?? fail(`letter ${l.key} needs a reply`), replied_on: s.day });
    if (s.action === 'evaluate') {
      const e = l.evaluation ?? fail(`letter ${l.key} needs an evaluation`);
      Object.assign(row, { evaluation: e.text, evaluation_score: e.score, evaluated_on: s.day });
      comment ??= `回头看评分 ${e.score}`;
    }
    if (s.action === 'close') row.closed_on = s.day;
    events.push({
      commission_id: dir.cid,
      letter_id: id,
      action: s.action,
      from_state: state,
      to_state: to,
      comment,
      actor_id: dir.user(actorOf(s.action)).id,
      at: at(s.day, s.action === 'approve' ? 11 : 15),
    });
    state = to;
  }
  const lastDay = l.steps.at(-1)?.day ?? l.opinions.at(-1)?.day ?? l.draftedOn;
  Object.assign(row, { state, updated_at: at(lastDay, 16), version: 1 + l.steps.length + l.opinions.length });
  await trx.insertInto('letter').values(row).execute();

  const items = await trx
    .insertInto('letter_item')
    .values(l.items.map((it, i) => ({ commission_id: dir.cid, letter_id: id, no: i + 1, text: it.text, deadline: it.deadline })))
    .returning(['id', 'no'])
    .execute();
  if (l.opinions.length) {
    await trx
      .insertInto('letter_opinion')
      .values(
        l.opinions.map((o) => ({
          commission_id: dir.cid,
          letter_id: id,
          kind: o.kind,
          org_id: dir.org(o.orgCode),
          org_name: o.orgName,
          opinion: o.opinion,
          recorded_by: dir.user(o.by).id,
          recorded_at: at(o.day, 14),
        })),
      )
      .execute();
  }
  await trx.insertInto('letter_event').values(events).execute();

  if (adoptedOn) {
    for (const [i, it] of l.items.entries()) {
      await insertTask(trx, dir, l, it, {
        letterId: id,
        itemId: items.find((x) => x.no === i + 1)!.id,
        no: i + 1,
        docNo: row.doc_no ?? null,
        adoptedOn,
        campaignId: row.campaign_id ?? null,
      });
    }
  }
  return id;
}

function fail(message: string): never {
  throw new Error(`demo reform: ${message}`);
}
