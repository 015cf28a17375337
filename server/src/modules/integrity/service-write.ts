import type { CadreConclusionBody, IntegrityActionBody, IntegrityCreateBody, IntegrityDetail } from '@liandong/domain/integrity/contracts';
import { INTEGRITY_EDITABLE_STATES } from '@liandong/domain/integrity/machine';
import { maskIdNumber } from '@liandong/domain/org/id-number';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { transition } from '../../platform/workflow';
import { draftingOrgOf, reachesIntegrity, replyRoles } from './access';
import { collectFor } from './collect';
import { cadresOf, findReply, type ReplyRow } from './repo';
import { presentDetail } from './service-read';
import { integrityWorkflow } from './workflow';

/*
 * Writes of 党风廉政意见回复: registering a request (the 干部监督室), the conclusion per cadre, the
 * evidence collection in the collector's scope (audited per cadre: a consultation of integrity
 * information), and the sign-off actions through the workflow kernel. Each is one transaction that
 * checks the version the caller read (409 when stale).
 */

const NOUN = '党风廉政意见回复';

/** POST /integrity-replies */
export async function createReply(ctx: Ctx, body: IntegrityCreateBody): Promise<IntegrityDetail> {
  const draftingOrgId = await draftingOrgOf(ctx.db, ctx.actor);
  if (!draftingOrgId) {
    if (await reachesIntegrity(ctx.db, ctx.actor)) throw forbidden('只有干部监督室可以登记党风廉政意见征求函');
    throw notFound(NOUN);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, ctx, body);
    const reply = await trx
      .insertInto('integrity_reply')
      .values({
        commission_id: ctx.actor.commissionId,
        requesting_org: body.requestingOrg,
        request_doc_no: body.requestDocNo?.trim() || null,
        purpose: body.purpose,
        received_on: body.receivedOn,
        due_on: body.dueOn,
        drafting_org_id: draftingOrgId,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('integrity_cadre')
      .values(
        body.cadres.map((c, i) => ({
          commission_id: ctx.actor.commissionId,
          reply_id: reply.id,
          seq: i + 1,
          name_zh: c.name,
          unit_name: c.unitName,
          unit_org_id: c.unitOrgId ?? null,
          position: c.position,
          person_id: c.personId ?? null,
          id_number_cipher: c.idNumber ? ctx.cipher.encrypt(c.idNumber) : null,
          id_number_masked: c.idNumber ? maskIdNumber(c.idNumber) : null,
        })),
      )
      .execute();
    await timeline(trx, ctx, reply.id, 'register', 'DRAFT', `登记${body.requestingOrg}征求意见函，涉及${body.cadres.length}名干部`);
    await audit(trx, ctx, {
      type: 'integrity.registered',
      objectType: 'integrity_reply',
      objectId: reply.id,
      payload: { cadres: body.cadres.length, idNumbers: body.cadres.filter((c) => c.idNumber).length },
    });
    return presentDetail(trx, ctx, (await findReply(trx, ctx.actor, reply.id))!);
  });
}

/** Units must be orgs of the commission; person records must be the commission's (400 with the field path). */
async function checkReferences(trx: Transaction<DB>, ctx: Ctx, body: IntegrityCreateBody) {
  const issues: { path: string; message: string }[] = [];
  for (const [i, c] of body.cadres.entries()) {
    if (c.unitOrgId) {
      const o = await trx.selectFrom('org').select('id').where('id', '=', c.unitOrgId).where('commission_id', '=', ctx.actor.commissionId).executeTakeFirst();
      if (!o) issues.push({ path: `cadres.${i}.unitOrgId`, message: '工作单位不存在' });
    }
    if (c.personId) {
      const p = await trx.selectFrom('person').select('id').where('id', '=', c.personId).where('commission_id', '=', ctx.actor.commissionId).executeTakeFirst();
      if (!p) issues.push({ path: `cadres.${i}.personId`, message: '人员不存在' });
    }
  }
  if (issues.length) throw validation(issues);
}

/** Locks the reply in the caller's scope, checks the version and that it is still a draft. */
async function lockEditable(trx: Transaction<DB>, ctx: Ctx, id: string, version: number): Promise<ReplyRow> {
  const row = await findReply(trx, ctx.actor, id, true);
  if (!row) throw notFound(NOUN);
  if (row.version !== version) throw staleVersion();
  if (!INTEGRITY_EDITABLE_STATES.includes(row.state)) throw new AppError('ILLEGAL_TRANSITION', '回复已提交审批或已签发，不能修改', { state: row.state });
  return row;
}

/** A timeline row that is not a transition (registering, collecting): no from-state, written beside the change. */
const timeline = (trx: Transaction<DB>, ctx: Ctx, replyId: string, action: 'register' | 'collect', toState: 'DRAFT' | null, comment: string) =>
  trx
    .insertInto('integrity_reply_event')
    .values({ commission_id: ctx.actor.commissionId, reply_id: replyId, action, from_state: null, to_state: toState, comment, actor_id: ctx.actor.userId })
    .execute();

