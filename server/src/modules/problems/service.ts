import type { FieldIssue } from '@liandong/domain/platform/errors';
import type {
  EvidenceRef,
  ProblemActionBody,
  ProblemCampaignBody,
  ProblemConvertBody,
  ProblemConverted,
  ProblemCreateBody,
  ProblemDetail,
  ProblemLetterBody,
  ProblemPatchBody,
  ProblemQuery,
  ProblemState,
  ProblemSummary,
} from '@liandong/domain/problems/contracts';
import { PROBLEM_STATE_LABELS } from '@liandong/domain/problems/contracts';
import { PROBLEM_MACHINE, PROBLEM_OPEN_STATES } from '@liandong/domain/problems/machine';
import { PROBLEM_TYPE_DICTIONARY, SECTOR_DICTIONARY } from '@liandong/domain/problems/dictionaries';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import { LETTER_DRAFTER_ROLES } from '@liandong/domain/access/role-sets';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { transition } from '../../platform/workflow';
import { dictionaryCodeIssues, dictionaryLabel } from '../dictionaries';
import { campaignVisible, letterVisible } from '../visibility';
import { presentEvidence, visibleEvidence } from './evidence';
import { canWrite, isParty, problemVisible, type Q } from './repo';
import { problemRoles, problemWorkflow } from './workflow';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Row {
  id: string;
  title: string;
  sector_code: string;
  sector_label: string;
  type_code: string;
  type_label: string;
  state: ProblemState;
  origin: 'MANUAL' | 'CLUSTER';
  owner_org_id: string;
  owner_name: string;
  units: { id: string; name: string }[] | null;
  evidence_count: number;
  created_at: Date;
  version: number;
}

const columns = sql`p.id, p.title, p.sector_code, ${dictionaryLabel(SECTOR_DICTIONARY, 'p.commission_id', 'p.sector_code')} AS sector_label,
  p.type_code, ${dictionaryLabel(PROBLEM_TYPE_DICTIONARY, 'p.commission_id', 'p.type_code')} AS type_label, p.state, p.origin,
  p.owner_org_id, oo.name_zh AS owner_name,
  (SELECT json_agg(json_build_object('id', uo.id, 'name', uo.name_zh) ORDER BY uo.sort_order, uo.name_zh)
     FROM problem_unit pu JOIN org uo ON uo.id = pu.org_id WHERE pu.problem_id = p.id) AS units,
  (SELECT count(*)::int FROM problem_evidence pe WHERE pe.problem_id = p.id) AS evidence_count,
  p.created_at, p.version`;
const from = sql`FROM problem p JOIN org oo ON oo.id = p.owner_org_id`;

function present(r: Row): ProblemSummary {
  return {
    id: r.id,
    title: r.title,
    sector: r.sector_code,
    sectorLabel: r.sector_label,
    type: r.type_code,
    typeLabel: r.type_label,
    state: r.state,
    origin: r.origin,
    ownerOrg: { id: r.owner_org_id, name: r.owner_name },
    units: r.units ?? [],
    evidenceCount: r.evidence_count,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/** GET /problems — the register, only problems the caller may see. */
export async function listProblems(ctx: Ctx, q: ProblemQuery) {
  const w: RawBuilder<boolean>[] = [problemVisible(ctx.actor)];
  if (q.sector) w.push(sql<boolean>`p.sector_code = ${q.sector}`);
  if (q.type) w.push(sql<boolean>`p.type_code = ${q.type}`);
  if (q.state) w.push(sql<boolean>`p.state = ${q.state}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    w.push(sql<boolean>`(p.title ILIKE ${like} OR p.description ILIKE ${like})`);
  }
  const where = sql.join(w, sql` AND `);
  const [{ rows }, total] = await Promise.all([
    sql<Row>`SELECT ${columns} ${from} WHERE ${where} ORDER BY p.created_at DESC, p.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db),
    sql<{ n: string }>`SELECT count(*) AS n ${from} WHERE ${where}`.execute(ctx.db),
  ]);
  return { items: rows.map(present), total: Number(total.rows[0]?.n ?? 0), abilities: { create: canWrite(ctx.actor) } };
}

