import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseVisible, clueVisible, letterVisible, reformVisible, taskVisible } from '../src/modules/visibility';
import type { Actor } from '../src/platform/access';
import { loadAccountActor } from '../src/platform/account-actor';
import { createTestApp, type TestApp } from './app';

/**
 * The derived-object walk (issue 8): an object derived from another — a reform or accountability record,
 * a notice, a search snippet, a related item, a number or title in any list or detail — is visible only
 * where its origin is. For one demo account of every role, every dispatched-group account and the accounts
 * placed where the side doors were found, every GET route that prints another object's number or title is walked: the ledgers, the
 * details of every object the ledgers list, the inbox, search, related clues and the dashboard. Every
 * clue, case, letter, reform record or rectification task whose number or title (the first 20 characters:
 * notices shorten titles) appears in a response must be one the same account may open through that
 * object's own predicate — the one its detail route applies (checked too: every listed object opens).
 */

/**
 * One account per role of docs/demo-accounts.md, every dispatched-group account (stationed in the units whose
 * cases they may not see), and the accounts placed where the side doors were found.
 */
function accounts(): string[] {
  const doc = readFileSync(path.join(__dirname, '../../docs/demo-accounts.md'), 'utf8');
  const rows = doc.split('\n').flatMap((l) => {
    const m = /^\| ([a-z0-9.]+) \| [^|]+ \| ([A-Z_, ]+) \|/.exec(l);
    return m ? [{ username: m[1]!, roles: m[2]!.split(',').map((r) => r.trim()) }] : [];
  });
  const picked = new Map<string, string>();
  for (const r of rows) for (const role of r.roles) if (!picked.has(role)) picked.set(role, r.username);
  const stationed = rows.filter((r) => r.roles.includes('GROUP_STAFF')).map((r) => r.username);
  const extra = ['dfzf.staff', 'sc8.director', 'jc3.staff', 'yz.county', 'yz.jjs1', 'edu.liaison', 'jc6.director', 'jc6.staff', 'jc1.staff'];
  return [...new Set([...picked.values(), ...stationed, ...extra])];
}

type Kind = 'clue' | 'case' | 'letter' | 'record' | 'task';
interface Known {
  kind: Kind;
  id: string;
}

const MIN_KEY = 6;
const PREFIX = 20;

let t: TestApp;
/** Number or title (prefix) → the objects carrying it. */
const keys = new Map<string, Known[]>();

beforeAll(async () => {
  t = await createTestApp();
  const add = (k: string | null, o: Known) => {
    if (!k) return;
    const key = k.length > PREFIX ? k.slice(0, PREFIX) : k;
    if (key.length < MIN_KEY) return;
    keys.set(key, [...(keys.get(key) ?? []), o]);
  };
  const { rows } = await sql<{ kind: Kind; id: string; no: string | null; title: string }>`
    SELECT 'clue' AS kind, id, clue_no AS no, title FROM clue
    UNION ALL SELECT 'case', id, case_no, title FROM case_file
    UNION ALL SELECT 'letter', id, doc_no, title FROM letter
    UNION ALL SELECT 'record', id, NULL, title FROM reform_record
    UNION ALL SELECT 'task', id, NULL, issue FROM rectification_task
    UNION ALL SELECT 'letter', letter_id, NULL, issue FROM rectification_task WHERE letter_id IS NOT NULL`.execute(t.db);
  for (const r of rows) {
    add(r.no, { kind: r.kind, id: r.id });
    add(r.title, { kind: r.kind, id: r.id });
  }
  // A task taken from a letter is worded as the letter's item (and often its facts): the letter's own text too.
  const items = await sql<{ id: string; text: string }>`SELECT ri.letter_id AS id, ri.text FROM letter_item ri`.execute(t.db);
  for (const i of items.rows) add(i.text, { kind: 'letter', id: i.id });
}, 120_000);
afterAll(() => t.close());

const actorOf = (username: string): Promise<Actor> => loadAccountActor(t.db, { username });

/** Ids of every object of each kind the actor may open, by the object's own predicate. */
async function visibleSet(actor: Actor): Promise<Set<string>> {
  const q = (table: string, pred: RawBuilder<boolean>) => sql<{ id: string }>`SELECT x.id FROM ${sql.table(table)} x WHERE ${pred}`.execute(t.db);
  const all = await Promise.all([
    q('clue', clueVisible(actor, 'x')),
    q('case_file', caseVisible(actor, 'x')),
    q('letter', letterVisible(actor, 'x')),
    q('reform_record', reformVisible(actor, 'x')),
    q('rectification_task', taskVisible(actor, 'x')),
  ]);
  return new Set(all.flatMap((r) => r.rows.map((x) => x.id)));
}

