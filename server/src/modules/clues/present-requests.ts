import { stepRefusal } from '@liandong/domain/clues/approvals';
import type { ClueRequest, ClueRequestList } from '@liandong/domain/clues/contracts';
import type { Approver, ClueAction } from '@liandong/domain/clues/machine';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { mayDecide } from './policy';
import { clueVisible } from '../visibility';

/* Requests with their approvals as the actor sees them (only requests of visible clues). */

const APPROVERS: Approver[] = ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY', 'UPPER_COMMISSION'];

interface RequestRow {
  id: string;
  clue_id: string;
  clue_no: string | null;
  clue_title: string;
  subject_name: string;
  action: ClueAction;
  payload: Record<string, unknown>;
  rationale: string;
  chain: Approver[];
  next_step: number;
  status: ClueRequest['status'];
  requested_by_id: string | null;
  requested_by_name: string | null;
  requested_at: Date;
  decided_at: Date | null;
  version: number;
  approvals: { step: number; kind: Approver; decision: 'APPROVED' | 'REJECTED'; comment: string; by_id: string; by_name: string; at: string }[];
  total: number;
}

export interface RequestFilter {
  requestId?: string;
  clueId?: string;
  status: ClueRequest['status'] | null;
  mine?: boolean;
  page: number;
  pageSize: number;
}

export async function loadRequests(ctx: Ctx, f: RequestFilter): Promise<ClueRequestList> {
  const decidable = APPROVERS.filter((k) => mayDecide(ctx.actor, k));
  const where = [sql`r.commission_id = ${ctx.actor.commissionId}::uuid`, clueVisible(ctx.actor, 'c')];
  if (f.requestId) where.push(sql`r.id = ${f.requestId}::uuid`);
  if (f.clueId) where.push(sql`r.clue_id = ${f.clueId}::uuid`);
  if (f.status) where.push(sql`r.status = ${f.status}`);
  if (f.mine) {
    // Pending at a step I may decide, not filed by me, no earlier step decided by me (stepRefusal in SQL).
    const me = ctx.actor.userId;
    const secretary = hasAnyRole(ctx.actor, ['SECRETARY']);
    where.push(sql`(r.status = 'PENDING' AND r.chain[r.next_step + 1] = ANY(${decidable}::text[])
      AND r.requested_by IS DISTINCT FROM ${me}::uuid
      AND NOT EXISTS (SELECT 1 FROM clue_approval a WHERE a.request_id = r.id AND a.decided_by = ${me}::uuid)
      AND NOT (${secretary}::boolean AND r.chain[r.next_step + 1] = 'OVERSEEING_LEADER' AND 'PRINCIPAL_LEADER' = ANY(r.chain[r.next_step + 2:])))`);
  }
  const { rows } = await sql<RequestRow>`SELECT r.id, r.clue_id, c.clue_no, c.title AS clue_title, c.subject_name, r.action, r.payload, r.rationale,
      r.chain, r.next_step, r.status, r.requested_by AS requested_by_id, ru.display_name AS requested_by_name, r.requested_at, r.decided_at, r.version,
      COALESCE((SELECT json_agg(json_build_object('step', a.step, 'kind', a.approver_kind, 'decision', a.decision, 'comment', a.comment,
          'by_id', a.decided_by, 'by_name', au.display_name, 'at', a.decided_at) ORDER BY a.step)
        FROM clue_approval a JOIN app_user au ON au.id = a.decided_by WHERE a.request_id = r.id), '[]'::json) AS approvals,
      count(*) OVER ()::int AS total
    FROM clue_request r JOIN clue c ON c.id = r.clue_id
    LEFT JOIN app_user ru ON ru.id = r.requested_by
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY r.requested_at ${f.clueId ? sql`DESC` : sql`ASC`}, r.id
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(ctx.db);
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => {
      const next = r.status === 'PENDING' ? (r.chain[r.next_step] ?? null) : null;
      return {
        id: r.id,
        clueId: r.clue_id,
        clueNo: r.clue_no,
        clueTitle: r.clue_title,
        subjectName: r.subject_name,
        action: r.action,
        payload: r.payload ?? {},
        rationale: r.rationale,
        chain: r.chain,
        nextStep: r.next_step,
        nextApprover: next,
        status: r.status,
        requestedBy: r.requested_by_id ? { id: r.requested_by_id, name: r.requested_by_name ?? '' } : null,
        requestedAt: r.requested_at.toISOString(),
        decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
        approvals: r.approvals.map((a) => ({
          step: a.step,
          approverKind: a.kind,
          decision: a.decision,
          comment: a.comment,
          decidedBy: { id: a.by_id, name: a.by_name },
          decidedAt: new Date(a.at).toISOString(),
        })),
        version: r.version,
        canDecide:
          next !== null &&
          mayDecide(ctx.actor, next) &&
          stepRefusal({
            userId: ctx.actor.userId,
            isSecretary: hasAnyRole(ctx.actor, ['SECRETARY']),
            requestedBy: r.requested_by_id,
            decidedBy: r.approvals.map((a) => a.by_id),
            chain: r.chain,
            step: r.next_step,
          }) === null,
      };
    }),
  };
}
