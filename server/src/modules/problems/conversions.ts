import { CAMPAIGN_DOMAIN_LABELS, type CampaignDomain } from '@liandong/domain/campaigns/enums';
import type { ParticipantKind } from '@liandong/domain/campaigns/enums';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { splitAnalysis } from '@liandong/domain/problems/analysis';
import type { ProblemCampaignBody, ProblemLetterBody } from '@liandong/domain/problems/contracts';
import { SECTOR_DICTIONARY } from '@liandong/domain/problems/dictionaries';
import { LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { sql } from 'kysely';
import { inOrgScope } from '../../platform/access';
import { todayIso } from '../../platform/calendar';
import type { TxCtx } from '../../platform/context';
import { validation } from '../../platform/errors';
import { createCampaignIn } from '../campaigns';
import { dictionaryLabel } from '../dictionaries';
import { createLetterIn } from '../letters';

/*
 * A confirmed problem turned into a draft recommendation letter or a planned 专项整治 — the effects of the
 * machine's `toLetter` and `toCampaign`, run by the kernel inside its transaction: the other module creates
 * its object through its face (its own checks, event and audit entry), and the link is recorded in
 * problem_conversion, which both pages read (each naming the other only to a reader who may open it).
 */

interface Source {
  id: string;
  title: string;
  description: string;
  analysis: string;
  analysed_on: string | null;
  sector_code: string;
  sector_label: string;
  analysis_orgs: { id: string; name: string; kind: string; office_kind: string | null }[] | null;
  units: { id: string; name: string; kind: string; office_kind: string | null }[] | null;
}

const orgsOf = (table: 'problem_unit' | 'problem_analysis_org') =>
  sql`(SELECT json_agg(json_build_object('id', o.id, 'name', o.name_zh, 'kind', o.kind, 'office_kind', o.office_kind) ORDER BY o.sort_order, o.name_zh)
    FROM ${sql.table(table)} x JOIN org o ON o.id = x.org_id WHERE x.problem_id = p.id)`;

async function loadSource(ctx: TxCtx, problemId: string): Promise<Source> {
  const { rows } = await sql<Source>`SELECT p.id, p.title, p.description, p.analysis, to_char(p.analysed_on, 'YYYY-MM-DD') AS analysed_on,
      p.sector_code, ${dictionaryLabel(SECTOR_DICTIONARY, 'p.commission_id', 'p.sector_code')} AS sector_label,
      ${orgsOf('problem_analysis_org')} AS analysis_orgs, ${orgsOf('problem_unit')} AS units
    FROM problem p WHERE p.id = ${problemId}::uuid`.execute(ctx.trx);
  return rows[0]!;
}

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `toLetter`: a DRAFTING letter (origin 日常监督) to the unit chosen, prefilled from the joint analysis. */
export async function convertToLetter(ctx: TxCtx, problemId: string, b: ProblemLetterBody) {
  const p = await loadSource(ctx, problemId);
  const units = p.units ?? [];
  // the recipient: a unit the problem concerns, or one in the caller's own scope — never any org by id
  const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.id = ${b.recipientOrgId}::uuid
      AND o.commission_id = ${ctx.actor.commissionId}::uuid AND o.valid_to IS NULL
      AND (o.id IN (SELECT pu.org_id FROM problem_unit pu WHERE pu.problem_id = ${problemId}::uuid) OR ${inOrgScope(ctx.actor, 'o.id')})) AS ok`.execute(
    ctx.trx,
  );
  if (!rows[0]?.ok) throw validation([{ path: 'recipientOrgId', message: '收文单位须为问题涉及的单位或本人职责范围内的单位' }], '不能转化为建议书');
  const split = splitAnalysis(p.analysis);
  const today = todayIso();
  const deadline = b.deadline ?? addDaysIso(today, 90);
  const issues: FieldIssue[] = [];
  if (!b.items && !split.recommendations.length) issues.push({ path: 'items', message: '联合剖析中没有整改建议（以“建议”开头的行），请填写建议事项' });
  if (!b.items && deadline < today) issues.push({ path: 'deadline', message: '整改期限不能早于今天' });
  if (issues.length) throw validation(issues, '不能转化为建议书');
  const items = b.items ?? split.recommendations.slice(0, 30).map((text) => ({ text: cut(text, 2000), deadline }));
  const orgs = (p.analysis_orgs ?? []).map((o) => o.name).join('、');
  const background = [
    `${orgs || '有关部门'}${p.analysed_on ? `于${p.analysed_on}` : ''}对“${p.title}”（${p.sector_label}）开展联合汇总剖析。`,
    units.length ? `问题涉及单位：${units.map((u) => u.name).join('、')}。` : '',
  ].join('');
  const title = b.title ?? cut(`关于${p.title}问题的${LETTER_TYPE_LABELS[b.type].zh}`, 200);
  const letterId = await createLetterIn(ctx, ctx.trx, {
    type: b.type,
    origin: 'SUPERVISION',
    recipientOrgId: b.recipientOrgId,
    title,
    background: cut(background, 20000),
    facts: cut(p.description || p.title, 20000),
    causes: cut(split.causes || p.analysis, 20000),
    legalBasis: [],
    items,
  });
  await ctx.trx
    .insertInto('problem_conversion')
    .values({ problem_id: problemId, target_type: 'letter', target_id: letterId, created_by: ctx.actor.userId })
    .execute();
  return { letterId, recipientOrgId: b.recipientOrgId, items: items.length, letter: { id: letterId, title } };
}

const PARTICIPANT_KIND: Record<string, ParticipantKind> = {
  INTERNAL_OFFICE: 'OFFICE',
  DISPATCHED_GROUP: 'GROUP',
  COUNTY_COMMISSION: 'COUNTY',
  NEW_AREA_COMMISSION: 'COUNTY',
  HOST_UNIT: 'DEPARTMENT',
  PARTY_COMMITTEE: 'DEPARTMENT',
  EXTERNAL_AGENCY: 'DEPARTMENT',
};

/**
 * `toCampaign`: a PLANNED campaign led by the 党风政风监督室, its 行业领域 the problem's (the domain too when
 * the sector is one of the campaign domains, else 其他), goal the problem, plan the joint analysis, and the
 * joint-analysis orgs and the units concerned as participants.
 */
export async function convertToCampaign(ctx: TxCtx, problemId: string, b: ProblemCampaignBody) {
  const p = await loadSource(ctx, problemId);
  const lead = await ctx.trx
    .selectFrom('org')
    .select('id')
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('kind', '=', 'INTERNAL_OFFICE')
    .where('office_kind', '=', 'PARTY_CONDUCT')
    .orderBy('sort_order')
    .executeTakeFirst();
  if (!lead) throw validation([{ path: 'leadOrgId', message: '本委未设置党风政风监督室，不能转化为专项整治' }], '不能转化为专项整治');
  const seen = new Set<string>([lead.id]);
  const participants: { orgId: string; kind: ParticipantKind; division: string }[] = [];
  const add = (orgs: Source['units'], division: string) => {
    for (const o of orgs ?? []) {
      const kind = PARTICIPANT_KIND[o.kind];
      if (!kind || seen.has(o.id)) continue;
      seen.add(o.id);
      participants.push({ orgId: o.id, kind, division });
    }
  };
  add(p.analysis_orgs, '参与联合剖析');
  add(p.units, '问题涉及单位，对照整改');
  const domain: CampaignDomain = p.sector_code in CAMPAIGN_DOMAIN_LABELS ? (p.sector_code as CampaignDomain) : 'OTHER';
  const name = b.name ?? cut(`${p.title}专项整治`, 100);
  const campaignId = await createCampaignIn(
    ctx,
    ctx.trx,
    {
      name,
      domain,
      year: b.year,
      goal: cut(p.description ? `${p.title}：${p.description}` : p.title, 5000),
      plan: cut(p.analysis, 20000),
      leadOrgId: lead.id,
      startsOn: b.startsOn ?? null,
      endsOn: b.endsOn ?? null,
      bulletinSchedule: 'MONTHLY',
      participants: participants.slice(0, 200),
    },
    p.sector_code,
  );
  await ctx.trx
    .insertInto('problem_conversion')
    .values({ problem_id: problemId, target_type: 'campaign', target_id: campaignId, created_by: ctx.actor.userId })
    .execute();
  return { campaignId, year: b.year, domain, campaign: { id: campaignId, name } };
}
