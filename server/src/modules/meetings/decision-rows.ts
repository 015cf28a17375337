import type { Classification } from '@liandong/domain/access/enums';
import type { Decision } from '@liandong/domain/meetings/contracts';
import type { DecisionState, MeetingType } from '@liandong/domain/meetings/enums';
import { DECISION_MACHINE } from '@liandong/domain/meetings/machine';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { LightDates } from '../supervision';
import { type DecisionLight, decisionLightSql } from './light';
import { decisionRoles } from './policy';
import type { Q } from './repo';

/*
 * One query shape for decisions wherever they are listed (the board, its export, a meeting's page, one
 * decision): the decision, its light, its owner org and — of its meeting — only type, title, date and chair.
 */

export interface DecisionRow {
  id: string;
  seq: number;
  content: string;
  owner_org_id: string;
  owner_org_name: string;
  deadline: string;
  state: DecisionState;
  light: DecisionLight;
  overdue_since: string | null;
  done_on: string | null;
  meeting_id: string;
  meeting_type: MeetingType;
  meeting_title: string;
  meeting_classification: Classification;
  meeting_starts_at: Date;
  chair_id: string;
  chair_name: string;
  last_report: string | null;
  version: number;
  total: number;
}

/** Selects decisions `d` (with meeting `dm`) matching `where`, ordered by meeting date and number. */
export async function selectDecisions(db: Q, d: LightDates, where: RawBuilder<boolean>[], page?: { limit: number; offset: number }): Promise<DecisionRow[]> {
  const { rows } = await sql<DecisionRow>`SELECT d.id, d.seq, d.content, d.owner_org_id, o.name_zh AS owner_org_name,
      to_char(d.deadline, 'YYYY-MM-DD') AS deadline, d.state, ${decisionLightSql(d)} AS light,
      to_char(d.overdue_since, 'YYYY-MM-DD') AS overdue_since, to_char(d.done_on, 'YYYY-MM-DD') AS done_on,
      dm.id AS meeting_id, dm.type AS meeting_type, dm.title AS meeting_title, dm.classification AS meeting_classification, dm.starts_at AS meeting_starts_at,
      dm.chair_user_id AS chair_id, cu.display_name AS chair_name,
      (SELECT e.comment FROM meeting_decision_event e WHERE e.decision_id = d.id AND e.comment IS NOT NULL AND e.actor_id IS NOT NULL
        ORDER BY e.at DESC LIMIT 1) AS last_report,
      d.version, count(*) OVER ()::int AS total
    FROM meeting_decision d JOIN meeting dm ON dm.id = d.meeting_id JOIN org o ON o.id = d.owner_org_id JOIN app_user cu ON cu.id = dm.chair_user_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY dm.starts_at DESC, d.seq ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(db);
  return rows;
}

export function presentDecision(actor: Actor, r: DecisionRow): Decision {
  return {
    id: r.id,
    seq: r.seq,
    content: r.content,
    ownerOrg: { id: r.owner_org_id, name: r.owner_org_name },
    deadline: r.deadline,
    state: r.state,
    light: r.light,
    overdueSince: r.overdue_since,
    doneOn: r.done_on,
    meeting: {
      id: r.meeting_id,
      type: r.meeting_type,
      title: r.meeting_title,
      classification: r.meeting_classification,
      startsAt: r.meeting_starts_at.toISOString(),
      chair: { id: r.chair_id, name: r.chair_name },
    },
    lastReport: r.last_report,
    version: r.version,
    abilities: { actions: DECISION_MACHINE.abilities(r.state, decisionRoles(actor, r)) },
  };
}
