/**
 * What `npm run bench` measures: the endpoints (real path, bare path, account sample, how to count the
 * rows an answer carries) and the probe that checks every account of a sample gets 200 before a timed run.
 */
import { BENCH_SEARCH_Q, BENCH_SEARCH_WORDS } from './casework-query';
import type { SampleKind, SessionSample } from './generate';
import { SELF_BENCH_CAMPAIGN } from './self-inspection';

export interface Endpoint {
  name: string;
  realPath: string;
  barePath: string;
  sample: SampleKind;
  /** Only the bare route exists (a reference the real endpoint is compared with). */
  bareOnly?: boolean;
  /** A path per account (`:letter` in realPath, `&id=` on the bare side: the account's own issued letter). */
  perLetter?: boolean;
  /** The answer is a file: rows = its size in KiB. */
  binary?: boolean;
  /**
   * Measured after 信息互通 grants are added (bench/generate-shares.ts; listed last): 'others' — 10,000 grants to
   * orgs other than the measured accounts'; 'own' — then also as many per org to the measured accounts' orgs.
   */
  afterGrants?: 'others' | 'own';
  /** A figure of the issue-12 ledger sweep: which ledger (`LEDGERS`) for which sample. */
  ledger?: { key: LedgerKey; sample: LedgerSample };
  /** Rows the endpoint's main query returned, and the size of the account's scope, from a response body. */
  rows(body: unknown): { rows: number; scope: number };
}

interface MeBody {
  scope: { orgCount: number };
}
interface ListBody {
  items?: unknown[];
  total?: number;
}

const meRows = (body: unknown) => {
  const n = (body as MeBody).scope.orgCount;
  return { rows: n, scope: n };
};
const fileRows = (body: unknown) => ({ rows: Math.round(((body as ArrayBuffer).byteLength / 1024) * 10) / 10, scope: 0 });
const listRows = (body: unknown) => {
  const b = body as ListBody;
  const items = Array.isArray(body) ? body : (b.items ?? []);
  return { rows: items.length, scope: b.total ?? Number.NaN };
};

/** The samples of the issue-12 ledger sweep and how figures name them. */
export const LEDGER_SAMPLES = {
  group: 'group staff',
  office: 'office staff',
  county: 'county staff',
  leader: 'leaders',
} as const satisfies Partial<Record<SampleKind, string>>;
export type LedgerSample = keyof typeof LEDGER_SAMPLES;

/**
 * Issue 12: `/me` and every ledger, each opened as its screen opens it (first page, default sort and filters). The
 * bare routes call the same data functions with the schema's defaults (bench/ledgers-bare.ts and the others).
 * Leaders lead and assist no supervision item themselves: their my-items figure is the 分管 scope (`role=scope`).
 */
export const LEDGERS = {
  me: { route: 'GET /api/v1/me', realPath: '/api/v1/me', barePath: '/bare/me', rows: meRows },
  clues: { route: 'GET /api/v1/clues', realPath: '/api/v1/clues?pageSize=20', barePath: '/bare/clues', rows: listRows },
  cases: { route: 'GET /api/v1/cases', realPath: '/api/v1/cases', barePath: '/bare/cases', rows: listRows },
  letters: { route: 'GET /api/v1/letters', realPath: '/api/v1/letters', barePath: '/bare/letters', rows: listRows },
  tasks: { route: 'GET /api/v1/rectification-tasks', realPath: '/api/v1/rectification-tasks', barePath: '/bare/tasks', rows: listRows },
  items: {
    route: 'GET /api/v1/supervision/my-items',
    realPath: '/api/v1/supervision/my-items?role=all&pageSize=20',
    barePath: '/bare/my-items',
    rows: listRows,
  },
  records: { route: 'GET /api/v1/reform-records', realPath: '/api/v1/reform-records', barePath: '/bare/reform-records', rows: listRows },
} as const;
export type LedgerKey = keyof typeof LEDGERS;

/** The figure name of a ledger for a sample, e.g. `GET /api/v1/cases (county staff)`. */
export const ledgerFigureName = (key: LedgerKey, sample: LedgerSample) => `${LEDGERS[key].route} (${LEDGER_SAMPLES[sample]})`;

const LEDGER_ENDPOINTS: Endpoint[] = (Object.keys(LEDGER_SAMPLES) as LedgerSample[]).flatMap((sample) =>
  (Object.keys(LEDGERS) as LedgerKey[]).map((key): Endpoint => {
    const l = LEDGERS[key];
    const scope = key === 'items' && sample === 'leader';
    return {
      name: ledgerFigureName(key, sample),
      realPath: scope ? '/api/v1/supervision/my-items?role=scope&pageSize=20' : l.realPath,
      barePath: scope ? '/bare/my-items/scope' : l.barePath,
      sample,
      ledger: { key, sample },
      rows: l.rows,
    };
  }),
);

