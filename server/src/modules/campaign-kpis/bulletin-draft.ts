import type { BulletinSchedule } from '@liandong/domain/campaigns/enums';
import { RUNNING_CAMPAIGN_STATES } from '@liandong/domain/campaigns/machine';
import type { KpiGroup } from '@liandong/domain/campaigns/contracts-kpis';
import { ADMIN_SANCTION_LABELS, ORG_MEASURE_LABELS, PARTY_SANCTION_LABELS } from '@liandong/domain/cases/enums';
import { ACCOUNTABILITY_METHOD_LABELS } from '@liandong/domain/reform/enums';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types';
import { refs, writeAudit } from '../../platform/audit';
import { notify, whoMayOpen } from '../../platform/inbox';
import { bulletinVisible } from '../visibility';
import { anonymiseName, anonymiseText } from './anonymise';
import { computeKpis, computeSeries } from './kpis';

/*
 * 定期通报 (issue 10; domain.md c.4 "BULLETIN_ISSUED is a recurring event in every phase after LAUNCHED",
 * f.3): once per period of its schedule, a running campaign gets a CAMPAIGN_PROGRESS 通报 drafted from its
 * data — the progress figures, typical cases with the persons anonymised (surname + 某), accountability,
 * next steps. The unique index (campaign_id, period) makes the draft idempotent: the daily job and the
 * cockpit's "生成本期通报" button run the same code, and a second run finds the draft and writes nothing.
 * The draft is INTERNAL and unsigned: the lead office edits it (PATCH /api/v1/bulletins/:id), the 书记 or
 * the 分管领导 signs it (签发), and only then does it get its 发文字号 (the letters module's rule).
 */

/** The period key of `today` for a schedule: '2026-11' (monthly), '2026-Q4' (quarterly), null for NONE. */
export function periodOf(schedule: BulletinSchedule | string, today: string): string | null {
  const y = today.slice(0, 4);
  const m = Number(today.slice(5, 7));
  if (schedule === 'MONTHLY') return `${y}-${today.slice(5, 7)}`;
  if (schedule === 'QUARTERLY') return `${y}-Q${Math.ceil(m / 3)}`;
  return null;
}

/** '2026年11月' / '2026年第四季度'. */
export function periodLabel(period: string): string {
  const [y, p] = period.split('-') as [string, string];
  if (p.startsWith('Q')) return `${y}年第${['一', '二', '三', '四'][Number(p.slice(1)) - 1]}季度`;
  return `${y}年${Number(p)}月`;
}

/** First and last month of a period. */
function periodMonths(period: string): [string, string] {
  const [y, p] = period.split('-') as [string, string];
  if (!p.startsWith('Q')) return [period, period];
  const q = Number(p.slice(1));
  const mm = (n: number) => `${y}-${String(n).padStart(2, '0')}`;
  return [mm(q * 3 - 2), mm(q * 3)];
}

interface CampaignRow {
  id: string;
  commission_id: string;
  name: string;
  state: string;
  bulletin_schedule: string;
  lead_org_id: string;
  starts_on: string | null;
}

interface CaseRow {
  id: string;
  subject_name: string;
  subject_position: string | null;
  org_name: string | null;
  summary: string;
  outcomes: { kind: string; detail: string | null }[];
  clue_names: string[];
}

interface AccRow {
  target_name: string;
  target_position: string | null;
  method: keyof typeof ACCOUNTABILITY_METHOD_LABELS;
  facts: string;
}

const label = (labels: Record<string, { zh: string }>, code: string | null) => (code && labels[code]?.zh) || code || '';

/** 处理结果 in a sentence: 受到党内警告处分，受到政务记过处分 … */
function handling(outcomes: CaseRow['outcomes']): string {
  const parts = outcomes.map((o) => {
    switch (o.kind) {
      case 'FIRST_FORM_MEASURE':
        return '受到批评教育处理';
      case 'PARTY_SANCTION':
        return `受到党内${label(PARTY_SANCTION_LABELS, o.detail)}处分`;
      case 'ADMIN_SANCTION':
        return `受到政务${label(ADMIN_SANCTION_LABELS, o.detail)}处分`;
      case 'ORGANISATIONAL_MEASURE':
        return `被${label(ORG_MEASURE_LABELS, o.detail)}`;
      case 'ACCOUNTABILITY':
        return '被问责';
      case 'PROSECUTION':
        return '涉嫌犯罪问题被移送检察机关依法审查起诉';
      default:
        return '';
    }
  });
  const text = parts.filter((p) => p !== '').join('，');
  return text || '已依规依纪依法作出处理';
}

