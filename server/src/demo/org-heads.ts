/**
 * 演示数据 — the heads of the demo orgs (本单位负责人, migration 0038): every office, dispatched group and county or
 * township commission whose demo account holds the heading position — a group's 组长, an office's 主任, a
 * township's 纪委书记 — is headed by that account. The heads approve their org's work reports. Orgs without such an
 * account (the county commissions, whose demo accounts are staff or a deputy, and 驻榆中县民政局纪检监察组) keep no
 * head: their reports are approved by the overseeing 分管领导. All names are fictional.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { demoAccounts, demoOrgs } from './data';

/** Positions that head their org: 组长, a 室's 主任 (not 副主任), a 纪委书记 (not 副书记). */
const HEAD_POSITION = /(组长|室主任|纪委书记)$/;
/** The kinds of org the demo gives a head: the commission's own offices, groups and lower commissions. */
const HEADED_KINDS = new Set(['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION']);

/** The demo's heads as org code → username (the first heading account of each org). */
export function demoHeads(): Map<string, string> {
  const kinds = new Map(demoOrgs.map((o) => [o.code, o.kind]));
  const heads = new Map<string, string>();
  for (const a of demoAccounts) {
    if (HEAD_POSITION.test(a.position) && HEADED_KINDS.has(kinds.get(a.orgCode) ?? '') && !heads.has(a.orgCode)) heads.set(a.orgCode, a.username);
  }
  return heads;
}

/** Records the heads (after the accounts are loaded; the org_head_check trigger checks each belongs to its org). */
export async function loadDemoHeads(trx: Transaction<DB>, cid: string): Promise<number> {
  let n = 0;
  for (const [code, username] of demoHeads()) {
    const u = await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const res = await trx.updateTable('org').set({ head_user_id: u.id }).where('commission_id', '=', cid).where('code', '=', code).executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}
