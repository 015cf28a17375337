import type { SimilarSuggestion } from '@liandong/domain/reform/contracts-reform';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { dateInZone } from '../../platform/zone';
import { caseVisible, reformVisible } from '../visibility';
import type { Q } from './repo';

/*
 * 类案分析 suggestions for a reform record, from the data: other cases and reform records concerning the
 * same unit, a unit under the same parent, or the same sector — only what the caller may see (the
 * visibility predicates of cases and reform records), nearest reason first, newest first. A case is of the
 * same sector by its own sector or by its reform record's, the record read only where the caller may open it
 * (`reformVisible`, as the record's detail): a reader recused from the record, or not cleared for it, but who
 * sees the case, learns nothing of the record's sector through the case's reason.
 */

export interface SimilarOf {
  id: string;
  caseId: string | null;
  unitOrgId: string;
  sector: string | null;
}

const LIMIT = 10;
type Reason = SimilarSuggestion['reason'];

export async function similarFor(db: Q, actor: Actor, r: SimilarOf): Promise<SimilarSuggestion[]> {
  const parent = sql`(SELECT parent_id FROM org WHERE id = ${r.unitOrgId}::uuid)`;
  const reason = (unitCol: string, sectorExpr: ReturnType<typeof sql>) => sql<Reason | null>`CASE
      WHEN ${sql.ref(unitCol)} = ${r.unitOrgId}::uuid THEN 'SAME_UNIT'
      WHEN ${parent} IS NOT NULL AND (SELECT parent_id FROM org WHERE id = ${sql.ref(unitCol)}) = ${parent} THEN 'SAME_PARENT'
      WHEN ${r.sector}::text IS NOT NULL AND ${sectorExpr} THEN 'SAME_SECTOR' END`;
  const cases = await sql<{
    id: string;
    title: string;
    case_no: string | null;
    unit_id: string | null;
    unit_name: string | null;
    at: string | null;
    reason: Reason;
  }>`
    SELECT * FROM (
      SELECT c.id, c.title, c.case_no, c.subject_org_id AS unit_id, o.name_zh AS unit_name, to_char(c.filed_on, 'YYYY-MM-DD') AS at,
             ${reason('c.subject_org_id', sql`c.sector_code = ${r.sector}::text OR EXISTS (SELECT 1 FROM reform_record sr WHERE sr.case_id = c.id AND sr.sector_code = ${r.sector}::text AND ${reformVisible(actor, 'sr')})`)} AS reason
        FROM case_file c LEFT JOIN org o ON o.id = c.subject_org_id
       WHERE ${caseVisible(actor, 'c')} AND c.id IS DISTINCT FROM ${r.caseId}::uuid) s
    WHERE s.reason IS NOT NULL
    ORDER BY array_position(ARRAY['SAME_UNIT','SAME_PARENT','SAME_SECTOR'], s.reason), s.at DESC NULLS LAST, s.id LIMIT ${LIMIT}`.execute(db);
  const records = await sql<{ id: string; title: string; unit_id: string; unit_name: string; at: Date; reason: Reason }>`
    SELECT * FROM (
      SELECT rr.id, rr.title, rr.unit_org_id AS unit_id, o.name_zh AS unit_name, rr.created_at AS at,
             ${reason('rr.unit_org_id', sql`rr.sector_code = ${r.sector}::text`)} AS reason
        FROM reform_record rr JOIN org o ON o.id = rr.unit_org_id
       WHERE ${reformVisible(actor, 'rr')} AND rr.id <> ${r.id}::uuid) s
    WHERE s.reason IS NOT NULL
    ORDER BY array_position(ARRAY['SAME_UNIT','SAME_PARENT','SAME_SECTOR'], s.reason), s.at DESC, s.id LIMIT ${LIMIT}`.execute(db);
  return [
    ...cases.rows.map(
      (c): SimilarSuggestion => ({
        kind: 'CASE',
        id: c.id,
        title: c.title,
        ref: c.case_no,
        unit: c.unit_id ? { id: c.unit_id, name: c.unit_name ?? '' } : null,
        reason: c.reason,
        at: c.at,
      }),
    ),
    ...records.rows.map(
      (x): SimilarSuggestion => ({
        kind: 'REFORM_RECORD',
        id: x.id,
        title: x.title,
        ref: null,
        unit: { id: x.unit_id, name: x.unit_name },
        reason: x.reason,
        at: dateInZone(new Date(x.at)),
      }),
    ),
  ];
}