const LEDGERS: { url: string; detail?: (id: string) => string[] }[] = [
  { url: '/api/v1/clues?pageSize=100', detail: (id) => [`/api/v1/clues/${id}`, `/api/v1/clues/${id}/related`] },
  { url: '/api/v1/clues/overdue' },
  { url: '/api/v1/clue-requests?pageSize=100' },
  { url: '/api/v1/clue-meetings?pageSize=100', detail: (id) => [`/api/v1/clue-meetings/${id}`] },
  { url: '/api/v1/cases?pageSize=100', detail: (id) => [`/api/v1/cases/${id}`] },
  { url: '/api/v1/letters?pageSize=100', detail: (id) => [`/api/v1/letters/${id}`] },
  { url: '/api/v1/rectification-tasks?pageSize=100', detail: (id) => [`/api/v1/rectification-tasks/${id}`] },
  { url: '/api/v1/reform-records?pageSize=100', detail: (id) => [`/api/v1/reform-records/${id}`] },
  { url: '/api/v1/accountabilities?pageSize=100', detail: (id) => [`/api/v1/accountabilities/${id}`] },
  { url: '/api/v1/bulletins?pageSize=100' },
  { url: '/api/v1/interference-records?pageSize=100' },
  { url: '/api/v1/supervision/lists?pageSize=100', detail: (id) => [`/api/v1/supervision/lists/${id}`] },
  { url: '/api/v1/supervision/my-items?pageSize=100', detail: (id) => [`/api/v1/supervision/items/${id}`] },
  { url: '/api/v1/zone-activities?pageSize=100' },
  { url: '/api/v1/inbox?pageSize=100' },
  // 专项整治: the register and what a campaign shows of its linked objects (drill-down, bulletins, checks, self-inspection).
  {
    url: '/api/v1/campaigns?pageSize=100',
    detail: (id) => [
      `/api/v1/campaigns/${id}`,
      `/api/v1/campaigns/${id}/kpis`,
      `/api/v1/campaigns/${id}/links`,
      `/api/v1/campaigns/${id}/bulletins`,
      `/api/v1/campaigns/${id}/inspections`,
      `/api/v1/campaigns/${id}/self-inspection`,
      `/api/v1/campaigns/${id}/task-force`,
    ],
  },
  { url: '/api/v1/task-forces/mine' },
  { url: '/api/v1/casework/dashboard' },
  { url: '/api/v1/casework/dashboard?year=2026' },
  ...['银行', '问题', '违规', '樊某某', '兰纪案'].map((q) => ({ url: `/api/v1/casework/search?q=${encodeURIComponent(q)}&pageSize=50` })),
];

interface Leak {
  account: string;
  url: string;
  key: string;
}

async function walk(username: string): Promise<{ leaks: Leak[]; closedDetails: string[]; requests: number }> {
  const actor = await actorOf(username);
  const visible = await visibleSet(actor);
  const leaks: Leak[] = [];
  const closedDetails: string[] = [];
  let requests = 0;
  const check = (url: string, body: string) => {
    for (const [key, owners] of keys) {
      if (body.includes(key) && !owners.some((o) => visible.has(o.id))) leaks.push({ account: username, url, key });
    }
  };
  const get = async (url: string) => {
    requests++;
    const res = await t.request({ method: 'GET', url, as: username });
    if (res.statusCode === 200) check(url, res.body);
    return res;
  };
  await Promise.all(
    LEDGERS.map(async (l) => {
      const res = await get(l.url);
      if (res.statusCode !== 200 || !l.detail) return;
      const items = (res.json() as { items?: { id: string }[] }).items ?? [];
      for (const item of items) {
        for (const url of l.detail(item.id)) {
          const d = await get(url);
          if (d.statusCode !== 200) closedDetails.push(`${url} → ${d.statusCode}`);
        }
      }
    }),
  );
  return { leaks, closedDetails, requests };
}

describe('derived objects: nothing of an object reaches an account that cannot open it', () => {
  it('the walk has something to find: the bank case is known and hidden from the group stationed in the bank', async () => {
    expect(keys.has('兰纪案〔2026〕6号')).toBe(true);
    const bank = await t.db.selectFrom('case_file').select('id').where('case_no', '=', '兰纪案〔2026〕6号').executeTakeFirstOrThrow();
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${bank.id}`, as: 'fin.group' })).statusCode).toBe(404);
  });

  for (const username of accounts()) {
    it(`${username}: every number and title shown belongs to an object the account may open`, async () => {
      const { leaks, closedDetails, requests } = await walk(username);
      expect(requests).toBeGreaterThan(LEDGERS.length - 1);
      expect(closedDetails).toEqual([]);
      expect(leaks).toEqual([]);
    });
  }
});