/** The facts as a clause following the person: "在…收受…" when they start with the name, "：…" otherwise. */
function factsAbout(text: string, name: string): string {
  const facts = text.trim().replace(/[。；;.\s]+$/, '');
  if (facts === '') return '';
  return facts.startsWith(name) ? facts.slice(name.length) : `：${facts}`;
}

const num = (groups: KpiGroup[], g: string, f: string) => groups.find((x) => x.key === g)?.figures.find((x) => x.key === f)?.value ?? 0;
const yuan = (v: number) => (v >= 10_000 ? `${(v / 10_000).toFixed(2).replace(/\.?0+$/, '')}万元` : `${v.toFixed(2).replace(/\.?0+$/, '')}元`);

/** What the campaign does next, by phase (c.4). */
const NEXT_STEPS: Record<string, string> = {
  LAUNCHED: '各参与单位要尽快完成动员部署，细化任务分工，督促被监督单位全面启动自查自纠。',
  SELF_INSPECTION: '各参与单位要督促被监督单位对照整治重点逐项自查，做到问题清单、整改清单、责任清单“三张清单”同步建立，对自查不认真、走过场的及时督促提醒。',
  CHECKING: '各参与单位要持续开展联合抽查和明察暗访，坚持“四不两直”，对发现的问题线索及时移交、集中研判，对自查自纠不实的严肃追责问责。',
  CONCENTRATED_HANDLING: '各参与单位要加快问题线索处置和案件查办进度，坚持查办一批、通报一批、整改一批，对典型案例及时通报曝光。',
  CONSOLIDATING: '各参与单位要深化以案促改，督促被监督单位针对共性问题建章立制，对整改情况开展“回头看”，推动专项整治成果转化为长效机制。',
};

