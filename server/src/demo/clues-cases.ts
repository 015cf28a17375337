/**
 * 演示数据 — the cases filed on demo clues: numbered through doc_sequence (兰纪案, as filing.ts does), the
 * ladder of states with their dates and deadlines, the 审查调查组 (室组联合) and the separate 审理组,
 * measures, and the outcomes with their 四种形态.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/types';
import { allocateDocNumber } from '../platform/numbering';
import { searchVector } from '../platform/search';
import { CASE_DOC_CODE } from '../modules/cases';
import { demoClues } from './clues-data';
import type { DemoDirectory } from './clues';
import { at, caseSteps, monthLater, plusDays } from './clues-timeline';

export async function loadDemoCases(trx: Transaction<DB>, dir: DemoDirectory, ids: Map<string, string>, days: Map<string, { proposedOn: string }>) {
  const withCase = demoClues.filter((c) => days.has(c.key)).sort((a, b) => days.get(a.key)!.proposedOn.localeCompare(days.get(b.key)!.proposedOn));
  const teams: Insertable<DB['case_team_member']>[] = [];
  const events: Insertable<DB['case_event']>[] = [];
  const outcomes: Insertable<DB['case_outcome']>[] = [];
  const measures: Insertable<DB['case_measure']>[] = [];
  for (const c of withCase) {
    const clueId = ids.get(c.key)!;
    const proposedOn = days.get(c.key)!.proposedOn;
    const spec = c.case ?? { state: 'FILING_PROPOSED' as const, filedOn: proposedOn, investigators: [] as string[] };
    const id = randomUUID();
    const year = Number(proposedOn.slice(0, 4));
    const { no, text } = await allocateDocNumber(trx, {
      commissionId: dir.cid,
      docCode: CASE_DOC_CODE,
      year,
      objectType: 'case',
      objectId: id,
      userId: dir.user('ag.manager1').id,
    });
    const steps = caseSteps(spec.state, spec.filedOn);
    const dayOf = (to: string) => steps.find((s) => s.to === to)?.day ?? null;
    const lead = dir.org(spec.leadCode ?? c.undertakingCode!);
    const trialReceived = dayOf('IN_TRIAL');
    const decided = dayOf('DECIDED');
    const announced = dayOf('SANCTION_ANNOUNCED');
    const firstUser = spec.investigators[0] ?? 'ag.manager1';
    await trx
      .insertInto('case_file')
      .values({
        id,
        commission_id: dir.cid,
        year,
        seq: no,
        case_no: text,
        title: c.title,
        summary: c.summary,
        subject_name: c.subjectName,
        subject_person_id: (await trx.selectFrom('clue').select('subject_person_id').where('id', '=', clueId).executeTakeFirstOrThrow()).subject_person_id,
        subject_org_id: c.unit ? dir.org(c.unit) : null,
        subject_position: c.position,
        cadre_management: c.personKey === 'soe-chair' ? 'SAME_LEVEL_PARTY' : 'LOWER',
        lead_org_id: lead,
        state: spec.state,
        party_committee_approved: false,
        filed_on: dayOf('FILED'),
        plan: spec.plan ?? (dayOf('PLAN_APPROVED') ? '按照审查调查方案，调取相关书证，询问有关人员，查明违纪违法事实。（演示数据）' : ''),
        plan_meeting: dayOf('PLAN_APPROVED') ? '专题会议研究审定' : null,
        plan_approved_on: dayOf('PLAN_APPROVED'),
        announced_on: dayOf('ANNOUNCED'),
        facts_confirmed_on: dayOf('FACTS_CONFIRMED'),
        investigation_report: dayOf('INVESTIGATION_REPORTED') ? `经审查调查，${c.subjectName}的主要违纪违法事实已查清，证据确实充分。（演示数据）` : null,
        investigation_reported_on: dayOf('INVESTIGATION_REPORTED'),
        trial_received_on: trialReceived,
        trial_due: trialReceived ? monthLater(trialReceived, 1) : null,
        trial_talk_on: dayOf('TRIAL_DELIBERATED') ? plusDays(dayOf('TRIAL_DELIBERATED')!, -10) : null,
        trial_report: dayOf('TRIAL_DELIBERATED') ? '审理认为，事实清楚，证据确凿，定性准确，处理恰当，手续完备，程序合规。（演示数据）' : null,
        deliberated_on: dayOf('TRIAL_DELIBERATED'),
        decided_on: decided,
        funds_recovered: decided ? (spec.fundsRecovered ?? null) : null,
        decision_announce_due: decided ? monthLater(decided, 1) : null,
        decision_announced_on: announced,
        execution_report_due: announced ? monthLater(announced, 1) : null,
        executed_on: dayOf('EXECUTED'),
        search_tsv: searchVector([text, c.title, c.summary, c.subjectName, c.position]),
        created_by: dir.user(firstUser).id,
        created_at: at(proposedOn, 15),
        updated_at: at(steps.at(-1)?.day ?? proposedOn, 16),
        version: 1 + steps.length,
      })
      .execute();
    await trx.insertInto('case_clue').values({ case_id: id, clue_id: clueId }).execute();
    await trx.updateTable('clue').set({ case_id: id }).where('id', '=', clueId).execute();
    events.push({
      commission_id: dir.cid,
      case_id: id,
      action: 'propose',
      from_state: null,
      to_state: 'FILING_PROPOSED',
      actor_id: dir.user(firstUser).id,
      at: at(proposedOn, 15),
    });
    for (const s of steps) {
      const actor = ['approveFiling', 'approvePlan', 'decide'].includes(s.action)
        ? 'sj.secretary'
        : s.action === 'deliberate'
          ? (spec.trial?.[0] ?? firstUser)
          : firstUser;
      events.push({
        commission_id: dir.cid,
        case_id: id,
        action: s.action,
        from_state: s.from,
        to_state: s.to,
        actor_id: dir.user(actor).id,
        at: at(s.day, 16),
      });
    }
    for (const [i, u] of spec.investigators.entries()) {
      const user = dir.user(u);
      teams.push({
        commission_id: dir.cid,
        case_id: id,
        team: 'INVESTIGATION',
        user_id: user.id,
        org_id: user.org_id,
        role: i === 0 ? 'LEAD' : 'MEMBER',
        joined_on: spec.filedOn,
        added_by: dir.user('ag.manager1').id,
      });
    }
    if (trialReceived) {
      for (const [i, u] of (spec.trial ?? []).entries()) {
        if (spec.investigators.includes(u)) throw new Error(`demo case ${c.key}: ${u} cannot be on both teams`);
        const user = dir.user(u);
        teams.push({
          commission_id: dir.cid,
          case_id: id,
          team: 'TRIAL',
          user_id: user.id,
          org_id: user.org_id,
          role: i === 0 ? 'LEAD' : 'MEMBER',
          joined_on: trialReceived,
          added_by: user.id,
        });
      }
    }
    if (decided) {
      for (const o of spec.outcomes ?? []) {
        outcomes.push({
          commission_id: dir.cid,
          case_id: id,
          kind: o.kind,
          detail: o.detail,
          four_form: o.form,
          period_months: o.months ?? null,
          decided_on: decided,
          created_by: dir.user('sj.secretary').id,
        });
      }
    }
    for (const m of spec.measures ?? []) {
      measures.push({
        commission_id: dir.cid,
        case_id: id,
        kind: m.kind,
        started_on: m.startedOn,
        due_on: m.dueOn,
        note: m.note,
        created_by: dir.user(firstUser).id,
      });
    }
  }
  if (teams.length) await trx.insertInto('case_team_member').values(teams).execute();
  if (events.length) await trx.insertInto('case_event').values(events).execute();
  if (outcomes.length) await trx.insertInto('case_outcome').values(outcomes).execute();
  if (measures.length) await trx.insertInto('case_measure').values(measures).execute();
}
