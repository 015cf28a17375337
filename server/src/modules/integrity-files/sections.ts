import type { FileSection } from '@liandong/domain/integrity-files/contracts';
import type { IntegritySection } from '@liandong/domain/integrity-files/enums';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { issuedOpinionsFor } from '../integrity';
import { caseVisible, clueVisible } from '../visibility';
import type { Q } from './access';

/*
 * The sections of a file as one reader reads them. The custodian's entries are stored; the other three are
 * read now from where they live:
 * - 党风廉政意见回复: the issued replies' conclusions on the cadre (the integrity module's face);
 * - 问题线索及处置、案件: clues and cases naming the cadre, each through its own visibility predicate for the
 *   READER (clueVisible, caseVisible) — an approval to read the file is no side door into a clue or case the
 *   reader may not open; what is hidden leaves no line and no count;
 * - 谈话函询结果: the inquiries whose results were filed to the file (存入廉政档案 on the 谈话函询 report,
 *   clue_inquiry.filed_to_integrity_file). Filing made the result part of the file; the clue it answered is
 *   named only when the reader may open that clue.
 */

interface EntryRow {
  id: string;
  section: FileSection['entries'][number]['section'];
  year: number | null;
  title: string;
  content: string;
  recorded_on: string | null;
  updated_by: string;
  updated_at: Date;
  version: number;
}

export interface PersonRef {
  id: string;
  name_zh: string;
  unit_id: string | null;
}

/** The cadre's clues and cases the reader may open (name + unit matches count when no person link was made). */
async function historyOf(db: Q, actor: Actor, p: PersonRef): Promise<FileSection['history']> {
  const names = (t: string) =>
    sql`(${sql.ref(`${t}.subject_person_id`)} = ${p.id}::uuid OR (${sql.ref(`${t}.subject_person_id`)} IS NULL
      AND ${sql.ref(`${t}.subject_name`)} = ${p.name_zh} AND ${sql.ref(`${t}.subject_org_id`)} IS NOT DISTINCT FROM ${p.unit_id}::uuid))`;
  const { rows } = await sql<{ kind: 'clue' | 'case'; id: string; ref_no: string | null; title: string; state: string; happened_on: string | null }>`
    SELECT 'clue' AS kind, cl.id, cl.clue_no AS ref_no, cl.title, cl.state, to_char(cl.received_on, 'YYYY-MM-DD') AS happened_on
      FROM clue cl WHERE cl.commission_id = ${actor.commissionId}::uuid AND ${names('cl')} AND ${clueVisible(actor, 'cl')}
    UNION ALL
    SELECT 'case', k.id, k.case_no, k.title, k.state, to_char(k.filed_on, 'YYYY-MM-DD')
      FROM case_file k WHERE k.commission_id = ${actor.commissionId}::uuid AND ${names('k')} AND ${caseVisible(actor, 'k')}
    ORDER BY happened_on DESC NULLS LAST, id`.execute(db);
  return rows.map((r) => ({ kind: r.kind, id: r.id, refNo: r.ref_no, title: r.title, state: r.state, on: r.happened_on }));
}

/** The 谈话函询 results filed to the cadre's file. */
async function inquiriesOf(db: Q, actor: Actor, p: PersonRef): Promise<FileSection['inquiries']> {
  const { rows } = await sql<{
    id: string;
    form: string;
    outcome: string | null;
    measure: string | null;
    reported_on: string | null;
    clue_id: string;
    clue_no: string | null;
    clue_open: boolean;
  }>`SELECT i.id, i.form, i.outcome, i.first_form_measure AS measure, to_char(i.reported_on, 'YYYY-MM-DD') AS reported_on,
      cl.id AS clue_id, cl.clue_no, ${clueVisible(actor, 'cl')} AS clue_open
    FROM clue_inquiry i JOIN clue cl ON cl.id = i.clue_id
    WHERE i.commission_id = ${actor.commissionId}::uuid AND i.filed_to_integrity_file
      AND (cl.subject_person_id = ${p.id}::uuid OR (cl.subject_person_id IS NULL AND cl.subject_name = ${p.name_zh}
        AND cl.subject_org_id IS NOT DISTINCT FROM ${p.unit_id}::uuid))
    ORDER BY i.reported_on DESC NULLS LAST, i.id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    form: r.form,
    outcome: r.outcome,
    measure: r.measure,
    reportedOn: r.reported_on,
    clue: r.clue_open ? { id: r.clue_id, clueNo: r.clue_no } : null,
  }));
}

/** The requested sections of the file as the reader reads them, in the order of b.6. */
export async function readSections(db: Q, actor: Actor, fileId: string, p: PersonRef, sections: readonly IntegritySection[]): Promise<FileSection[]> {
  const want = new Set(sections);
  const entries = (await db
    .selectFrom('integrity_file_entry as e')
    .innerJoin('app_user as u', 'u.id', 'e.updated_by')
    .select(['e.id', 'e.section', 'e.year', 'e.title', 'e.content', 'e.updated_at', 'e.version', 'u.display_name as updated_by'])
    .select(sql<string | null>`to_char(e.recorded_on, 'YYYY-MM-DD')`.as('recorded_on'))
    .where('e.file_id', '=', fileId)
    .where('e.section', 'in', [...want])
    .orderBy('e.section')
    .orderBy(sql`e.year DESC NULLS LAST`)
    .orderBy(sql`e.recorded_on DESC NULLS LAST`)
    .orderBy('e.created_at')
    .execute()) as EntryRow[];
  const opinions = want.has('INTEGRITY_OPINIONS') ? await issuedOpinionsFor(db, actor.commissionId, p.id) : [];
  const history = want.has('CLUES_CASES') ? await historyOf(db, actor, p) : [];
  const inquiries = want.has('TALK_INQUIRIES') ? await inquiriesOf(db, actor, p) : [];
  return sections.map((section) => ({
    section,
    entries: entries
      .filter((e) => e.section === section)
      .map((e) => ({
        id: e.id,
        section: e.section,
        year: e.year,
        title: e.title,
        content: e.content,
        recordedOn: e.recorded_on,
        updatedBy: e.updated_by,
        updatedAt: e.updated_at.toISOString(),
        version: e.version,
      })),
    opinions:
      section === 'INTEGRITY_OPINIONS'
        ? opinions.map((o) => ({ requestingOrg: o.requesting_org, docNo: o.doc_no, issuedOn: o.issued_on, conclusion: o.conclusion, opinion: o.opinion }))
        : [],
    history: section === 'CLUES_CASES' ? history : [],
    inquiries: section === 'TALK_INQUIRIES' ? inquiries : [],
  }));
}
