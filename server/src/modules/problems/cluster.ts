import { createHash } from 'node:crypto';
import type { Candidate, CandidateQuery } from '@liandong/domain/problems/contracts';
import { sql } from 'kysely';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { clueVisible } from '../visibility';
import { clusterDocuments } from './cluster-core';
import { findingVisible } from './evidence';

/** At most this many of the newest visible findings and clues are compared per request. */
const MAX_DOCS = 20_000;

interface DocRow {
  type: 'finding' | 'clue';
  id: string;
  title: string;
  body: string;
  ref: string | null;
  unit_id: string | null;
  unit_name: string | null;
  sector_code: string | null;
}

/**
 * GET /problems/candidates — clusters of similar findings and clues across units, proposed as systemic
 * problems for a person to confirm. Only objects the caller may see take part; objects already evidence of
 * a problem that is not dismissed are left out (a confirmed cluster does not come back). The read is audited.
 */
export async function candidates(ctx: Ctx, q: CandidateQuery): Promise<{ items: Candidate[]; considered: number }> {
  const sector = q.sector ? sql`AND x.sector_code = ${q.sector}` : sql``;
  const linked = (type: string, col: string) => sql`NOT EXISTS (SELECT 1 FROM problem_evidence pe JOIN problem pp ON pp.id = pe.problem_id
    WHERE pe.object_type = ${type} AND pe.object_id = ${sql.ref(col)} AND pp.state <> 'DISMISSED')`;
  const { rows } = await sql<DocRow>`SELECT * FROM (
      SELECT 'finding' AS type, f.id, f.description AS title, f.description AS body, NULL AS ref,
        COALESCE(f.host_unit_id, f.org_id) AS unit_id, o.name_zh AS unit_name, f.sector_code, f.created_at
      FROM supervision_finding f LEFT JOIN org o ON o.id = COALESCE(f.host_unit_id, f.org_id)
      WHERE ${findingVisible(ctx.actor)} AND ${linked('finding', 'f.id')}
      UNION ALL
      SELECT 'clue', clue.id, clue.title, clue.title || '。' || clue.summary, clue.clue_no, clue.subject_org_id, o.name_zh, clue.sector_code, clue.created_at
      FROM clue LEFT JOIN org o ON o.id = clue.subject_org_id
      WHERE ${clueVisible(ctx.actor, 'clue')} AND clue.state <> 'MERGED' AND ${linked('clue', 'clue.id')}
    ) x WHERE true ${sector}
    ORDER BY x.created_at DESC, x.id LIMIT ${MAX_DOCS}`.execute(ctx.db);
  const clusters = clusterDocuments(
    rows.map((r) => ({ key: `${r.type}:${r.id}`, text: r.body })),
    { threshold: q.threshold },
  );
  const items: Candidate[] = [];
  for (const c of clusters) {
    const members = c.members.map((i) => rows[i]!);
    const units = new Map<string, string>();
    for (const m of members) if (m.unit_id) units.set(m.unit_id, m.unit_name ?? '');
    if (units.size < q.minUnits) continue;
    const sectors = new Set(members.map((m) => m.sector_code).filter((s): s is string => !!s));
    items.push({
      key: createHash('sha1')
        .update(
          members
            .map((m) => `${m.type}:${m.id}`)
            .sort()
            .join(','),
        )
        .digest('hex')
        .slice(0, 16),
      keywords: c.keywords,
      members: members.map((m) => ({
        type: m.type,
        id: m.id,
        title: m.title,
        ref: m.ref,
        unit: m.unit_id ? { id: m.unit_id, name: m.unit_name ?? '' } : null,
      })),
      units: [...units].map(([id, name]) => ({ id, name })),
      memberCount: members.length,
      sector: sectors.size === 1 ? [...sectors][0]! : null,
    });
  }
  items.sort((a, b) => b.units.length - a.units.length || b.memberCount - a.memberCount || a.key.localeCompare(b.key));
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'problem.clustered',
      objectType: 'problem',
      payload: refs({ sector: q.sector ?? null, threshold: q.threshold, considered: rows.length, candidates: items.length }),
    }),
  );
  return { items, considered: rows.length };
}
