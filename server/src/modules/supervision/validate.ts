import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { ListType, Side } from '@liandong/domain/supervision/enums';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors';
import { orgsById, type Q } from './repo';

/*
 * Business rules of an item's parties (C S1): on an individual list one side leads and the other
 * assists — the list's group, its liaison office, or a county commission for the COUNTY side; on a
 * common list the group leads and its liaison office assists. Responsible staff belong to the lead
 * or assist org; host units are among the list's.
 */

export interface ListForRules {
  type: ListType;
  ownerGroupId: string;
  liaisonOfficeId: string;
  hostUnitIds: readonly string[];
}

export interface Parties {
  leadSide: Side;
  leadOrgId: string;
  assistSide: Side | null;
  assistOrgId: string | null;
  responsibleUserIds?: readonly string[];
  hostUnitIds?: readonly string[];
}

const COUNTY_KINDS = ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];

export async function partyIssues(db: Q, commissionId: string, list: ListForRules, p: Parties): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if ((p.assistSide === null) !== (p.assistOrgId === null)) {
    issues.push({ path: p.assistSide === null ? 'assistSide' : 'assistOrgId', message: '协助方与协助单位须同时填写或同时为空' });
  }
  if (list.type === 'COMMON') {
    if (p.leadSide !== 'GROUP') issues.push({ path: 'leadSide', message: '共性清单由派驻组牵头' });
    if (p.assistSide !== 'OFFICE') issues.push({ path: 'assistSide', message: '共性清单由联系室协助' });
  }
  if (p.assistOrgId && p.assistOrgId === p.leadOrgId) issues.push({ path: 'assistOrgId', message: '协助单位不能与牵头单位相同' });
  const orgs = await orgsById(db, commissionId, [p.leadOrgId, ...(p.assistOrgId ? [p.assistOrgId] : [])]);
  const check = (side: Side, orgId: string, path: string) => {
    const o = orgs.get(orgId);
    if (!o || o.retired) return issues.push({ path, message: '单位不存在或已撤销' });
    if (side === 'GROUP' && orgId !== list.ownerGroupId) issues.push({ path, message: '派驻组一方须为本清单所属派驻组' });
    if (side === 'OFFICE' && orgId !== list.liaisonOfficeId) issues.push({ path, message: '监督检查室一方须为本清单的联系室' });
    if (side === 'COUNTY' && !COUNTY_KINDS.includes(o.kind)) issues.push({ path, message: '县区一方须为县区纪委监委' });
  };
  check(p.leadSide, p.leadOrgId, 'leadOrgId');
  if (p.assistSide && p.assistOrgId) check(p.assistSide, p.assistOrgId, 'assistOrgId');

  if (p.responsibleUserIds?.length) {
    const parties = [p.leadOrgId, ...(p.assistOrgId ? [p.assistOrgId] : [])];
    const { rows } = await sql<{ id: string }>`SELECT id FROM app_user WHERE commission_id = ${commissionId}::uuid
      AND id = ANY(${[...p.responsibleUserIds]}::uuid[]) AND org_id = ANY(${parties}::uuid[])`.execute(db);
    const ok = new Set(rows.map((r) => r.id));
    p.responsibleUserIds.forEach((id, i) => {
      if (!ok.has(id)) issues.push({ path: `responsibleUserIds.${i}`, message: '责任人须为牵头或协助单位的干部' });
    });
  }
  if (p.hostUnitIds?.length) {
    p.hostUnitIds.forEach((id, i) => {
      if (!list.hostUnitIds.includes(id)) issues.push({ path: `hostUnitIds.${i}`, message: '被监督单位须在本清单的驻在（综合监督）单位之内' });
    });
  }
  return issues;
}

/** 422 with field paths. */
export function ruleViolation(issues: FieldIssue[], lead = '不符合业务规则'): AppError {
  return new AppError('BUSINESS_RULE', `${lead}：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });
}

export function assertNoIssues(issues: FieldIssue[], lead?: string): void {
  if (issues.length) throw ruleViolation(issues, lead);
}

/** Duplicates in a list of ids (400 would be nicer, but the set semantics are harmless): keep first occurrences. */
export function uniq<T>(xs: readonly T[] | undefined | null): T[] {
  return [...new Set(xs ?? [])];
}