/** The clue ledger measured again just before the 信息互通 grants are added: the grants figures' reference (bench/goals.ts). */
export const GRANTS_REFERENCE = 'GET /api/v1/clues (group staff, before the grants are added: their reference)';

export const ENDPOINTS: Endpoint[] = [
  // issue 12: /me and the ledgers for group, office, county and leader samples, first (next to the floor)
  ...LEDGER_ENDPOINTS,
  { name: 'GET /api/v1/orgs', realPath: '/api/v1/orgs?pageSize=50', barePath: '/bare/orgs', sample: 'group', rows: listRows },
  { name: 'GET /api/v1/orgs (mixed roles)', realPath: '/api/v1/orgs?pageSize=50', barePath: '/bare/orgs', sample: 'mixed', rows: listRows },
  {
    name: 'GET /api/v1/supervision/matrix (one year)',
    realPath: '/api/v1/supervision/matrix?year=2026',
    barePath: '/bare/matrix',
    sample: 'coordinator',
    rows: (body: unknown) => ({ rows: (body as { cells: unknown[] }).cells.length, scope: 0 }),
  },
  // issue 4: full-text search against an unindexed ILIKE scan, the dashboard (the clue ledger is in the sweep above)
  {
    name: 'GET /api/v1/casework/search (group staff)',
    realPath: `/api/v1/casework/search?q=${encodeURIComponent(BENCH_SEARCH_Q)}`,
    barePath: '/bare/search',
    sample: 'group',
    rows: listRows,
  },
  {
    name: 'GET /api/v1/casework/search (mixed roles)',
    realPath: `/api/v1/casework/search?q=${encodeURIComponent(BENCH_SEARCH_Q)}`,
    barePath: '/bare/search',
    sample: 'mixed',
    rows: listRows,
  },
  { name: 'search as ILIKE scan, no index (group staff)', realPath: '', barePath: '/bare/search-ilike', sample: 'group', bareOnly: true, rows: listRows },
  // issue 12: a rare word (冷库, one clue in 997) and a common one (问题, every clue), each against its ILIKE scan
  ...(['rare', 'common'] as const).flatMap((w): Endpoint[] => [
    {
      name: `GET /api/v1/casework/search (group staff, ${w} word)`,
      realPath: `/api/v1/casework/search?q=${encodeURIComponent(BENCH_SEARCH_WORDS[w].q)}`,
      barePath: `/bare/search/${w}`,
      sample: 'group',
      rows: listRows,
    },
    {
      name: `search as ILIKE scan, no index (group staff, ${w} word)`,
      realPath: '',
      barePath: `/bare/search-ilike/${w}`,
      sample: 'group',
      bareOnly: true,
      rows: listRows,
    },
  ]),
  {
    name: 'GET /api/v1/casework/dashboard (mixed roles)',
    realPath: '/api/v1/casework/dashboard?year=2026',
    barePath: '/bare/casework-dashboard',
    sample: 'mixed',
    rows: (body: unknown) => {
      const n = (body as { intake: { total: number } }).intake.total;
      return { rows: n, scope: n };
    },
  },
  // issue 5: a letter's DOCX rendered on demand by its issuing office (vs. the same bytes from memory); the letter ledger is in the sweep
  {
    name: 'GET /api/v1/letters/:id/document.docx',
    realPath: '/api/v1/letters/:letter/document.docx',
    barePath: '/bare/letter-docx',
    sample: 'issuer',
    perLetter: true,
    binary: true,
    rows: fileRows,
  },
  {
    name: 'same DOCX served from memory (no SQL, no rendering)',
    realPath: '',
    barePath: '/bare/letter-docx-static',
    sample: 'issuer',
    perLetter: true,
    binary: true,
    bareOnly: true,
    rows: fileRows,
  },
  // issue 10: one campaign's KPIs aggregated over its 20,000 linked clues, their cases, tasks and records
  {
    name: 'GET /api/v1/campaigns/:id/kpis (lead office)',
    realPath: '/api/v1/campaigns/:campaign/kpis',
    barePath: '/bare/campaign-kpis',
    sample: 'coordinator',
    rows: (body: unknown) => {
      const groups = (body as { groups: { key: string; figures: { key: string; value: number }[] }[] }).groups;
      const n = groups.find((g) => g.key === 'clues')?.figures.find((f) => f.key === 'screened')?.value ?? 0;
      return { rows: n, scope: n };
    },
  },
  {
    name: 'campaign KPIs computed on every request (no cache)',
    realPath: '',
    barePath: '/bare/campaign-kpis-uncached',
    sample: 'coordinator',
    bareOnly: true,
    rows: (body: unknown) => {
      const groups = (body as { groups: { key: string; figures: { key: string; value: number }[] }[] }).groups;
      const n = groups.find((g) => g.key === 'clues')?.figures.find((f) => f.key === 'screened')?.value ?? 0;
      return { rows: n, scope: n };
    },
  },
  // issue 10: the 专班's unit × aspect matrix of 自查自纠 (500 units × 8 aspects × 12 rounds), first 50 units of the latest round
  {
    name: 'GET /api/v1/campaigns/:id/self-inspection/matrix (lead office)',
    realPath: `/api/v1/campaigns/${SELF_BENCH_CAMPAIGN}/self-inspection/matrix?pageSize=50`,
    barePath: '/bare/self-inspection-matrix',
    sample: 'coordinator',
    rows: (body: unknown) => {
      const b = body as { items: unknown[]; total: number };
      return { rows: b.items.length, scope: b.total };
    },
  },
  {
    name: 'GET /api/v1/campaigns/:id/kpis (self-inspection campaign)',
    realPath: `/api/v1/campaigns/${SELF_BENCH_CAMPAIGN}/kpis`,
    barePath: '/bare/self-inspection-kpis',
    sample: 'coordinator',
    rows: (body: unknown) => {
      const groups = (body as { groups: { key: string; figures: { key: string; value: number }[] }[] }).groups;
      const n = groups.find((g) => g.key === 'selfInspection')?.figures.find((f) => f.key === 'targetUnits')?.value ?? 0;
      return { rows: n, scope: n };
    },
  },
  {
    name: 'self-inspection matrix computed on every request (no cache)',
    realPath: '',
    barePath: '/bare/self-inspection-matrix-uncached',
    sample: 'coordinator',
    bareOnly: true,
    rows: (body: unknown) => {
      const b = body as { items: unknown[]; total: number };
      return { rows: b.items.length, scope: b.total };
    },
  },
  // issue 11: the same clue ledger once 10,000 信息互通 grants are in force elsewhere in the commission (the grant
  // arms of clueVisible must cost the reader nothing), and once the readers' own orgs hold grants too (their scope grows);
  // first the ledger again without them, right before, as their reference (GRANTS_REFERENCE): the sweep's own clue figure
  // is measured ten minutes earlier, and the host's speed drifts by more than the 10 % the goal allows.
  {
    name: GRANTS_REFERENCE,
    realPath: '/api/v1/clues?pageSize=20',
    barePath: '/bare/clues',
    sample: 'group',
    rows: listRows,
  },
  {
    name: 'GET /api/v1/clues (group staff, 10,000 grants to other orgs)',
    realPath: '/api/v1/clues?pageSize=20',
    barePath: '/bare/clues',
    sample: 'group',
    afterGrants: 'others',
    rows: listRows,
  },
  {
    name: 'GET /api/v1/clues (group staff, their orgs holding grants too)',
    realPath: '/api/v1/clues?pageSize=20',
    barePath: '/bare/clues',
    sample: 'group',
    afterGrants: 'own',
    rows: listRows,
  },
];

