// Module faces (issue 9). Every folder of `server/src/modules/*` is a module; its `index.ts` is its face:
// the only file of the folder that code outside the folder may import. This codemod, run from anywhere in
// the repository:
//   node scripts/module-faces.mjs           rewrite imports that reach into another module's file so they go
//                                           through that module's face, adding the names to the face
//   node scripts/module-faces.mjs --check   list them (file:line) and exit 1 when there are any; changes nothing
//   node scripts/module-faces.mjs --graph   print the module dependency graph and its cycles
// It is idempotent: a second run finds nothing to do and writes nothing. Afterwards run
// `npx biome check --write .` (merged imports may exceed the line width). The rule it enforces is tested in
// `server/test/module-faces.test.ts`, which says the same in prose:
// - Who counts as "outside": every other module folder, and every file not in a module folder — the module
//   registry `server/src/modules/index.ts`, `server/src/{platform,demo,cli,db}`, `app.ts`, `server.ts`,
//   `server/test`, `bench`, `e2e`, `scripts`.
// - Inside its own folder a module imports its files directly, never its own face (an import cycle through
//   the face would evaluate a half-initialised module).
// - Test code (`*.test.ts`, `*.e2e.ts`, a module's `fixtures.ts` / `test-helpers.ts`, `server/test/**`,
//   `e2e/**`) may also import another module's `fixtures` and `test-helpers`: those pull in vitest and never
//   belong on a production face.
// Forms it cannot rewrite (namespace, default or side-effect imports of another module's file, or a
// production file importing another module's fixtures) and module-level dependency cycles are listed and
// make it exit 1: those need a hand (move the shared piece down, as `modules/visibility` was).
// Files moved on the way (RELOCATED below) are followed: an import still naming the old place is pointed at
// the new one first, so branches written before the move merge cleanly.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const modulesDir = path.join(root, 'server', 'src', 'modules');
const SCAN = ['server', 'bench', 'e2e', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'results', 'test-results', '.git']);
const TEST_FACES = new Set(['fixtures', 'test-helpers']);
const posix = (p) => p.split(path.sep).join('/');
/**
 * Files moved to break the module cycles (issue 9): an import that still names the old place — written on a
 * branch older than the move — is pointed at the new one before the faces are applied. Paths from the
 * repository root, without `.ts`.
 */
const RELOCATED = new Map([
  // Who sees which clue, case, letter, task, reform and accountability record: below clues, cases, reform.
  ['server/src/modules/cases/visibility', 'server/src/modules/visibility/cases'],
  ['server/src/modules/clues/visibility', 'server/src/modules/visibility/clues'],
  ['server/src/modules/reform/visibility', 'server/src/modules/visibility/reform'],
  // The blob store and the evidence check: below every module that stores or cites a file.
  ['server/src/modules/attachments/store', 'server/src/platform/attachments/store'],
  ['server/src/modules/attachments/evidence', 'server/src/platform/attachments/evidence'],
]);
const rel = (p) => posix(path.relative(root, p));

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The module a path lies in (its folder name under server/src/modules), or null outside any module. */
function moduleOf(abs) {
  const r = path.relative(modulesDir, abs);
  if (r.startsWith('..') || path.isAbsolute(r)) return null;
  const parts = r.split(path.sep);
  return parts.length > 1 ? parts[0] : null;
}

function isTestCode(abs) {
  const r = rel(abs);
  const base = path.basename(abs).replace(/\.[^.]+$/, '');
  return /\.(test|e2e)\.tsx?$/.test(abs) || r.startsWith('server/test/') || r.startsWith('e2e/') || (moduleOf(abs) !== null && TEST_FACES.has(base));
}