const bump = (trx: Transaction<DB>, id: string) =>
  sql`UPDATE integrity_reply SET version = version + 1, updated_at = now() WHERE id = ${id}::uuid`.execute(trx);

/** PATCH /integrity-replies/:id/cadres/:cadreId — the drafter's conclusion and its text. */
export async function concludeCadre(ctx: Ctx, id: string, cadreId: string, body: CadreConclusionBody): Promise<IntegrityDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockEditable(trx, ctx, id, body.version);
    if (!replyRoles(ctx.actor, row).has('DRAFTER')) throw forbidden('只有干部监督室可以拟定回复意见');
    const updated = await trx
      .updateTable('integrity_cadre')
      .set({ conclusion: body.conclusion, opinion: body.opinion })
      .where('id', '=', cadreId)
      .where('reply_id', '=', id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound('干部');
    await bump(trx, id);
    await audit(trx, ctx, {
      type: 'integrity.concluded',
      objectType: 'integrity_cadre',
      objectId: cadreId,
      payload: refs({ replyId: id, conclusion: body.conclusion }),
    });
    return presentDetail(trx, ctx, (await findReply(trx, ctx.actor, id))!);
  });
}

/**
 * POST /integrity-replies/:id/collect — replaces every cadre's evidence lines with what the caller sees
 * now; each cadre's collection is one audited consultation (integrity.collected, counts per source).
 */
export async function collectEvidence(ctx: Ctx, id: string, version: number): Promise<IntegrityDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockEditable(trx, ctx, id, version);
    const roles = replyRoles(ctx.actor, row);
    if (!roles.has('DRAFTER') && !roles.has('APPROVER')) throw forbidden('无权查询党风廉政情况');
    const found = { cadres: 0, lines: 0 };
    for (const c of await cadresOf(trx, id)) {
      const lines = await collectFor(trx, ctx.actor, c);
      found.cadres += 1;
      found.lines += lines.length;
      await trx.deleteFrom('integrity_evidence').where('cadre_id', '=', c.id).execute();
      if (lines.length) {
        await trx
          .insertInto('integrity_evidence')
          .values(
            lines.map((l) => ({
              commission_id: ctx.actor.commissionId,
              reply_id: id,
              cadre_id: c.id,
              source_type: l.source,
              source_id: l.source_id,
              ref_no: l.ref_no,
              title: l.title,
              source_state: l.state,
              happened_on: l.on,
              collected_by: ctx.actor.userId,
            })),
          )
          .execute();
      }
      await trx.updateTable('integrity_cadre').set({ collected_at: new Date(), collected_by: ctx.actor.userId }).where('id', '=', c.id).execute();
      const count = (s: string) => lines.filter((l) => l.source === s).length;
      await audit(trx, ctx, {
        type: 'integrity.collected',
        objectType: 'integrity_cadre',
        objectId: c.id,
        payload: {
          replyId: id,
          clues: count('clue'),
          cases: count('case'),
          supervisionFindings: count('supervision_finding'),
          inspectionFindings: count('inspection_finding'),
        },
      });
    }
    await timeline(trx, ctx, id, 'collect', null, `查询${found.cadres}名干部的问题线索、案件和监督发现问题，查到${found.lines}条记录`);
    await bump(trx, id);
    return presentDetail(trx, ctx, (await findReply(trx, ctx.actor, id))!);
  });
}

/** POST /integrity-replies/:id/actions — through the kernel, then the detail as it now stands. */
export async function actOnReply(ctx: Ctx, id: string, body: IntegrityActionBody): Promise<IntegrityDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    await transition(inTx(ctx, trx), integrityWorkflow, id, body);
    return presentDetail(trx, ctx, (await findReply(trx, ctx.actor, id))!);
  });
}

/**
 * POST /integrity-replies/:id/cadres/:cadreId/reveal-id-number — decrypts the cadre's ID number for the
 * drafters and approvers of the reply; the read is audited in the same transaction (no audit row, no number).
 */
export async function revealCadreIdNumber(ctx: Ctx, id: string, cadreId: string): Promise<{ idNumber: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findReply(trx, ctx.actor, id);
    if (!row) throw notFound(NOUN);
    const roles = replyRoles(ctx.actor, row);
    if (!roles.has('DRAFTER') && !roles.has('APPROVER')) throw forbidden('无权查看身份证号码');
    const cadre = await trx.selectFrom('integrity_cadre').select('id_number_cipher').where('id', '=', cadreId).where('reply_id', '=', id).executeTakeFirst();
    if (!cadre) throw notFound('干部');
    if (!cadre.id_number_cipher) throw new AppError('NOT_FOUND', '该干部未登记身份证号码');
    await audit(trx, ctx, { type: 'integrity.read', objectType: 'integrity_cadre', objectId: cadreId, payload: { replyId: id, view: 'idNumber' } });
    return { idNumber: ctx.cipher.decrypt(cadre.id_number_cipher) };
  });
}
