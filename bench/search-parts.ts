/**
 * How many of a keyed search walk's (column, org) parts have any row, per reader kind (issue 12, search's padding):
 * for up to `--n` accounts of each sample, the org scope's clues per receiving / undertaking / subject org and cases
 * per lead org.
 *
 *   npx tsx bench/search-parts.ts [--dir=/tmp/search-pg] [--n=5] [--kinds=group,office,county,leader]
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../server/src/db/types';
import { findAccountActor } from '../server/src/platform/account-actor';
import { arg, readSamples } from './kept-data-set';

const dir = arg('dir') ?? '/tmp/search-pg';
const n = Number(arg('n') ?? 5);
const kinds = (arg('kinds') ?? 'group,office,county,leader').split(',');
const samples = readSamples(dir);
const pool = new pg.Pool({ connectionString: samples.url, max: 1 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
for (const kind of kinds) {
  for (const s of (samples[kind] ?? []).slice(0, n)) {
    const actor = await findAccountActor(db as never, { userId: s.userId });
    if (!actor) continue;
    const orgs = actor.scope.wide ? [actor.orgId] : [...new Set(actor.scope.orgIds)];
    const { rows } = await pool.query<{ col: string; orgs: number }>(
      `SELECT col, count(*)::int AS orgs FROM (
         SELECT 'receiving' col, o FROM unnest($1::uuid[]) o WHERE EXISTS (SELECT 1 FROM clue c WHERE c.commission_id = $2 AND c.receiving_org_id = o)
         UNION ALL SELECT 'undertaking', o FROM unnest($1::uuid[]) o WHERE EXISTS (SELECT 1 FROM clue c WHERE c.commission_id = $2 AND c.undertaking_org_id = o)
         UNION ALL SELECT 'subject', o FROM unnest($1::uuid[]) o WHERE EXISTS (SELECT 1 FROM clue c WHERE c.commission_id = $2 AND c.subject_org_id = o)
         UNION ALL SELECT 'lead', o FROM unnest($1::uuid[]) o WHERE EXISTS (SELECT 1 FROM case_file k WHERE k.commission_id = $2 AND k.lead_org_id = o)) x GROUP BY col ORDER BY col`,
      [orgs, samples.commissionId],
    );
    console.log(`${kind} ${s.username} ${actor.scope.wide ? 'wide' : ''} ${orgs.length} orgs: ${rows.map((r) => `${r.col} ${r.orgs}`).join(', ')}`);
  }
}
await db.destroy();