/** Resolves a relative specifier the way TypeScript's "Bundler" resolution does for this repository. */
function resolve(fromFile, spec) {
  if (!spec.startsWith('.')) return null;
  const p = path.resolve(path.dirname(fromFile), spec);
  for (const c of [p, `${p}.ts`, `${p}.tsx`, path.join(p, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  // A module folder whose face does not exist yet (this run creates it).
  if (existsSync(p) && statSync(p).isDirectory() && moduleOf(path.join(p, 'index.ts')) !== null) return path.join(p, 'index.ts');
  return null;
}

const DECL = /^(import|export)([ \t]+type)?[ \t]+([^;'"]*?)[ \t\n]*from[ \t]*(['"])([^'"\n]+)\4;?[ \t]*(\n|$)/gm;
const SIDE_EFFECT = /^import[ \t]*(['"])([^'"\n]+)\1;?/gm;
const DYNAMIC = /\b(?:import|vi\.mock|vi\.doMock)\(\s*(['"])([^'"\n]+)\1/g;
const lineAt = (text, index) => text.slice(0, index).split('\n').length;

/** Named specifiers of `{ a, type b, c as d }`, or null when the clause is not a plain named list. */
function parseNamed(clause, wholeIsType) {
  const m = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!m) return null;
  const out = [];
  for (const raw of m[1].split(',')) {
    const s = raw.trim();
    if (!s) continue;
    const n = /^(type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
    if (!n) return null;
    out.push({ name: n[2], alias: n[3] ?? null, type: wholeIsType || Boolean(n[1]) });
  }
  return out;
}

/** Every static import/export-from declaration of a file, with where it points. */
function declarations(file, text) {
  const out = [];
  for (const m of text.matchAll(DECL)) {
    const target = resolve(file, m[5]);
    out.push({
      kind: m[1],
      wholeType: Boolean(m[2]),
      clause: m[3],
      spec: m[5],
      start: m.index,
      end: m.index + m[0].length,
      line: lineAt(text, m.index),
      target,
      named: parseNamed(m[3], Boolean(m[2])),
    });
  }
  return out;
}

/** What an import from `file` into `target` breaks, or null when it is allowed. */
function breach(file, target) {
  const to = moduleOf(target);
  if (to === null) return null;
  const from = moduleOf(file);
  const inner = posix(path.relative(path.join(modulesDir, to), target));
  const isFace = inner === 'index.ts';
  if (from === to) return isFace && !isTestCode(file) ? 'own-face' : null;
  if (isFace) return null;
  if (TEST_FACES.has(path.basename(inner).replace(/\.[^.]+$/, ''))) return isTestCode(file) ? null : 'test-face-in-production';
  return 'internal';
}

/** Every breach of the rule in the repository, as `{ file, line, spec, reason }`. */
export function findBreaches() {
  const out = [];
  for (const file of SCAN.flatMap((d) => walk(path.join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    for (const d of declarations(file, text)) {
      const reason = d.target && breach(file, d.target);
      if (reason) out.push({ file, line: d.line, spec: d.spec, reason, decl: d });
    }
    for (const re of [SIDE_EFFECT, DYNAMIC]) {
      for (const m of text.matchAll(re)) {
        const target = resolve(file, m[2]);
        const reason = target && breach(file, target);
        if (reason) out.push({ file, line: lineAt(text, m.index), spec: m[2], reason: reason === 'internal' ? 'dynamic-or-side-effect' : reason });
      }
    }
  }
  return out;
}

/** Points imports of moved files at their new place; returns how many it changed. */
function relocate(file) {
  const text = readFileSync(file, 'utf8');
  let out = text;
  let n = 0;
  for (const re of [DECL, SIDE_EFFECT, DYNAMIC]) {
    out = out.replace(re, (whole, ...groups) => {
      const spec = re === DECL ? groups[4] : groups[1];
      if (resolve(file, spec) !== null || !spec.startsWith('.')) return whole;
      const moved = RELOCATED.get(rel(path.resolve(path.dirname(file), spec)).replace(/\.tsx?$/, ''));
      if (!moved || !existsSync(path.join(root, `${moved}.ts`))) return whole;
      let next = posix(path.relative(path.dirname(file), path.join(root, moved)));
      if (!next.startsWith('.')) next = `./${next}`;
      n += 1;
      return whole.replace(`'${spec}'`, `'${next}'`).replace(`"${spec}"`, `"${next}"`);
    });
  }
  if (n) writeFileSync(file, out);
  return n;
}

// ---- the face of a module: `export { … } from './file'` / `export type { … } from './file'` lines ----

function readFace(mod) {
  const file = path.join(modulesDir, mod, 'index.ts');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const bySpec = new Map();
  let other = text;
  for (const d of declarations(file, text)) {
    if (d.kind !== 'export' || !d.named) continue;
    const entry = bySpec.get(d.spec) ?? { values: new Set(), types: new Set() };
    for (const n of d.named) {
      const exported = n.alias ?? n.name;
      if (n.alias) throw new Error(`${rel(file)}:${d.line}: renamed re-export "${n.name} as ${n.alias}" — edit this face by hand`);
      (n.type ? entry.types : entry.values).add(exported);
    }
    bySpec.set(d.spec, entry);
    other = other.replace(text.slice(d.start, d.end), '');
  }
  return { file, existed: text !== '', bySpec, other: other.trim(), changed: false };
}

function faceHeader(mod) {
  return `/**
 * The face of the \`${mod}\` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * \`node scripts/module-faces.mjs\`; the rule is server/test/module-faces.test.ts.
 */`;
}

function addToFace(face, spec, name, isType) {
  for (const [s, e] of face.bySpec) {
    if (s === spec) continue;
    if (e.values.has(name) || e.types.has(name)) throw new Error(`${rel(face.file)}: "${name}" is already exported from '${s}', now wanted from '${spec}'`);
  }
  const e = face.bySpec.get(spec) ?? { values: new Set(), types: new Set() };
  face.bySpec.set(spec, e);
  if (e.values.has(name) || (isType && e.types.has(name))) return;
  if (isType) e.types.add(name);
  else {
    e.types.delete(name);
    e.values.add(name);
  }
  face.changed = true;
}

function writeFace(face, mod) {
  if (!face.changed) return;
  const lines = [];
  for (const spec of [...face.bySpec.keys()].sort()) {
    const e = face.bySpec.get(spec);
    if (e.values.size) lines.push(`export { ${[...e.values].sort().join(', ')} } from '${spec}';`);
    if (e.types.size) lines.push(`export type { ${[...e.types].sort().join(', ')} } from '${spec}';`);
  }
  writeFileSync(face.file, `${face.other || faceHeader(mod)}\n${lines.join('\n')}\n`);
}

// ---- rewriting the importers ----

function renderImport(entries, spec) {
  const names = new Map();
  for (const e of entries) {
    const key = `${e.name} ${e.alias ?? ''}`;
    const prev = names.get(key);
    names.set(key, { ...e, type: prev ? prev.type && e.type : e.type });
  }
  const list = [...names.values()];
  const allTypes = list.every((e) => e.type);
  const parts = list.map((e) => `${!allTypes && e.type ? 'type ' : ''}${e.name}${e.alias ? ` as ${e.alias}` : ''}`);
  return `import ${allTypes ? 'type ' : ''}{ ${parts.join(', ')} } from '${spec}';\n`;
}

/** Rewrites one file; returns the number of declarations it moved onto faces. */
function rewriteFile(file, faces, problems) {
  let text = readFileSync(file, 'utf8');
  const decls = declarations(file, text);
  const edits = [];
  const faceSpecs = new Set();
  for (const d of decls) {
    if (!d.target || breach(file, d.target) !== 'internal') continue;
    const mod = moduleOf(d.target);
    if (!d.named || d.kind !== 'import') {
      problems.push(`${rel(file)}:${d.line}: cannot rewrite "${text.slice(d.start, d.end).trim()}" — use named imports`);
      continue;
    }
    let inner = posix(path.relative(path.join(modulesDir, mod), d.target)).replace(/\.tsx?$/, '');
    if (inner.endsWith('/index')) inner = inner.slice(0, -'/index'.length);
    const face = faces.get(mod) ?? readFace(mod);
    faces.set(mod, face);
    try {
      for (const n of d.named) addToFace(face, `./${inner}`, n.name, n.type);
    } catch (e) {
      problems.push(`${rel(file)}:${d.line}: ${e.message}`);
      continue;
    }
    let spec = posix(path.relative(path.dirname(file), path.join(modulesDir, mod)));
    if (!spec.startsWith('.')) spec = `./${spec}`;
    edits.push({ d, spec });
    faceSpecs.add(spec);
  }
  if (!edits.length) return 0;
  // Replace from the end so earlier offsets stay valid; then merge everything imported from the same face.
  for (const { d, spec } of edits.sort((a, b) => b.d.start - a.d.start)) {
    text = text.slice(0, d.start) + renderImport(d.named, spec) + text.slice(d.end);
  }
  for (const spec of faceSpecs) {
    const same = declarations(file, text).filter((d) => d.kind === 'import' && d.spec === spec && d.named);
    if (same.length < 2) continue;
    const merged = renderImport(
      same.flatMap((d) => d.named),
      spec,
    );
    for (const d of [...same].reverse()) text = text.slice(0, d.start) + (d === same[0] ? merged : '') + text.slice(d.end);
  }
  writeFileSync(file, text);
  return edits.length;
}

// ---- the module graph ----

/** Module → modules its production files import (tests excluded: nothing imports a test). */
export function moduleGraph() {
  const graph = new Map();
  for (const file of walk(modulesDir)) {
    const from = moduleOf(file);
    if (from === null || isTestCode(file)) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const text = readFileSync(file, 'utf8');
    for (const d of declarations(file, text)) {
      const to = d.target && moduleOf(d.target);
      if (!to || to === from) continue;
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${rel(file)}:${d.line}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan). */
export function moduleCycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--graph')) {
    const graph = moduleGraph();
    for (const [from, edges] of [...graph].sort()) {
      for (const [to, where] of [...edges].sort()) console.log(`${from} -> ${to}  (${where.join(', ')})`);
    }
    const cycles = moduleCycles(graph);
    console.log(cycles.length ? `cycles:\n${cycles.map((c) => `  ${c.join(' ↔ ')}`).join('\n')}` : 'no module cycles');
    return;
  }
  if (args.has('--check')) {
    const found = findBreaches();
    for (const b of found) console.log(`${rel(b.file)}:${b.line}: ${b.reason} '${b.spec}'`);
    console.log(`${found.length} import(s) reach into another module's files`);
    process.exit(found.length ? 1 : 0);
  }
  const faces = new Map();
  const problems = [];
  let relocated = 0;
  for (const file of SCAN.flatMap((d) => walk(path.join(root, d)))) relocated += relocate(file);
  let moved = 0;
  let files = 0;
  for (const file of SCAN.flatMap((d) => walk(path.join(root, d)))) {
    const n = rewriteFile(file, faces, problems);
    moved += n;
    if (n) files += 1;
  }
  for (const [mod, face] of faces) writeFace(face, mod);
  const left = findBreaches().filter((b) => b.reason !== 'internal' || !b.decl);
  for (const b of left) problems.push(`${rel(b.file)}:${b.line}: ${b.reason} '${b.spec}' — fix by hand`);
  if (relocated) console.log(`module faces: ${relocated} import(s) of moved files now name their new place`);
  console.log(
    `module faces: ${moved} import(s) in ${files} file(s) now go through a face; ${[...faces.values()].filter((f) => f.changed).length} face(s) updated`,
  );
  for (const cycle of moduleCycles(moduleGraph())) {
    problems.push(`modules depend on each other in a cycle: ${cycle.join(' ↔ ')} — see \`node scripts/module-faces.mjs --graph\`, fix by hand`);
  }
  for (const p of [...new Set(problems)]) console.error(p);
  if (problems.length) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