/** One pass over the sample, eight at a time: every account must get 200; returns mean rows/scope. */
export interface Probe {
  status: number;
  body?: string;
  rows?: number;
  scope?: number;
  scopes?: Map<string, number>;
  /** Accounts asked (fewer than the sample when the deadline came first). */
  probed?: number;
}

export async function probe(
  baseUrl: string,
  sample: SessionSample[],
  request: (s: SessionSample) => { path: string; headers: Record<string, string> },
  rows: Endpoint['rows'],
  binary = false,
  /** Stop asking further accounts after this many ms (an endpoint taking seconds per request would stretch the run). */
  deadlineMs = Number.POSITIVE_INFINITY,
): Promise<Probe> {
  let sumRows = 0;
  let sumScope = 0;
  const scopes = new Map<string, number>();
  let failed: Probe | undefined;
  let next = 0;
  let probed = 0;
  const until = performance.now() + deadlineMs;
  // Eight at a time: quick enough at full scale, and a first look at the server under concurrency.
  const worker = async () => {
    while (!failed && next < sample.length && (probed === 0 || performance.now() < until)) {
      const s = sample[next++]!;
      const r = request(s);
      const res = await fetch(`${baseUrl}${r.path}`, { headers: r.headers });
      if (res.status !== 200) {
        failed = { status: res.status, body: (await res.text()).slice(0, 500) };
        return;
      }
      const counted = rows(binary ? await res.arrayBuffer() : await res.json());
      sumRows += counted.rows;
      sumScope += counted.scope;
      scopes.set(s.userId, counted.scope);
      probed++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failed) return failed;
  const avg = (v: number) => Math.round((v / Math.max(probed, 1)) * 10) / 10;
  return { status: 200, rows: avg(sumRows), scope: avg(sumScope), scopes, probed };
}