/** GET /problems/:id — with the evidence the reader may see (others are not named, not counted). */
export async function getProblem(ctx: Ctx, id: string, db: Q = ctx.db): Promise<ProblemDetail> {
  const { rows } = await sql<Row & { description: string; analysis: string; analysed_on: string | null; commission_id: string }>`
    SELECT ${columns}, p.description, p.analysis, to_char(p.analysed_on, 'YYYY-MM-DD') AS analysed_on ${from}
    WHERE p.id = ${id}::uuid AND ${problemVisible(ctx.actor)}`.execute(db);
  const r = rows[0];
  if (!r) throw notFound('问题');
  const [links, orgs, conversions, party] = await Promise.all([
    db.selectFrom('problem_evidence').select(['object_type', 'object_id']).where('problem_id', '=', id).orderBy('added_at').orderBy('object_id').execute(),
    sql<{ id: string; name: string }>`SELECT o.id, o.name_zh AS name FROM problem_analysis_org pa JOIN org o ON o.id = pa.org_id
      WHERE pa.problem_id = ${id}::uuid ORDER BY o.sort_order, o.name_zh`.execute(db),
    // a letter or campaign the reader may not open is not named (nor counted): the link is left out
    sql<{ target_type: 'common_item' | 'letter' | 'campaign'; target_id: string; ref: string; at: Date }>`
      SELECT pc.target_type, pc.target_id,
        COALESCE(ci.year || '年共性监督事项第' || ci.seq || '项：' || ci.matter,
          '建议书：' || COALESCE(l.doc_no || ' ', '') || l.title, '专项整治：' || c.year || '年' || c.name, pc.target_type) AS ref,
        pc.created_at AS at
      FROM problem_conversion pc LEFT JOIN common_item ci ON pc.target_type = 'common_item' AND ci.id = pc.target_id
        LEFT JOIN letter l ON pc.target_type = 'letter' AND l.id = pc.target_id AND ${letterVisible(ctx.actor, 'l')}
        LEFT JOIN campaign c ON pc.target_type = 'campaign' AND c.id = pc.target_id AND ${campaignVisible(ctx.actor, 'c')}
      WHERE pc.problem_id = ${id}::uuid AND (pc.target_type = 'common_item' OR l.id IS NOT NULL OR c.id IS NOT NULL)
      ORDER BY pc.created_at`.execute(db),
    isParty(db, ctx.actor, r),
  ]);
  const evidence = await visibleEvidence(
    db,
    ctx.actor,
    links.map((l) => ({ type: l.object_type as EvidenceRef['type'], id: l.object_id })),
  );
  const open = PROBLEM_OPEN_STATES.includes(r.state);
  const roles = await problemRoles(db, ctx.actor, r);
  return {
    ...present(r),
    description: r.description,
    analysis: r.analysis,
    analysedOn: r.analysed_on,
    analysisOrgs: orgs.rows,
    evidence: evidence.map(presentEvidence),
    conversions: conversions.rows.map((c) => ({ targetType: c.target_type, targetId: c.target_id, ref: c.ref, at: new Date(c.at).toISOString() })),
    abilities: {
      update: canWrite(ctx.actor) && party && open,
      // a party who may not draft letters (the 案管室) is not offered toLetter (the letters module would refuse it)
      actions: PROBLEM_MACHINE.abilities(r.state, roles).filter((a) => a !== 'toLetter' || hasAnyRole(ctx.actor, LETTER_DRAFTER_ROLES)),
    },
  };
}

async function orgIssues(db: Q, ctx: Ctx, path: string, ids: readonly string[] | undefined): Promise<FieldIssue[]> {
  if (!ids?.length) return [];
  const found = new Set(
    (
      await db
        .selectFrom('org')
        .select('id')
        .where('commission_id', '=', ctx.actor.commissionId)
        .where('id', 'in', [...new Set(ids)])
        .execute()
    ).map((o) => o.id),
  );
  return ids.flatMap((o, i) => (found.has(o) ? [] : [{ path: `${path}.${i}`, message: '单位不存在' }]));
}

/** Evidence the caller names must exist and be visible to them (the same answer for both: no probing). */
async function evidenceIssues(db: Q, ctx: Ctx, path: string, refs: readonly EvidenceRef[] | undefined): Promise<FieldIssue[]> {
  if (!refs?.length) return [];
  const seen = new Set((await visibleEvidence(db, ctx.actor, refs)).map((e) => `${e.type}:${e.id}`));
  return refs.flatMap((r, i) => (seen.has(`${r.type}:${r.id}`) ? [] : [{ path: `${path}.${i}`, message: '证据不存在或无权查看' }]));
}