async function bodyOf(db: Kysely<DB>, c: CampaignRow, period: string, today: string): Promise<{ title: string; body: string }> {
  const groups = await computeKpis(db, c.id, today);
  const [from, to] = periodMonths(period);
  const series = await computeSeries(db, c.id, from, to);
  const inPeriod = (key: string) => series.series.find((s) => s.key === key)?.values.reduce((a, b) => a + b, 0) ?? 0;
  const cases = await sql<CaseRow>`
    SELECT f.id, f.subject_name, f.subject_position, o.name_zh AS org_name, f.summary,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', co.kind, 'detail', co.detail) ORDER BY co.created_at)
                       FROM case_outcome co WHERE co.case_id = f.id AND co.kind <> 'REVOCATION'), '[]'::jsonb) AS outcomes,
           ARRAY(SELECT DISTINCT c2.subject_name FROM clue c2 WHERE c2.case_id = f.id
                 OR c2.id IN (SELECT cc.clue_id FROM case_clue cc WHERE cc.case_id = f.id)) AS clue_names
      FROM case_file f LEFT JOIN org o ON o.id = f.subject_org_id
     WHERE f.decided_on IS NOT NULL AND f.id IN (SELECT c.case_id FROM clue c WHERE c.campaign_id = ${c.id}::uuid AND c.case_id IS NOT NULL
             UNION SELECT cc.case_id FROM case_clue cc JOIN clue c ON c.id = cc.clue_id WHERE c.campaign_id = ${c.id}::uuid)
     ORDER BY f.decided_on DESC, f.id LIMIT 3`.execute(db);
  const accs = await sql<AccRow>`SELECT a.target_name, a.target_position, a.method, a.facts FROM accountability a
     WHERE a.campaign_id = ${c.id}::uuid AND a.target_kind = 'LEADER' ORDER BY a.decided_on DESC, a.id LIMIT 3`.execute(db);
  const names = [...cases.rows.flatMap((k) => [k.subject_name, ...k.clue_names]), ...accs.rows.map((a) => a.target_name)];

  const forms = ['FIRST', 'SECOND', 'THIRD', 'FOURTH'].map((f) => num(groups, 'fourForms', f));
  const cn = ['一', '二', '三', '四', '五'];
  const lines: string[] = [];
  lines.push(
    `${c.name}开展以来${c.starts_on ? `（${Number(c.starts_on.slice(0, 4))}年${Number(c.starts_on.slice(5, 7))}月${Number(c.starts_on.slice(8, 10))}日启动）` : ''}，各参与单位按照工作方案和分工要求，压茬推进各项任务。现将截至${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日的工作进展情况通报如下：`,
  );
  lines.push('一、工作进展');
  lines.push(
    `专项整治累计排查问题线索${num(groups, 'clues', 'screened')}件，其中转立案${num(groups, 'clues', 'toCase')}件、运用第一种形态了结${num(groups, 'clues', 'firstForm')}件，正在处置${num(groups, 'clues', 'inHandling')}件；` +
      `立案${num(groups, 'cases', 'filed')}件，作出处理决定${num(groups, 'cases', 'decided')}件；运用“四种形态”处理${num(groups, 'fourForms', 'total')}人` +
      `（第一种形态${forms[0]}人、第二种形态${forms[1]}人、第三种形态${forms[2]}人、第四种形态${forms[3]}人）；追缴挽回资金${yuan(num(groups, 'cases', 'fundsRecovered'))}。` +
      `交办整改任务${num(groups, 'rectification', 'tasks')}项，已办结${num(groups, 'rectification', 'closed')}项，逾期${num(groups, 'rectification', 'overdue')}项；` +
      `制发纪检监察建议书${num(groups, 'reform', 'letters')}份，推动建章立制${num(groups, 'reform', 'rules')}项。`,
  );
  lines.push(
    `${periodLabel(period)}，新排查问题线索${inPeriod('clues')}件，新立案${inPeriod('cases')}件，处理${inPeriod('persons')}人，问责${inPeriod('accountability')}起。`,
  );
  lines.push('二、典型案例');
  if (cases.rows.length === 0) lines.push('本期暂无已作出处理决定的典型案例。');
  cases.rows.forEach((k, i) => {
    const who = anonymiseName(k.subject_name);
    const facts = factsAbout(k.summary, k.subject_name);
    lines.push(`（${cn[i]}）${k.org_name ?? ''}${k.subject_position ?? ''}${who}${facts || '违规违纪问题'}。${who}${handling(k.outcomes)}。`);
  });
  lines.push('三、追责问责情况');
  const byMethod = groups
    .find((g) => g.key === 'accountability')
    ?.figures.filter((f) => f.key !== 'total' && f.value > 0)
    .map((f) => `${f.label}${f.value}起`);
  lines.push(`专项整治中共追责问责${num(groups, 'accountability', 'total')}起${byMethod?.length ? `（${byMethod.join('、')}）` : ''}。`);
  accs.rows.forEach((a, i) => {
    const facts = factsAbout(a.facts, a.target_name);
    lines.push(`（${cn[i]}）${a.target_position ?? ''}${anonymiseName(a.target_name)}${facts}，受到${ACCOUNTABILITY_METHOD_LABELS[a.method].zh}问责。`);
  });
  lines.push('四、下一步工作要求');
  lines.push(NEXT_STEPS[c.state] ?? '各参与单位要持续巩固专项整治成果，推动常态长效。');
  if (num(groups, 'rectification', 'overdue') > 0) lines.push('对逾期未完成的整改任务，相关监督单位要逐项督办，必要时约谈提醒、通报问责。');
  const body = anonymiseText(lines.join('\n'), names);
  return { title: `关于${c.name}${periodLabel(period)}工作进展情况的通报`, body };
}

export interface DraftResult {
  bulletinId: string;
  period: string;
  created: boolean;
}

/** Who triggered the draft: a user (the cockpit's button) or the scheduled job. */
export type DraftBy = { userId: string; name: string; requestId?: string; ip?: string } | null;

