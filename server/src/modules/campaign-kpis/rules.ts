import type { CampaignRule, CampaignRuleCreateBody, CampaignRuleList } from '@liandong/domain/campaigns/contracts-kpis';
import { sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import { fileOwnVisible } from '../../platform/attachments/evidence';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { loadCampaign } from './service';

/*
 * 建章立制 register (issue 10; domain.md c.4 CONSOLIDATING): the rules, systems and mechanisms units adopt
 * because of the campaign, one row per rule with its unit, title, date and (optionally) the rule's text.
 * Counted as "rules made" among the campaign's figures. Read by whoever sees the campaign; written by the
 * staff who work on it (and the 书记); a wrong entry is removed by its author or the 书记.
 */

const WRITE_ROLES = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'] as const;

interface RuleRow {
  id: string;
  unit_org_id: string;
  unit_name: string;
  title: string;
  issued_on: string;
  attachment_id: string | null;
  filename: string | null;
  created_by: string | null;
  created_at: Date;
  version: number;
}

/** Who may delete an entry: its author, or the 书记 (a wrong entry of anyone). */
const mayRemove = (actor: Actor, createdBy: string | null) => createdBy === actor.userId || hasAnyRole(actor, ['SECRETARY']);

const toRule = (actor: Actor, r: RuleRow): CampaignRule => ({
  id: r.id,
  unit: { id: r.unit_org_id, name: r.unit_name },
  title: r.title,
  issuedOn: r.issued_on,
  attachment: r.attachment_id ? { id: r.attachment_id, filename: r.filename ?? '' } : null,
  createdAt: r.created_at.toISOString(),
  version: r.version,
  abilities: { remove: mayRemove(actor, r.created_by) },
});

/** GET /api/v1/campaigns/:id/rules */
export async function listCampaignRules(ctx: Ctx, campaignId: string): Promise<CampaignRuleList> {
  const c = await loadCampaign(ctx, campaignId);
  const { rows } = await sql<RuleRow>`SELECT r.id, r.unit_org_id, o.name_zh AS unit_name, r.title, r.issued_on::text AS issued_on,
      -- the file's name only where the caller may open the file
      CASE WHEN a.id IS NOT NULL AND ${fileOwnVisible(ctx.actor, 'a')} THEN a.id END AS attachment_id,
      CASE WHEN a.id IS NOT NULL AND ${fileOwnVisible(ctx.actor, 'a')} THEN a.filename END AS filename,
      r.created_by, r.created_at, r.version
    FROM campaign_rule r JOIN org o ON o.id = r.unit_org_id LEFT JOIN attachment a ON a.id = r.attachment_id
    WHERE r.campaign_id = ${c.id}::uuid ORDER BY r.issued_on DESC, r.created_at DESC, r.id`.execute(ctx.db);
  return { items: rows.map((r) => toRule(ctx.actor, r)), canAdd: hasAnyRole(ctx.actor, WRITE_ROLES) };
}

/** POST /api/v1/campaigns/:id/rules */
export async function createCampaignRule(ctx: Ctx, campaignId: string, body: CampaignRuleCreateBody): Promise<CampaignRule> {
  const c = await loadCampaign(ctx, campaignId);
  if (!hasAnyRole(ctx.actor, WRITE_ROLES)) throw forbidden('无权登记建章立制成果');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('org')
      .select('id')
      .where('id', '=', body.unitOrgId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .executeTakeFirst();
    if (!unit) throw validation([{ path: 'unitOrgId', message: '制定单位不存在' }]);
    if (body.issuedOn > c.today) throw validation([{ path: 'issuedOn', message: '印发日期不能晚于今天' }]);
    if (body.attachmentId) {
      // Only a file the caller uploaded and may open: a rule cannot cite another record's file.
      const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM attachment a WHERE a.id = ${body.attachmentId}::uuid
          AND a.commission_id = ${ctx.actor.commissionId}::uuid AND a.created_by = ${ctx.actor.userId}::uuid AND ${fileOwnVisible(ctx.actor, 'a')}) AS ok`.execute(
        trx,
      );
      if (!rows[0]?.ok) throw validation([{ path: 'attachmentId', message: '附件不存在或不是本人上传的文件' }]);
    }
    const row = await trx
      .insertInto('campaign_rule')
      .values({
        commission_id: ctx.actor.commissionId,
        campaign_id: c.id,
        unit_org_id: body.unitOrgId,
        title: body.title,
        issued_on: body.issuedOn,
        attachment_id: body.attachmentId ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'campaign.rule_recorded',
      objectType: 'campaign',
      objectId: c.id,
      payload: refs({ ruleId: row.id, unitOrgId: body.unitOrgId, issuedOn: body.issuedOn, title: body.title }),
    });
    return row.id;
  });
  const list = await listCampaignRules(ctx, c.id);
  const made = list.items.find((r) => r.id === id);
  if (!made) throw notFound('建章立制成果');
  return made;
}

/** DELETE /api/v1/campaigns/:id/rules/:ruleId?version= — by its author or the 书记. */
export async function removeCampaignRule(ctx: Ctx, campaignId: string, ruleId: string, version: number): Promise<void> {
  const c = await loadCampaign(ctx, campaignId);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('campaign_rule')
      .select(['id', 'created_by', 'version'])
      .where('id', '=', ruleId)
      .where('campaign_id', '=', c.id)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw notFound('建章立制成果');
    if (!mayRemove(ctx.actor, r.created_by)) throw forbidden('只有登记人或书记可以删除');
    if (r.version !== version) throw staleVersion();
    await trx.deleteFrom('campaign_rule').where('id', '=', r.id).execute();
    await audit(trx, ctx, { type: 'campaign.rule_removed', objectType: 'campaign', objectId: c.id, payload: refs({ ruleId: r.id }) });
  });
}
