import type { ClueInquiry, ClueVerification, InquiryPatchBody, TeamMemberBody, VerificationPatchBody } from '@liandong/domain/clues/contracts';
import { inquiryReportDue, letterReplyDue } from '@liandong/domain/clues/deadlines';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { actorKinds } from './policy';
import { type ClueRow, lockClue } from './repo';
import { getClue } from './service-detail';
import { checkTeamCandidates } from './team';

/*
 * 谈话函询 and 初步核实 records of the undertaking department: the inquiry round's dates and report
 * (with the reply and report limits), the 初核 plan and report (an edit clears every signature), the
 * 核查组 and its signatures.
 */

async function lockChild(ctx: Ctx, trx: Transaction<DB>, table: 'clue_inquiry' | 'clue_verification', id: string) {
  const { rows } = await sql<{ id: string; clue_id: string; version: number; latest: boolean }>`SELECT x.id, x.clue_id, x.version,
      NOT EXISTS (SELECT 1 FROM ${sql.table(table)} y WHERE y.clue_id = x.clue_id AND y.round > x.round) AS latest
    FROM ${sql.table(table)} x WHERE x.id = ${id}::uuid AND x.commission_id = ${ctx.actor.commissionId}::uuid`.execute(trx);
  const row = rows[0];
  const what = table === 'clue_inquiry' ? '谈话函询记录' : '初步核实记录';
  if (!row) throw notFound(what);
  const clue = await lockClue(trx, ctx.actor, row.clue_id).catch(() => {
    throw notFound(what);
  });
  await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id}::uuid FOR UPDATE`.execute(trx);
  return { row, clue };
}

function requireUndertaking(ctx: Ctx, clue: ClueRow) {
  if (!actorKinds(ctx.actor, { undertakingOrgId: clue.undertaking_org_id }).has('UNDERTAKING')) throw forbidden('由承办部门登记');
}

function requireState(clue: ClueRow, state: ClueRow['state'], latest: boolean, what: string) {
  if (clue.state !== state || !latest) throw new AppError('ILLEGAL_TRANSITION', `线索不在${what}阶段，不能修改此记录`);
}

/** PATCH /clue-inquiries/:id */
export async function patchInquiry(ctx: Ctx, id: string, b: InquiryPatchBody): Promise<ClueInquiry> {
  const cal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const clueId = await ctx.db.transaction().execute(async (trx) => {
    const { row, clue } = await lockChild(ctx, trx, 'clue_inquiry', id);
    requireUndertaking(ctx, clue);
    requireState(clue, 'TALK_INQUIRY', row.latest, '谈话函询');
    if (row.version !== b.version) throw staleVersion();
    const cur = await trx.selectFrom('clue_inquiry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const pick = <K extends keyof InquiryPatchBody>(k: K, fallback: unknown) => (b[k] === undefined ? fallback : b[k]);
    const letterReceivedOn = pick('letterReceivedOn', cur.letter_received_on) as string | null;
    const repliedOn = pick('repliedOn', cur.replied_on) as string | null;
    const talkOn = pick('talkOn', cur.talk_on) as string | null;
    const today = todayIso();
    const issues = (
      [
        ['talkOn', talkOn],
        ['letterReceivedOn', letterReceivedOn],
        ['repliedOn', repliedOn],
      ] as const
    ).filter(([, v]) => v && v > today);
    if (issues.length) throw validation(issues.map(([p]) => ({ path: p, message: '日期不能晚于今天' })));
    const replyDue = letterReceivedOn ? letterReplyDue(cal.calendar, letterReceivedOn) : null;
    const reportFrom = repliedOn ?? talkOn;
    const reportDue = reportFrom ? inquiryReportDue(reportFrom) : null;
    await trx
      .updateTable('clue_inquiry')
      .set({
        talked_by: pick('talkedBy', cur.talked_by) as string | null,
        accompanied_by: pick('accompaniedBy', cur.accompanied_by) as string | null,
        talk_on: talkOn,
        letter_sent_on: pick('letterSentOn', cur.letter_sent_on) as string | null,
        letter_received_on: letterReceivedOn,
        reply_due: replyDue,
        replied_on: repliedOn,
        reply_signed_by_unit_leader: b.replySignedByUnitLeader ?? cur.reply_signed_by_unit_leader,
        report_due: reportDue,
        report: pick('report', cur.report) as string | null,
        outcome: pick('outcome', cur.outcome) as string | null,
        first_form_measure: pick('firstFormMeasure', cur.first_form_measure) as string | null,
        filed_to_integrity_file: b.filedToIntegrityFile ?? cur.filed_to_integrity_file,
        version: cur.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('clue')
      .set({ inquiry_reply_due: repliedOn ? null : replyDue, inquiry_report_due: reportDue, version: clue.version + 1, updated_at: sql`now()` })
      .where('id', '=', clue.id)
      .execute();
    const changed = Object.keys(b).filter((k) => k !== 'version');
    await audit(trx, ctx, { type: 'clue.inquiry_updated', objectType: 'clue', objectId: clue.id, payload: refs({ inquiryId: id, changed }) });
    return clue.id;
  });
  const detail = await getClue(ctx, clueId);
  return detail.inquiries.find((i) => i.id === id)!;
}

async function verificationView(ctx: Ctx, clueId: string, id: string): Promise<ClueVerification> {
  const detail = await getClue(ctx, clueId);
  return detail.verifications.find((v) => v.id === id)!;
}

async function bumpVerification(trx: Transaction<DB>, id: string, clueId: string) {
  await trx
    .updateTable('clue_verification')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await trx
    .updateTable('clue')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', clueId)
    .execute();
}

/** PATCH /clue-verifications/:id — the undertaking department or the team lead. */
export async function patchVerification(ctx: Ctx, id: string, b: VerificationPatchBody): Promise<ClueVerification> {
  const clueId = await ctx.db.transaction().execute(async (trx) => {
    const { row, clue } = await lockChild(ctx, trx, 'clue_verification', id);
    const lead = await trx
      .selectFrom('clue_team_member')
      .select('id')
      .where('verification_id', '=', id)
      .where('user_id', '=', ctx.actor.userId)
      .where('role', '=', 'LEAD')
      .where('left_on', 'is', null)
      .executeTakeFirst();
    if (!lead) requireUndertaking(ctx, clue);
    requireState(clue, 'PRELIM_VERIFICATION', row.latest, '初步核实');
    if (row.version !== b.version) throw staleVersion();
    const cur = await trx.selectFrom('clue_verification').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const reportChanged = b.report !== undefined && JSON.stringify(b.report) !== JSON.stringify(cur.report);
    await trx
      .updateTable('clue_verification')
      .set({
        ...(b.plan !== undefined ? { plan: b.plan } : {}),
        ...(b.measures ? { measures: b.measures } : {}),
        ...(b.targetDue !== undefined ? { target_due: b.targetDue } : {}),
        ...(reportChanged ? { report: JSON.stringify(b.report), proposal: b.report!.proposal } : {}),
      })
      .where('id', '=', id)
      .execute();
    // 报告改动后须重新签名.
    if (reportChanged) await trx.updateTable('clue_team_member').set({ signed_at: null }).where('verification_id', '=', id).execute();
    await bumpVerification(trx, id, clue.id);
    const changed = Object.keys(b).filter((k) => k !== 'version');
    await audit(trx, ctx, {
      type: 'clue.verification_updated',
      objectType: 'clue',
      objectId: clue.id,
      payload: refs({ verificationId: id, changed, signaturesCleared: reportChanged }),
    });
    return clue.id;
  });
  return verificationView(ctx, clueId, id);
}

/** POST /clue-verifications/:id/team */
export async function addTeamMember(ctx: Ctx, id: string, b: TeamMemberBody): Promise<ClueVerification> {
  const clueId = await ctx.db.transaction().execute(async (trx) => {
    const { row, clue } = await lockChild(ctx, trx, 'clue_verification', id);
    requireUndertaking(ctx, clue);
    requireState(clue, 'PRELIM_VERIFICATION', row.latest, '初步核实');
    // Checked like a case team: an active account, no 案件审理室 staff, nobody recused from this clue.
    await checkTeamCandidates(inTx(ctx, trx), clue.id, [{ userId: b.userId, path: 'userId' }]);
    const existing = await trx
      .selectFrom('clue_team_member')
      .select(['id', 'left_on'])
      .where('verification_id', '=', id)
      .where('user_id', '=', b.userId)
      .executeTakeFirst();
    if (existing && !existing.left_on) throw new AppError('DUPLICATE', '该人员已在核查组中');
    if (existing) {
      await trx
        .updateTable('clue_team_member')
        .set({ left_on: null, signed_at: null, role: b.role, joined_on: todayIso() })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('clue_team_member')
        .values({ commission_id: ctx.actor.commissionId, clue_id: clue.id, verification_id: id, user_id: b.userId, role: b.role })
        .execute();
    }
    await bumpVerification(trx, id, clue.id);
    await audit(trx, ctx, {
      type: 'clue.team_changed',
      objectType: 'clue',
      objectId: clue.id,
      payload: refs({ verificationId: id, added: b.userId, role: b.role }),
    });
    return clue.id;
  });
  return verificationView(ctx, clueId, id);
}

/** DELETE /clue-verifications/:id/team/:userId — leaves the team (left_on); the row stays. */
export async function removeTeamMember(ctx: Ctx, id: string, userId: string): Promise<ClueVerification> {
  const clueId = await ctx.db.transaction().execute(async (trx) => {
    const { row, clue } = await lockChild(ctx, trx, 'clue_verification', id);
    requireUndertaking(ctx, clue);
    requireState(clue, 'PRELIM_VERIFICATION', row.latest, '初步核实');
    const r = await trx
      .updateTable('clue_team_member')
      .set({ left_on: todayIso() })
      .where('verification_id', '=', id)
      .where('user_id', '=', userId)
      .where('left_on', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('核查组成员');
    await bumpVerification(trx, id, clue.id);
    await audit(trx, ctx, { type: 'clue.team_changed', objectType: 'clue', objectId: clue.id, payload: refs({ verificationId: id, removed: userId }) });
    return clue.id;
  });
  return verificationView(ctx, clueId, id);
}

/** POST /clue-verifications/:id/sign — an active member signs the current report. */
export async function signReport(ctx: Ctx, id: string): Promise<ClueVerification> {
  const clueId = await ctx.db.transaction().execute(async (trx) => {
    const { row, clue } = await lockChild(ctx, trx, 'clue_verification', id);
    const member = await trx
      .selectFrom('clue_team_member')
      .select(['id', 'signed_at'])
      .where('verification_id', '=', id)
      .where('user_id', '=', ctx.actor.userId)
      .where('left_on', 'is', null)
      .executeTakeFirst();
    if (!member) throw forbidden('只有核查组成员可以签名');
    requireState(clue, 'PRELIM_VERIFICATION', row.latest, '初步核实');
    const v = await trx.selectFrom('clue_verification').select('report').where('id', '=', id).executeTakeFirstOrThrow();
    if (!v.report) throw new AppError('BUSINESS_RULE', '初核报告尚未起草，不能签名');
    if (member.signed_at) throw new AppError('CONFLICT', '您已签名');
    await trx.updateTable('clue_team_member').set({ signed_at: sql`now()` }).where('id', '=', member.id).execute();
    await bumpVerification(trx, id, clue.id);
    await audit(trx, ctx, { type: 'clue.report_signed', objectType: 'clue', objectId: clue.id, payload: refs({ verificationId: id }) });
    return clue.id;
  });
  return verificationView(ctx, clueId, id);
}
