import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Module faces (issue 9). Every folder of `server/src/modules/*` is a module and its `index.ts` is its face:
 * code outside the folder imports the module only through it, so a module can rearrange its files without
 * breaking anyone, and what it offers the rest of the server is listed in one place.
 *
 * Outside means every other module folder and every file that is in none: the module registry
 * `server/src/modules/index.ts`, `server/src/{platform,demo,cli,db}`, `app.ts`, `server.ts`, `server/test`,
 * `bench`, `e2e`, `scripts`. A module's own files import each other directly and never their own face (a
 * cycle through the face hands a half-initialised module to whoever asked first). Test code (`*.test.ts`,
 * a module's `fixtures.ts` / `test-helpers.ts`, `server/test`, `e2e`) may also import another module's
 * `fixtures` and `test-helpers`: they pull in vitest and never belong on a production face.
 *
 * Biome 2.6 `noRestrictedImports` matches import strings, not resolved files: "another module's file, but
 * not its index, unless you are that module" needs one override per module and cannot see cycles, so the
 * rule is this test. `node scripts/module-faces.mjs` moves offending imports onto the faces.
 */
const root = path.resolve(import.meta.dirname, '../..');
const modulesDir = path.join(root, 'server', 'src', 'modules');
const TEST_FACES = new Set(['fixtures', 'test-helpers']);
const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');

function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'results'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The module a file belongs to, or null for files outside every module folder (the registry included). */
function moduleOf(abs: string): string | null {
  const r = path.relative(modulesDir, abs);
  if (r.startsWith('..') || path.isAbsolute(r)) return null;
  const parts = r.split(path.sep);
  return parts.length > 1 ? parts[0]! : null;
}

const isFace = (abs: string) => moduleOf(abs) !== null && path.dirname(abs) === path.join(modulesDir, moduleOf(abs)!) && path.basename(abs) === 'index.ts';
const stem = (abs: string) => path.basename(abs).replace(/\.tsx?$/, '');

function isTestCode(abs: string): boolean {
  const r = rel(abs);
  return /\.(test|e2e)\.tsx?$/.test(r) || r.startsWith('server/test/') || r.startsWith('e2e/') || (moduleOf(abs) !== null && TEST_FACES.has(stem(abs)));
}

function resolveSpec(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const p = path.resolve(path.dirname(from), spec);
  for (const c of [p, `${p}.ts`, `${p}.tsx`, path.join(p, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

interface ImportRef {
  spec: string;
  line: number;
  /** Erased at compile time (`import type` / `export type`): no runtime edge. */
  typeOnly: boolean;
}

/** Static imports, re-exports, side-effect imports, dynamic `import()` and `vi.mock()` of a source text. */
function importsOf(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(/^(?:import|export)(\s+type)?\s+[^;'"]*?\s*from\s*(['"])([^'"\n]+)\2/gm)) {
    out.push({ spec: m[3]!, line: lineAt(m.index), typeOnly: Boolean(m[1]) });
  }
  for (const m of text.matchAll(/^import\s*(['"])([^'"\n]+)\1/gm)) out.push({ spec: m[2]!, line: lineAt(m.index), typeOnly: false });
  for (const m of text.matchAll(/\b(?:import|vi\.mock|vi\.doMock)\(\s*(['"])([^'"\n]+)\1/g)) out.push({ spec: m[2]!, line: lineAt(m.index), typeOnly: false });
  return out;
}

/** Why importing `target` from `file` breaks the rule, or null when it is allowed. */
function breach(file: string, target: string): string | null {
  const to = moduleOf(target);
  if (to === null) return null;
  const from = moduleOf(file);
  if (from === to) return isFace(target) && !isTestCode(file) ? `imports its own face (import the file itself)` : null;
  if (isFace(target)) return null;
  if (TEST_FACES.has(stem(target))) return isTestCode(file) ? null : `production code imports test support of module "${to}"`;
  return `reaches into module "${to}" past its index.ts`;
}

const SCANNED = ['server', 'bench', 'e2e', 'scripts'].flatMap((d) => sourceFiles(path.join(root, d)));
const TEXT = new Map(SCANNED.map((f) => [f, readFileSync(f, 'utf8')]));
const EDGES = new Map(
  SCANNED.map((f) => [
    f,
    importsOf(TEXT.get(f)!).flatMap((i) => {
      const target = resolveSpec(f, i.spec);
      return target ? [{ ...i, target }] : [];
    }),
  ]),
);

/** Strongly connected components of more than one node (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('module faces', () => {
  it('no import reaches into another module past its index.ts (file:line of each)', () => {
    const found: string[] = [];
    for (const [file, edges] of EDGES) {
      for (const e of edges) {
        const why = breach(file, e.target);
        if (why) found.push(`${rel(file)}:${e.line} '${e.spec}': ${why}`);
      }
    }
    expect(found, `run \`node scripts/module-faces.mjs && npx biome check --write .\`:\n${found.join('\n')}`).toEqual([]);
  });

  it('modules do not depend on each other in a cycle (production code, types included)', () => {
    const graph = new Map<string, Set<string>>();
    const where = new Map<string, string>();
    for (const [file, edges] of EDGES) {
      const from = moduleOf(file);
      if (from === null || isTestCode(file)) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      for (const e of edges) {
        const to = moduleOf(e.target);
        if (to === null || to === from) continue;
        graph.get(from)!.add(to);
        if (!where.has(`${from}>${to}`)) where.set(`${from}>${to}`, `${rel(file)}:${e.line}`);
      }
    }
    const found = cycles(graph).map((scc) => {
      const inside = [...where].filter(([k]) => scc.includes(k.split('>')[0]!) && scc.includes(k.split('>')[1]!));
      return `${scc.join(' ↔ ')}: ${inside.map(([k, w]) => `${k.replace('>', ' → ')} (${w})`).join(', ')}`;
    });
    expect(found).toEqual([]);
  });

  it('no runtime import cycle runs through a module face or across modules', () => {
    const graph = new Map<string, Set<string>>();
    for (const [file, edges] of EDGES) {
      if (!rel(file).startsWith('server/src/')) continue;
      graph.set(file, new Set(edges.filter((e) => !e.typeOnly).map((e) => e.target)));
    }
    const found = cycles(graph)
      .filter((scc) => scc.some(isFace) || new Set(scc.map(moduleOf)).size > 1)
      .map((scc) => scc.map(rel).join(' → '));
    expect(found).toEqual([]);
  });

  it('the rule tells a face from an internal file, and test support from production code', () => {
    const at = (p: string) => path.join(modulesDir, p);
    expect(breach(at('clues/transition.ts'), at('cases/filing.ts'))).toMatch(/module "cases" past its index/);
    expect(breach(at('clues/transition.ts'), at('cases/index.ts'))).toBeNull();
    expect(breach(at('cases/service-detail.ts'), at('cases/filing.ts'))).toBeNull();
    expect(breach(at('cases/service-detail.ts'), at('cases/index.ts'))).toMatch(/own face/);
    expect(breach(at('letters/scope.test.ts'), at('orgs/test-helpers.ts'))).toBeNull();
    expect(breach(at('letters/service-ledger.ts'), at('orgs/test-helpers.ts'))).toMatch(/test support/);
    expect(breach(path.join(root, 'server/src/platform/jobs.ts'), at('clues/reminders.ts'))).toMatch(/module "clues"/);
    expect(breach(path.join(root, 'bench/run.ts'), at('auth/index.ts'))).toBeNull();
    const text = "import type { A } from '../cases/filing';\nimport {\n  b,\n  c,\n} from '../reform/service-records';\nconst m = await import('../x/y');\n";
    expect(importsOf(text)).toEqual([
      { spec: '../cases/filing', line: 1, typeOnly: true },
      { spec: '../reform/service-records', line: 2, typeOnly: false },
      { spec: '../x/y', line: 6, typeOnly: false },
    ]);
  });
});
