import type { EvidenceSource } from '@liandong/domain/integrity/enums';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { itemVisible } from '../supervision';
import { caseVisible, clueVisible, inspectionVisible } from '../visibility';

/*
 * 查询党风廉政情况: what the commission holds on one cadre — clues and cases about the person, findings
 * of supervision and of campaign checks naming them — as the COLLECTOR may see it. Each source is read
 * through its own visibility predicate (clueVisible, caseVisible, itemVisible, inspectionVisible) inside
 * the query itself, so a record outside the collector's scope never contributes a line, or a count.
 *
 * Matching: a clue or case is about the cadre when it names the same person record, or the same name in
 * the same unit (the unit only when the request gave one from the org tree); a finding when its text
 * names the cadre (and its unit matches, when both are known). The lines are leads for the drafter to
 * read, not a verdict.
 */

export interface CadreToCollect {
  name_zh: string;
  unit_org_id: string | null;
  person_id: string | null;
}

export interface CollectedLine {
  source: EvidenceSource;
  source_id: string;
  ref_no: string | null;
  title: string;
  state: string | null;
  on: string | null;
}

/** The evidence lines of one cadre in the collector's scope. */
export async function collectFor(trx: Transaction<DB>, actor: Actor, c: CadreToCollect): Promise<CollectedLine[]> {
  const pid = sql`${c.person_id}::uuid`;
  const unit = sql`${c.unit_org_id}::uuid`;
  const subject = (t: string) =>
    sql`(${sql.ref(`${t}.subject_person_id`)} = ${pid} OR (${sql.ref(`${t}.subject_name`)} = ${c.name_zh}
      AND (${unit} IS NULL OR ${sql.ref(`${t}.subject_org_id`)} = ${unit})))`;
  const { rows } = await sql<CollectedLine>`
    SELECT 'clue' AS source, cl.id AS source_id, cl.clue_no AS ref_no, cl.title, cl.state, to_char(cl.received_on, 'YYYY-MM-DD') AS on
      FROM clue cl WHERE ${subject('cl')} AND ${clueVisible(actor, 'cl')}
    UNION ALL
    SELECT 'case', k.id, k.case_no, k.title, k.state, to_char(k.filed_on, 'YYYY-MM-DD')
      FROM case_file k WHERE ${subject('k')} AND ${caseVisible(actor, 'k')}
    UNION ALL
    SELECT 'supervision_finding', f.id, NULL, left(f.description, 300), f.disposition, to_char(f.created_at, 'YYYY-MM-DD')
      FROM supervision_finding f JOIN supervision_item i ON i.id = f.item_id JOIN supervision_list l ON l.id = i.list_id
      WHERE strpos(f.description, ${c.name_zh}) > 0 AND (${unit} IS NULL OR f.host_unit_id IS NULL OR f.host_unit_id = ${unit})
        AND ${itemVisible(actor)}
    UNION ALL
    SELECT 'inspection_finding', f.id, NULL, left(f.description, 300), f.disposition, to_char(ins.visit_on, 'YYYY-MM-DD')
      FROM inspection_finding f JOIN inspection ins ON ins.id = f.inspection_id
      WHERE strpos(f.description, ${c.name_zh}) > 0 AND (${unit} IS NULL OR f.unit_org_id = ${unit})
        AND ${inspectionVisible(actor, 'ins')}`.execute(trx);
  return rows;
}

/**
 * SQL predicate over an `integrity_evidence` row aliased `e`: the READER may open the line's source record.
 * A line names a clue or case (number, title) or quotes a finding, so it is shown only where its source is
 * visible — a line the 书记 collected is not a side door into a clue the 干部监督室 may not see. The
 * leader's conclusion and opinion on the cadre stay visible; the hidden lines leave no count.
 */
export function evidenceVisible(actor: Actor, e = 'e'): RawBuilder<boolean> {
  const type = sql.ref(`${e}.source_type`);
  const id = sql.ref(`${e}.source_id`);
  return sql<boolean>`(
    (${type} = 'clue' AND EXISTS (SELECT 1 FROM clue cl WHERE cl.id = ${id} AND ${clueVisible(actor, 'cl')}))
    OR (${type} = 'case' AND EXISTS (SELECT 1 FROM case_file k WHERE k.id = ${id} AND ${caseVisible(actor, 'k')}))
    OR (${type} = 'supervision_finding' AND EXISTS (SELECT 1 FROM supervision_finding f JOIN supervision_item i ON i.id = f.item_id
          JOIN supervision_list l ON l.id = i.list_id WHERE f.id = ${id} AND ${itemVisible(actor)}))
    OR (${type} = 'inspection_finding' AND EXISTS (SELECT 1 FROM inspection_finding f JOIN inspection ins ON ins.id = f.inspection_id
          WHERE f.id = ${id} AND ${inspectionVisible(actor, 'ins')})))`;
}
