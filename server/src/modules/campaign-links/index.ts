import { CAMPAIGN_LINK_REFUSED, CAMPAIGN_LINK_REQUIRED } from '@liandong/domain/campaigns/links';
import { CLUE_TYPOLOGY_DICTIONARY } from '@liandong/domain/clues/typology';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { validation } from '../../platform/errors';
import { campaignVisible } from '../visibility';

/*
 * The campaign link of every object a 专项整治 produces (issue 10): one check for the id a caller sends,
 * one SQL fragment for the joined name, and the typology tags of campaign screening.
 */

type Q = Db | Transaction<DB>;

/**
 * Checks a campaign id a caller sent and answers the campaign's name. The campaign must belong to the
 * caller's commission and be visible to the caller (campaignVisible), because linking an object to a
 * campaign hands that object to the campaign's 专班; an unknown id, another commission's id and a hidden
 * campaign get the same 400 on `path`, so the answer never tells whether a campaign exists.
 */
export async function checkCampaignLink(db: Q, actor: Actor, id: string, path = 'campaignId'): Promise<{ id: string; name: string }> {
  const { rows } = await sql<{ id: string; name: string }>`SELECT campaign.id, campaign.name FROM campaign
    WHERE campaign.id = ${id}::uuid AND ${campaignVisible(actor)}`.execute(db);
  const hit = rows[0];
  if (!hit) throw validation([{ path, message: CAMPAIGN_LINK_REFUSED }]);
  return hit;
}

/**
 * The campaign id an object ends up with, checked: `required` when its origin or source says 专项整治
 * (then a missing id is a 400 on `path`), otherwise the id is kept only when given (null clears it).
 */
export async function resolveCampaignLink(
  db: Q,
  actor: Actor,
  id: string | null | undefined,
  opts: { required: boolean; path?: string },
): Promise<string | null> {
  const path = opts.path ?? 'campaignId';
  if (!id) {
    if (opts.required) throw validation([{ path, message: CAMPAIGN_LINK_REQUIRED }]);
    return null;
  }
  return (await checkCampaignLink(db, actor, id, path)).id;
}

/** SQL of the campaign name of a `campaign_id` column (a scalar subquery: null when unlinked). */
export function campaignNameSql(column: string): RawBuilder<string | null> {
  return sql<string | null>`(SELECT cp.name FROM campaign cp WHERE cp.id = ${sql.ref(column)})`;
}

/** `{ id, name }` of a linked campaign, or null. */
export function campaignRef(id: string | null, name: string | null): { id: string; name: string } | null {
  return id ? { id, name: name ?? '' } : null;
}

/**
 * Checks typology tags against the active items of the commission's CLUE_TYPOLOGY dictionary (a
 * commission may add its own types there) and answers them without duplicates, in the order given.
 */
export async function checkTypology(db: Q, commissionId: string, codes: readonly string[], path = 'typology'): Promise<string[]> {
  const distinct = [...new Set(codes)];
  if (distinct.length === 0) return [];
  const { rows } = await sql<{ code: string }>`SELECT i.code FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id
    WHERE d.commission_id = ${commissionId}::uuid AND d.code = ${CLUE_TYPOLOGY_DICTIONARY} AND i.active AND i.code = ANY(${distinct}::text[])`.execute(db);
  const known = new Set(rows.map((r) => r.code));
  const unknown = distinct.filter((c) => !known.has(c));
  if (unknown.length) throw validation([{ path, message: `典型问题类型不在字典中：${unknown.join('、')}` }]);
  return distinct;
}

/** zh-CN labels of the commission's typology codes (for exports and documents). */
export async function typologyLabels(db: Q, commissionId: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ code: string; label_zh: string }>`SELECT i.code, i.label_zh FROM dictionary_item i
    JOIN dictionary d ON d.id = i.dictionary_id WHERE d.commission_id = ${commissionId}::uuid AND d.code = ${CLUE_TYPOLOGY_DICTIONARY}`.execute(db);
  return new Map(rows.map((r) => [r.code, r.label_zh]));
}
