import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Nothing outside the workflow kernel (server/src/platform/workflow.ts) writes the `state` of an object
 * that has a status machine, and no module writes a transition's event row by hand. Creating a row in
 * its initial state, with a first event from no state, is allowed. The scan is textual on purpose: it
 * catches a Kysely `.updateTable('clue').set({ state })`, a raw `UPDATE clue SET state = …` and an
 * `insertInto('clue_event')` with a `from_state`, wherever they are written.
 */

const ROOT = join(__dirname, '..', 'src');
const KERNEL = 'platform/workflow.ts';
/** Tables whose `state` column only the kernel writes. */
const MACHINE_TABLES = [
  'clue',
  'case_file',
  'letter',
  'supervision_item',
  'rectification_task',
  'reform_record',
  'campaign',
  'inspection',
  'self_inspection_response',
  'integrity_reply',
  'meeting',
  'meeting_decision',
  'information_share',
  'work_report',
  'problem',
  'integrity_file_request',
];
const EVENT_TABLES = [
  'clue_event',
  'case_event',
  'letter_event',
  'supervision_item_event',
  'campaign_event',
  'inspection_event',
  'self_inspection_event',
  'integrity_reply_event',
  'meeting_event',
  'meeting_decision_event',
  'information_share_event',
  'work_report_event',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Every state write or transition event written outside the kernel, as `file:line what`. */
export function stateWritesIn(file: string, text: string): string[] {
  const found: string[] = [];
  const tables = MACHINE_TABLES.join('|');
  // Kysely: .updateTable('clue') … .set({ … state … }) … up to the statement's end.
  for (const m of text.matchAll(new RegExp(`\\.updateTable\\(\\s*['"](${tables})['"]\\s*\\)`, 'g'))) {
    const rest = text.slice(m.index, text.indexOf('.execute', m.index) >>> 0 || undefined);
    if (/[{,]\s*state\s*[:,}]/.test(rest)) found.push(`${file}:${lineOf(text, m.index)} writes ${m[1]}.state`);
  }
  // Indirect: a column map built first (`changed.state = b.state`) and passed to .set() later.
  // (A JavaScript statement, not a SQL comparison such as `WHERE c.state = ANY(…)` inside a template.)
  for (const m of text.matchAll(/(?:^|[;{])\s*(?:if\s*\(.*\)\s*)?(\w+)(?:\.state|\[['"]state['"]\])\s*=(?![=>])/gm)) {
    found.push(`${file}:${lineOf(text, m.index)} assigns ${m[1]}.state`);
  }
  // Raw SQL: UPDATE clue … SET … state = …
  for (const m of text.matchAll(new RegExp(`UPDATE\\s+(${tables})\\b[^;\`]*?\\bSET\\b[^;\`]*?[\\s,]state\\s*=`, 'gi'))) {
    found.push(`${file}:${lineOf(text, m.index)} writes ${m[1]}.state in SQL`);
  }
  // A transition's event row: from_state set to something other than null.
  for (const m of text.matchAll(new RegExp(`\\.insertInto\\(\\s*['"](${EVENT_TABLES.join('|')})['"]\\s*\\)`, 'g'))) {
    const rest = text.slice(m.index, text.indexOf('.execute', m.index) >>> 0 || undefined);
    const from = /from_state\s*:\s*([^,\n}]+)/.exec(rest);
    if (from && from[1]!.trim() !== 'null') found.push(`${file}:${lineOf(text, m.index)} writes a ${m[1]} transition by hand`);
  }
  return found;
}

describe('state writes', () => {
  it('only the workflow kernel writes the state of a machine’s object or its transition events', () => {
    const found = sources(ROOT)
      .map((p) => [relative(ROOT, p).replaceAll('\\', '/'), p] as const)
      .filter(([rel]) => rel !== KERNEL)
      .flatMap(([rel, p]) => stateWritesIn(rel, readFileSync(p, 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches each way of writing a state by hand (the scan itself can fail)', () => {
    const hand = [
      "await trx.updateTable('clue').set({ state: to, version }).where('id', '=', id).execute();",
      "await trx.updateTable('case_file')\n  .set({ ...set, state })\n  .execute();",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanned text is source code holding a template
      'await sql`UPDATE rectification_task SET version = version + 1, state = ${to} WHERE id = ${id}`.execute(trx);',
      "await trx.insertInto('clue_event').values({ clue_id: id, action, from_state: clue.state, to_state: to }).execute();",
      'if (b.state !== r.state) changed.state = b.state;',
    ];
    expect(hand.map((t, i) => stateWritesIn(`x${i}.ts`, t).length)).toEqual([1, 1, 1, 1, 1]);
    const allowed = [
      "await trx.updateTable('clue').set({ title, version }).execute();",
      "await trx.insertInto('case_event').values({ case_id: id, action: 'proposed', from_state: null, to_state: 'FILING_PROPOSED' }).execute();",
      "await trx.updateTable('clue_request').set({ status: 'WITHDRAWN' }).execute();",
      "if (row.state === 'CLOSED' || b.state !== r.state) throw conflict();",
    ];
    expect(allowed.flatMap((t, i) => stateWritesIn(`y${i}.ts`, t))).toEqual([]);
  });
});
