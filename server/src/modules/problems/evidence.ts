import type { EvidenceRef, EvidenceType } from '@liandong/domain/problems/contracts';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, inOrgScope } from '../../platform/access';
import { itemVisible } from '../supervision';
import { caseVisible, clueVisible, letterVisible } from '../visibility';
import type { Q } from './repo';

/*
 * Evidence of a problem: findings, clues, cases and recommendation letters. Each is linked, listed and
 * clustered only when the caller may see it by the object's own visibility predicate — a problem's evidence
 * list never names an object outside the reader's scope (a side door otherwise).
 */

/** SQL: the finding aliased `f` is visible — through its item (list scope), or a zone activity's org in scope. */
export function findingVisible(actor: Actor, f = 'f'): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${f}.commission_id`)} = ${actor.commissionId}::uuid AND (
    (${sql.ref(`${f}.item_id`)} IS NOT NULL AND EXISTS (SELECT 1 FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
      WHERE i.id = ${sql.ref(`${f}.item_id`)} AND ${itemVisible(actor)}))
    OR (${sql.ref(`${f}.item_id`)} IS NULL AND ${inOrgScope(actor, `${f}.org_id`)})))`;
}

export interface EvidenceRow {
  type: EvidenceType;
  id: string;
  title: string;
  ref: string | null;
  unit_id: string | null;
  unit_name: string | null;
}

/** The visible objects among `refs`, with a title and the unit concerned (order: the refs' order). */
export async function visibleEvidence(db: Q, actor: Actor, refs: readonly EvidenceRef[]): Promise<EvidenceRow[]> {
  const ids = (t: EvidenceType) => [...new Set(refs.filter((r) => r.type === t).map((r) => r.id))];
  const out: EvidenceRow[] = [];
  const findings = ids('finding');
  if (findings.length) {
    const { rows } = await sql<EvidenceRow>`SELECT 'finding' AS type, f.id, f.description AS title, NULL AS ref,
        COALESCE(f.host_unit_id, f.org_id) AS unit_id, o.name_zh AS unit_name
      FROM supervision_finding f LEFT JOIN org o ON o.id = COALESCE(f.host_unit_id, f.org_id)
      WHERE f.id = ANY(${findings}::uuid[]) AND ${findingVisible(actor)}`.execute(db);
    out.push(...rows);
  }
  const clues = ids('clue');
  if (clues.length) {
    const { rows } =
      await sql<EvidenceRow>`SELECT 'clue' AS type, clue.id, clue.title, clue.clue_no AS ref, clue.subject_org_id AS unit_id, o.name_zh AS unit_name
      FROM clue LEFT JOIN org o ON o.id = clue.subject_org_id
      WHERE clue.id = ANY(${clues}::uuid[]) AND ${clueVisible(actor, 'clue')}`.execute(db);
    out.push(...rows);
  }
  const cases = ids('case');
  if (cases.length) {
    const { rows } = await sql<EvidenceRow>`SELECT 'case' AS type, case_file.id, case_file.title, case_file.case_no AS ref,
        case_file.subject_org_id AS unit_id, o.name_zh AS unit_name
      FROM case_file LEFT JOIN org o ON o.id = case_file.subject_org_id
      WHERE case_file.id = ANY(${cases}::uuid[]) AND ${caseVisible(actor, 'case_file')}`.execute(db);
    out.push(...rows);
  }
  const letters = ids('letter');
  if (letters.length) {
    const { rows } = await sql<EvidenceRow>`SELECT 'letter' AS type, letter.id, letter.title, letter.doc_no AS ref,
        letter.recipient_org_id AS unit_id, o.name_zh AS unit_name
      FROM letter LEFT JOIN org o ON o.id = letter.recipient_org_id
      WHERE letter.id = ANY(${letters}::uuid[]) AND ${letterVisible(actor, 'letter')}`.execute(db);
    out.push(...rows);
  }
  const pos = new Map(refs.map((r, i) => [`${r.type}:${r.id}`, i]));
  return out.sort((a, b) => (pos.get(`${a.type}:${a.id}`) ?? 0) - (pos.get(`${b.type}:${b.id}`) ?? 0));
}

export const presentEvidence = (r: EvidenceRow) => ({
  type: r.type,
  id: r.id,
  title: r.title,
  ref: r.ref,
  unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
});
