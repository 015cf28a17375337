import type pg from 'pg';

/**
 * What a backup covers: every table and sequence of the application schema `public` (business tables,
 * settings, attachments, the audit trail, the migration ledger).
 *
 * Not covered: the `pgboss` schema. It holds the job queue only: the cron schedules are registered
 * again on every start (platform/jobs.ts) and every job is idempotent, so a restored installation runs
 * its next reminders as usual; copying a queue's in-flight state into another server would only replay
 * or lose half-finished runs, and its layout belongs to the pg-boss version, not to our migrations.
 */
export const SCHEMA = 'public';
export const EXCLUDED = ['pgboss（任务队列，启动时重建 — job queue, rebuilt on start）'];

export interface TableInfo {
  name: string;
  /** Columns written and read by COPY (generated columns are left out: the target computes them). */
  columns: string[];
  /** ORDER BY of the canonical dump order (primary key, or the whole row), collation-independent. */
  orderBy: string;
}

/** A SQL identifier, quoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The tables of the schema, parents before children (foreign keys), with their copyable columns and
 * canonical order. A deterministic order makes the per-table checksum comparable after a restore.
 */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const tables = await client.query<{ name: string; columns: string[]; pk: string[] | null }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns,
            (SELECT array_agg(CASE WHEN pa.attcollation <> 0 THEN format('%I COLLATE "C"', pa.attname) ELSE format('%I', pa.attname) END
                              ORDER BY array_position(con.conkey, pa.attnum))
               FROM pg_constraint con JOIN pg_attribute pa ON pa.attrelid = con.conrelid AND pa.attnum = ANY (con.conkey)
              WHERE con.conrelid = c.oid AND con.contype = 'p') AS pk
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      GROUP BY c.oid, c.relname
      ORDER BY c.relname`,
    [SCHEMA],
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint con
       JOIN pg_class ch ON ch.oid = con.conrelid
       JOIN pg_class pa ON pa.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1 AND ch.oid <> pa.oid`,
    [SCHEMA],
  );
  const parents = new Map<string, Set<string>>();
  for (const e of edges.rows) {
    if (!parents.has(e.child)) parents.set(e.child, new Set());
    parents.get(e.child)!.add(e.parent);
  }
  const byName = new Map(tables.rows.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return; // done, or a cycle: restore runs with triggers off, so any order loads
    state.set(name, 'visiting');
    for (const p of [...(parents.get(name) ?? [])].sort()) if (byName.has(p)) visit(p);
    state.set(name, 'done');
    const t = byName.get(name)!;
    ordered.push({ name, columns: t.columns, orderBy: t.pk?.length ? t.pk.join(', ') : `t::text COLLATE "C"` });
  };
  for (const t of tables.rows) visit(t.name);
  return ordered;
}

/** The sequences of the schema (identity columns included). */
export async function listSequences(client: pg.ClientBase): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`,
    [SCHEMA],
  );
  return r.rows.map((x) => x.name);
}

/**
 * Session settings that fix the text form of every value, so the dump parses back identically on any
 * server and the checksums of source and target compare byte for byte.
 */
export const TEXT_SETTINGS = [
  "SET LOCAL client_encoding = 'UTF8'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL TimeZone = 'UTC'",
  'SET LOCAL extra_float_digits = 3',
  "SET LOCAL bytea_output = 'hex'",
];

/** The COPY that reads a table in canonical order (the same text on the source and after a restore). */
export function copyOutSql(t: TableInfo): string {
  const cols = t.columns.map((c) => `t.${ident(c)}`).join(', ');
  return `COPY (SELECT ${cols} FROM ${ident(SCHEMA)}.${ident(t.name)} t ORDER BY ${t.orderBy}) TO STDOUT`;
}

/** The COPY that loads a table from the archive. */
export function copyInSql(t: Pick<TableInfo, 'name' | 'columns'>): string {
  return `COPY ${ident(SCHEMA)}.${ident(t.name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`;
}
