import type { ClueOverdue, ClueOverdueQuery } from '@liandong/domain/clues/contracts';
import type { ClueState } from '@liandong/domain/clues/machine';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import type { Actor } from '../../platform/access';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { CLUE_OVERDUE_KIND_LIST, CLUE_OVERDUE_KINDS, type ClueOverdueKind, dueBy, isClueOverdueKind } from './overdue-kinds';
import { clueVisible } from '../visibility';

/* 到期提醒 board: per kind, the clues due today or past and those due within 5 working days. */

export const SOON_WORKING_DAYS = 5;

export interface DueRow {
  clue_id: string;
  clue_no: string | null;
  title: string;
  subject_name: string;
  state: ClueState;
  undertaking_org_id: string | null;
  undertaking_org_name: string | null;
  kind: ClueOverdueKind;
  due_on: string;
}

/** Clues of one commission with a running limit due on or before `until` (scoped by `actor` when given). */
export async function dueClues(db: Db, commissionId: string, until: string, kinds: ClueOverdueKind[], opts: { actor?: Actor; undertakingOrgId?: string } = {}) {
  if (!kinds.length) return [];
  const parts = kinds.map(
    (k) => sql`SELECT c.id AS clue_id, c.clue_no, c.title, c.subject_name, c.state, c.undertaking_org_id, uo.name_zh AS undertaking_org_name,
        ${k}::text AS kind, to_char(${sql.ref(`c.${CLUE_OVERDUE_KINDS[k].column}`)}, 'YYYY-MM-DD') AS due_on
      FROM clue c LEFT JOIN org uo ON uo.id = c.undertaking_org_id
      WHERE c.commission_id = ${commissionId}::uuid AND ${dueBy(k, until, 'c')}
        ${opts.actor ? sql`AND ${clueVisible(opts.actor, 'c')}` : sql``}
        ${opts.undertakingOrgId ? sql`AND c.undertaking_org_id = ${opts.undertakingOrgId}::uuid` : sql``}`,
  );
  const { rows } = await sql<DueRow>`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) d ORDER BY d.due_on, d.kind, d.clue_id LIMIT 2000`.execute(db);
  return rows;
}

/** GET /clues/overdue */
export async function overdueBoard(ctx: Ctx, q: ClueOverdueQuery): Promise<ClueOverdue> {
  const today = todayIso();
  const cal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const soonUntil = cal.addWorkingDays(today, SOON_WORKING_DAYS);
  const kinds = q.kind ? (isClueOverdueKind(q.kind) ? [q.kind] : []) : CLUE_OVERDUE_KIND_LIST;
  const rows = await dueClues(ctx.db, ctx.actor.commissionId, soonUntil, kinds, { actor: ctx.actor, undertakingOrgId: q.undertakingOrgId });
  const counts = kinds.map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    const overdue = of.filter((r) => r.due_on <= today).length;
    return { kind, overdue, dueSoon: of.length - overdue };
  });
  return {
    today,
    soonUntil,
    lastMaintainedYear: cal.lastMaintainedYear,
    counts,
    items: rows.map((r) => ({
      clueId: r.clue_id,
      clueNo: r.clue_no,
      title: r.title,
      subjectName: r.subject_name,
      state: r.state,
      undertakingOrgName: r.undertaking_org_name,
      kind: r.kind,
      dueOn: r.due_on,
      overdue: r.due_on <= today,
      calendarUnconfirmed: cal.beyond(r.due_on),
    })),
  };
}