async function dictionaryIssues(db: Q, ctx: Ctx, b: { sector?: string; type?: string }): Promise<FieldIssue[]> {
  return [
    ...(await dictionaryCodeIssues(db, ctx.actor.commissionId, SECTOR_DICTIONARY, [{ path: 'sector', code: b.sector }])),
    ...(await dictionaryCodeIssues(db, ctx.actor.commissionId, PROBLEM_TYPE_DICTIONARY, [{ path: 'type', code: b.type }])),
  ];
}

async function addEvidence(trx: Transaction<DB>, ctx: Ctx, problemId: string, refs: readonly EvidenceRef[]) {
  if (!refs.length) return;
  await trx
    .insertInto('problem_evidence')
    .values(refs.map((r) => ({ problem_id: problemId, object_type: r.type, object_id: r.id, added_by: ctx.actor.userId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function replaceOrgs(trx: Transaction<DB>, table: 'problem_unit' | 'problem_analysis_org', problemId: string, ids: readonly string[]) {
  await trx.deleteFrom(table).where('problem_id', '=', problemId).execute();
  const uniq = [...new Set(ids)];
  if (uniq.length)
    await trx
      .insertInto(table)
      .values(uniq.map((org_id) => ({ problem_id: problemId, org_id })))
      .execute();
}

/** POST /problems — by hand or confirming a candidate cluster; the units default to the evidence's units. */
export async function createProblem(ctx: Ctx, b: ProblemCreateBody): Promise<ProblemDetail> {
  if (!canWrite(ctx.actor)) throw forbidden('只有监督检查、审查调查部门和案管室干部可以登记问题');
  return ctx.db.transaction().execute(async (trx) => {
    const ownerOrgId = b.ownerOrgId ?? ctx.actor.orgId;
    const issues: FieldIssue[] = [...(await dictionaryIssues(trx, ctx, b))];
    const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.id = ${ownerOrgId}::uuid
      AND o.commission_id = ${ctx.actor.commissionId}::uuid AND ${inOrgScope(ctx.actor, 'o.id')}) AS ok`.execute(trx);
    if (!rows[0]?.ok) issues.push({ path: 'ownerOrgId', message: '牵头部门不存在或不在本人职责范围内' });
    issues.push(...(await orgIssues(trx, ctx, 'unitOrgIds', b.unitOrgIds)));
    issues.push(...(await orgIssues(trx, ctx, 'analysisOrgIds', b.analysisOrgIds)));
    issues.push(...(await evidenceIssues(trx, ctx, 'evidence', b.evidence)));
    if (issues.length) throw validation(issues, '不能登记问题');
    const row = await trx
      .insertInto('problem')
      .values({
        commission_id: ctx.actor.commissionId,
        title: b.title,
        description: b.description ?? '',
        sector_code: b.sector,
        type_code: b.type,
        owner_org_id: ownerOrgId,
        origin: b.origin ?? 'MANUAL',
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const evidence = b.evidence ?? [];
    await addEvidence(trx, ctx, row.id, evidence);
    const units = b.unitOrgIds ?? (await visibleEvidence(trx, ctx.actor, evidence)).flatMap((e) => (e.unit_id ? [e.unit_id] : []));
    await replaceOrgs(trx, 'problem_unit', row.id, units);
    await replaceOrgs(trx, 'problem_analysis_org', row.id, b.analysisOrgIds ?? []);
    await audit(trx, ctx, {
      type: 'problem.created',
      objectType: 'problem',
      objectId: row.id,
      payload: refs({ origin: b.origin ?? 'MANUAL', sector: b.sector, type: b.type, ownerOrgId, evidence: evidence.map((e) => `${e.type}:${e.id}`) }),
    });
    return getProblem(ctx, row.id, trx);
  });
}

interface Locked {
  id: string;
  owner_org_id: string;
  state: ProblemState;
  version: number;
}

async function lockProblem(trx: Transaction<DB>, ctx: Ctx, id: string): Promise<Locked> {
  const { rows } = await sql<Locked>`SELECT p.id, p.owner_org_id, p.state, p.version FROM problem p
    WHERE p.id = ${id}::uuid AND ${problemVisible(ctx.actor)} FOR UPDATE OF p`.execute(trx);
  if (!rows[0]) throw notFound('问题');
  return rows[0];
}

/** PATCH /problems/:id — the owner org's or a joint-analysis org's staff, under the version. */
export async function patchProblem(ctx: Ctx, id: string, b: ProblemPatchBody): Promise<ProblemDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await lockProblem(trx, ctx, id);
    if (!canWrite(ctx.actor) || !(await isParty(trx, ctx.actor, p))) throw forbidden('只有牵头部门或参与联合剖析的部门可以修改问题');
    if (p.version !== b.version) throw staleVersion();
    if (!PROBLEM_OPEN_STATES.includes(p.state)) throw new AppError('ILLEGAL_TRANSITION', `问题已${PROBLEM_STATE_LABELS[p.state].zh}，不能修改`);
    const issues: FieldIssue[] = [...(await dictionaryIssues(trx, ctx, b))];
    issues.push(...(await orgIssues(trx, ctx, 'unitOrgIds', b.unitOrgIds)));
    issues.push(...(await orgIssues(trx, ctx, 'analysisOrgIds', b.analysisOrgIds)));
    issues.push(...(await evidenceIssues(trx, ctx, 'evidenceAdd', b.evidenceAdd)));
    // removing needs the same sight as adding: nobody drops evidence they cannot see
    issues.push(...(await evidenceIssues(trx, ctx, 'evidenceRemove', b.evidenceRemove)));
    if (issues.length) throw validation(issues, '不能修改问题');
    const set: Record<string, unknown> = {};
    if (b.title !== undefined) set.title = b.title;
    if (b.description !== undefined) set.description = b.description;
    if (b.sector !== undefined) set.sector_code = b.sector;
    if (b.type !== undefined) set.type_code = b.type;
    if (b.analysis !== undefined) set.analysis = b.analysis;
    if (b.analysedOn !== undefined) set.analysed_on = b.analysedOn;
    await trx
      .updateTable('problem')
      .set({ ...set, updated_at: new Date(), version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    if (b.unitOrgIds) await replaceOrgs(trx, 'problem_unit', id, b.unitOrgIds);
    if (b.analysisOrgIds) await replaceOrgs(trx, 'problem_analysis_org', id, b.analysisOrgIds);
    if (b.evidenceAdd) await addEvidence(trx, ctx, id, b.evidenceAdd);
    for (const r of b.evidenceRemove ?? []) {
      await trx.deleteFrom('problem_evidence').where('problem_id', '=', id).where('object_type', '=', r.type).where('object_id', '=', r.id).execute();
    }
    await audit(trx, ctx, {
      type: 'problem.updated',
      objectType: 'problem',
      objectId: id,
      payload: refs({
        fields: Object.keys(b).filter((k) => k !== 'version'),
        evidenceAdd: (b.evidenceAdd ?? []).map((e) => `${e.type}:${e.id}`),
        evidenceRemove: (b.evidenceRemove ?? []).map((e) => `${e.type}:${e.id}`),
      }),
    });
    return getProblem(ctx, id, trx);
  });
}

/** POST /problems/:id/actions — confirm, dismiss or convert through the kernel, then the detail as it now stands. */
export async function actOnProblem(ctx: Ctx, id: string, body: ProblemActionBody): Promise<ProblemDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    await transition(inTx(ctx, trx), problemWorkflow, id, body);
    return getProblem(ctx, id, trx);
  });
}

/**
 * POST /problems/:id/convert — the `convert` action (a confirmed problem becomes a common supervision item of
 * a coming year, issued to every group in the same transaction), answering with the item issued.
 */
export async function convertProblem(ctx: Ctx, id: string, b: ProblemConvertBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const done = await transition(inTx(ctx, trx), problemWorkflow, id, { ...b, action: 'convert' });
    const issued = { commonItem: done.payload.commonItem, issued: done.payload.issued } as ProblemConverted['issued'];
    return { problem: await getProblem(ctx, id, trx), issued };
  });
}

/**
 * POST /problems/:id/convert-to-letter — the `toLetter` action: a DRAFTING recommendation letter to the unit
 * chosen, prefilled from the joint analysis, in the same transaction; answers with the letter.
 */
export async function convertProblemToLetter(ctx: Ctx, id: string, b: ProblemLetterBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const done = await transition(inTx(ctx, trx), problemWorkflow, id, { ...b, action: 'toLetter' });
    return { problem: await getProblem(ctx, id, trx), letter: done.payload.letter as { id: string; title: string } };
  });
}

/** POST /problems/:id/convert-to-campaign — the `toCampaign` action: a PLANNED 专项整治; answers with the campaign. */
export async function convertProblemToCampaign(ctx: Ctx, id: string, b: ProblemCampaignBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const done = await transition(inTx(ctx, trx), problemWorkflow, id, { ...b, action: 'toCampaign' });
    return { problem: await getProblem(ctx, id, trx), campaign: done.payload.campaign as { id: string; name: string } };
  });
}