/**
 * Drafts the campaign's bulletin for the period containing `today`, once: the unique (campaign, period)
 * index decides, so two nodes or a job and a click racing each other still leave one draft. Returns the
 * existing draft when there is one. Null when the campaign has no schedule or is not running.
 */
export async function draftCampaignBulletin(db: Kysely<DB>, campaignId: string, today: string, by: DraftBy): Promise<DraftResult | null> {
  const c = (
    await sql<CampaignRow>`SELECT id, commission_id, name, state, bulletin_schedule, lead_org_id, starts_on::text AS starts_on
      FROM campaign WHERE id = ${campaignId}::uuid`.execute(db)
  ).rows[0];
  if (!c || !RUNNING_CAMPAIGN_STATES.includes(c.state as (typeof RUNNING_CAMPAIGN_STATES)[number])) return null;
  const period = periodOf(c.bulletin_schedule, today);
  if (!period) return null;
  const existing = async () =>
    (await db.selectFrom('bulletin').select('id').where('campaign_id', '=', c.id).where('period', '=', period).executeTakeFirst())?.id;
  const found = await existing();
  if (found) return { bulletinId: found, period, created: false };
  const { title, body } = await bodyOf(db, c, period, today);
  const id = await db.transaction().execute(async (trx) => {
    const row = await sql<{
      id: string;
    }>`INSERT INTO bulletin (commission_id, type, scope, title, recipients, body, owner_org_id, created_by, campaign_id, period)
      VALUES (${c.commission_id}::uuid, 'CAMPAIGN_PROGRESS', 'INTERNAL', ${title}, ${'各县区纪委监委，市纪委监委各派驻纪检监察组，专项整治各参与单位'},
              ${body}, ${c.lead_org_id}::uuid, ${by?.userId ?? null}::uuid, ${c.id}::uuid, ${period})
      ON CONFLICT (campaign_id, period) WHERE period IS NOT NULL DO NOTHING RETURNING id`.execute(trx);
    const newId = row.rows[0]?.id;
    if (!newId) return null;
    await writeAudit(trx, {
      type: 'bulletin.created',
      commissionId: c.commission_id,
      actorId: by?.userId ?? null,
      actorName: by?.name ?? '系统',
      requestId: by?.requestId,
      ip: by?.ip,
      objectType: 'bulletin',
      objectId: newId,
      payload: refs({ type: 'CAMPAIGN_PROGRESS', scope: 'INTERNAL', campaignId: c.id, period, generated: true }),
    });
    // 待签发提醒: the lead office's staff who may open the draft (never the one who clicked).
    const staff = await trx.selectFrom('app_user').select('id').where('org_id', '=', c.lead_org_id).where('status', '=', 'ACTIVE').execute();
    const users = await whoMayOpen(
      trx,
      staff.map((u) => u.id).filter((u) => u !== by?.userId),
      (a) => sql`SELECT 1 FROM bulletin nb WHERE nb.id = ${newId}::uuid AND ${bulletinVisible(a, 'nb')}`,
    );
    for (const userId of users)
      await notify(trx, {
        commissionId: c.commission_id,
        userId,
        kind: 'bulletin.campaign_draft',
        title: `${periodLabel(period)}专项整治通报草稿待审核签发`,
        body: `系统已根据“${c.name}”的关联数据生成${periodLabel(period)}进展通报草稿，请核实修改后报书记或分管领导签发。`,
        link: `/campaigns/${c.id}/cockpit`,
        dedupeKey: `campaign-bulletin:${newId}`,
      });
    return newId;
  });
  if (id) return { bulletinId: id, period, created: true };
  const raced = await existing();
  return raced ? { bulletinId: raced, period, created: false } : null;
}

/** The scheduled job (JOBS.campaignBulletins): every running campaign with a schedule, once per period. */
export async function runCampaignBulletins(db: Kysely<DB>, today: string): Promise<{ drafted: number }> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM campaign
    WHERE state = ANY(${[...RUNNING_CAMPAIGN_STATES]}::text[]) AND bulletin_schedule IN ('MONTHLY','QUARTERLY') ORDER BY commission_id, id`.execute(db);
  let drafted = 0;
  for (const { id } of rows) if ((await draftCampaignBulletin(db, id, today, null))?.created) drafted++;
  return { drafted };
}
