import type { CaseActionBody, CaseDetail, CasePatchBody, TrialExtensionBody } from '@liandong/domain/cases/contracts';
import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { addMonths } from '@liandong/domain/clues/deadlines';
import { sql } from 'kysely';
import { AppError, forbidden, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { transition } from '../../platform/workflow';
import { FINAL_STATES, INVESTIGATION_STATES, mayUpdate, mayUpdateTrial, TRIAL_STATES } from './policy';
import { loadCase, refreshSearch } from './repo';
import { getCase } from './service-detail';
import { caseWorkflow } from './workflow';
import { SECTOR_DICTIONARY } from '@liandong/domain/problems/dictionaries';
import { dictionaryCodeIssues } from '../dictionaries';

/*
 * Writes to a case other than team and measures: the PATCH of its texts, the actions (through the one
 * transition door) and the 书记's one-time extension of the trial limit.
 */

const INVESTIGATION_FIELDS = ['plan', 'planMeeting', 'investigationReport'] as const;
const TRIAL_FIELDS = ['trialReport', 'trialTalkOn'] as const;
const GENERAL_FIELDS = ['title', 'summary', 'sector'] as const;

const COLUMN: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  plan: 'plan',
  planMeeting: 'plan_meeting',
  investigationReport: 'investigation_report',
  trialReport: 'trial_report',
  trialTalkOn: 'trial_talk_on',
  sector: 'sector_code',
};

/** PATCH /api/v1/cases/:id — lead department / team lead for the case texts, the trial team for its own. */
export async function patchCase(ctx: Ctx, id: string, body: CasePatchBody): Promise<CaseDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, facts } = await loadCase(trx, ctx.actor, id, true);
    if (row.version !== body.version) throw staleVersion();
    const given = Object.keys(COLUMN).filter((k) => body[k as keyof CasePatchBody] !== undefined);
    if (given.length === 0) throw validation([{ path: '', message: '请至少修改一项' }]);
    const touches = (fields: readonly string[]) => given.some((k) => fields.includes(k));
    const stateName = CASE_STATE_LABELS[row.state].zh;
    if (touches([...GENERAL_FIELDS, ...INVESTIGATION_FIELDS])) {
      if (!mayUpdate(facts)) throw forbidden('案件信息由承办部门、审查调查组组长或分管领导修改');
      if (FINAL_STATES.includes(row.state)) throw new AppError('CONFLICT', `案件处于“${stateName}”状态，不能修改`);
    }
    if (touches(INVESTIGATION_FIELDS) && !INVESTIGATION_STATES.includes(row.state))
      throw new AppError('CONFLICT', `案件处于“${stateName}”状态，审查调查方案和报告不能再修改`);
    if (touches(TRIAL_FIELDS)) {
      if (!mayUpdateTrial(facts)) throw forbidden('审理谈话和审理报告由审理组填写');
      if (!TRIAL_STATES.includes(row.state)) throw new AppError('CONFLICT', `案件处于“${stateName}”状态，不能修改审理信息`);
      if (body.trialTalkOn && body.trialTalkOn > row.today) throw validation([{ path: 'trialTalkOn', message: '审理谈话日期不能晚于今天' }]);
    }
    // 行业领域: a code of the commission's SECTOR dictionary
    const sectorIssues = await dictionaryCodeIssues(trx, ctx.actor.commissionId, SECTOR_DICTIONARY, [{ path: 'sector', code: body.sector }]);
    if (sectorIssues.length) throw validation(sectorIssues);
    const set: Record<string, unknown> = {};
    for (const k of given) set[COLUMN[k]!] = body[k as keyof CasePatchBody] ?? null;
    if (set.title === null) delete set.title;
    if (set.summary === null) set.summary = '';
    if (set.plan === null) set.plan = '';
    await trx
      .updateTable('case_file')
      .set({ ...set, version: row.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
    if (touches(GENERAL_FIELDS)) await refreshSearch(trx, row.id);
    await trx
      .insertInto('case_event')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        action: 'update',
        payload: JSON.stringify({ fields: given }),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, { type: 'case.updated', objectType: 'case', objectId: row.id, payload: refs({ caseNo: row.case_no, fields: given }) });
  });
  return getCase(ctx, id);
}

/** POST /api/v1/cases/:id/actions — answers the case after the transition (or 404 if the actor no longer sees it). */
export async function actOnCase(ctx: Ctx, id: string, body: CaseActionBody): Promise<CaseDetail> {
  await ctx.db.transaction().execute((trx) => transition(inTx(ctx, trx), caseWorkflow, id, body));
  return getCase(ctx, id);
}

/** POST /api/v1/cases/:id/trial-extension — the 书记 extends the one-month trial limit once (+1 month). */
export async function extendTrial(ctx: Ctx, id: string, body: TrialExtensionBody): Promise<CaseDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, facts } = await loadCase(trx, ctx.actor, id, true);
    if (row.version !== body.version) throw staleVersion();
    if (!facts.secretary) throw forbidden('延长审理期限须经书记批准');
    if (!TRIAL_STATES.includes(row.state)) throw new AppError('ILLEGAL_TRANSITION', `案件处于“${CASE_STATE_LABELS[row.state].zh}”状态，不能延长审理期限`);
    if (row.trial_extended) throw new AppError('ILLEGAL_TRANSITION', '审理期限只能延长一次');
    const due = addMonths(row.trial_due ?? row.today, 1);
    await trx
      .updateTable('case_file')
      .set({ trial_due: due, trial_extended: true, version: row.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
    const comment = body.comment?.trim() || null;
    const payload = { from: row.trial_due, to: due };
    await trx
      .insertInto('case_event')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        action: 'extendTrial',
        comment,
        payload: JSON.stringify(payload),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      type: 'case.updated',
      objectType: 'case',
      objectId: row.id,
      payload: refs({ caseNo: row.case_no, trialExtended: true, ...payload, comment }),
    });
  });
  return getCase(ctx, id);
}
