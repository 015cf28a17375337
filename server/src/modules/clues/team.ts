import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql } from 'kysely';
import { AppError, validation } from '../../platform/errors';
import type { TxCtx } from '../../platform/context';

/** One proposed member of a 核查组 and the field that named them. */
export interface TeamCandidate {
  userId: string;
  path: string;
}

/**
 * Checks the proposed members of a clue's 核查组 (初步核实) as case teams are checked (cases/team.ts):
 * an active account of the commission (400), no 案件审理室 staff — 审查调查与审理分离 starts with the
 * verification of the clue, whose report the trial office may later weigh (422) — and nobody recused
 * (回避) from this clue (422; they could not even open it). Nothing is written when one fails.
 */
export async function checkTeamCandidates(ctx: TxCtx, clueId: string, candidates: TeamCandidate[]): Promise<void> {
  if (candidates.length === 0) return;
  const ids = [...new Set(candidates.map((c) => c.userId))];
  const { rows } = await sql<{ id: string; name: string; trial: boolean; recused: boolean }>`SELECT u.id, u.display_name AS name,
      (EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'TRIAL_STAFF')
        OR EXISTS (SELECT 1 FROM org o WHERE o.id = u.org_id AND o.office_kind = 'TRIAL')) AS trial,
      EXISTS (SELECT 1 FROM recusal rc WHERE rc.user_id = u.id AND rc.object_type = 'clue' AND rc.object_id = ${clueId}::uuid) AS recused
    FROM app_user u
    WHERE u.id = ANY(${ids}::uuid[]) AND u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'`.execute(ctx.trx);
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = candidates.filter((c) => !found.has(c.userId));
  if (missing.length)
    throw validation(
      missing.map((c) => ({ path: c.path, message: '账号不存在或已停用' })),
      '核查组成员须为本机关在用账号',
    );
  const issues: FieldIssue[] = [];
  for (const c of candidates) {
    const u = found.get(c.userId)!;
    if (u.trial) issues.push({ path: c.path, message: `${u.name}是案件审理室人员，依照审查调查与审理分离的规定，不能参加核查组` });
    else if (u.recused) issues.push({ path: c.path, message: `${u.name}已声明回避本线索，不能参加核查组` });
  }
  if (issues.length) throw new AppError('BUSINESS_RULE', `核查组成员不符合规定：${issues.map((i) => i.message).join('；')}`, { issues });
}
