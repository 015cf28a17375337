/**
 * Bad input, thrown at every operation of the OpenAPI document (architecture.md §7): malformed bodies,
 * path parameters and query strings must give a 4xx with a zh-CN `{ code, message }`, never a 5xx,
 * and must write nothing. Inputs are generated from each operation's own schemas, so new routes are
 * covered without touching this file.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './app';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  nullable?: boolean;
  anyOf?: Schema[];
  items?: Schema;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
};
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Op {
  method: string;
  path: string;
  operationId: string;
  op: Operation;
}

const t = await createTestApp();
afterAll(() => t.close());

const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };

/** Ending the session under test would turn every later case into a 401; logout has no input anyway. */
const SKIP = new Set(['logout']);
/** Operations whose input is not described by a JSON schema but which still must refuse junk (multipart). */
const STRICT_WITHOUT_SCHEMA = new Set(['uploadAttachment']);

const ops: Op[] = Object.entries(doc.paths)
  .filter(([p]) => p.startsWith('/api/v1/'))
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId ?? `${method} ${path}`, op })),
  )
  .filter((o) => !SKIP.has(o.operationId));

/** An account that may call the operation, so that junk reaches the handler rather than stopping at 403. */
function callerFor(o: Op): string | undefined {
  const p = o.path;
  if (p === '/api/v1/auth/login' || p === '/api/v1/health') return undefined;
  if (p.startsWith('/api/v1/users')) return /\/(roles|unlock|reset-password|reset-totp|clearance)$/.test(p) ? 'secadmin' : 'sysadmin';
  if (p.startsWith('/api/v1/audit') || p === '/api/v1/admin/login-log') return 'auditadmin';
  if (p.startsWith('/api/v1/settings') || p === '/api/v1/admin/sessions') return 'secadmin';
  if (p.startsWith('/api/v1/calendar') || p.startsWith('/api/v1/dictionaries')) return 'sysadmin';
  if (p.startsWith('/api/v1/doc-numbers') || p.startsWith('/api/v1/attachments') || p.startsWith('/api/v1/inbox')) return 'sj.secretary';
  if (p.startsWith('/api/v1/auth') || p === '/api/v1/me') return 'jc3.staff';
  if (p.startsWith('/api/v1/integrity-replies')) return 'gbjd.staff';
  return 'sysadmin';
}

// ---------- junk generators ----------

const NASTY = [
  '💣🔥',
  '\u0000',
  'Ω≈ç√∫',
  '𠀀𪚥𠮷',
  '\u202Ereversed',
  "'; DROP TABLE app_user;--",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'ｆｕｌｌ',
  '\t\n\r',
  'null',
  '{}',
  '-1',
];
const junkString = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }), fc.constantFrom(...NASTY));
/** Longer than `max` after trimming: visible characters only. */
const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 3000 }).map((n) => '字'.repeat(n));
// `__proto__` as an own key (JSON.parse), as an attacker sends it: an object literal would set the prototype
// instead and serialise to `{}`, which is a valid body for some operations (TOTP enrol).
const nested = fc.constantFrom<unknown>({ a: { b: { c: [1, { d: '𠀀' }] } } }, [[[[]]]], JSON.parse('{"__proto__":{"admin":true}}'), {
  constructor: { prototype: {} },
});

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

function violatesString(s: Schema, v: string): boolean {
  if (s.enum && !s.enum.includes(v)) return true;
  if (s.const !== undefined && s.const !== v) return true;
  if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) return true;
  if (s.maxLength !== undefined && [...v].length > s.maxLength && v.trim().length > s.maxLength) return true;
  if (s.minLength !== undefined && v.length < s.minLength) return true;
  return false;
}

function violatesNumber(s: Schema, n: number, integer: boolean): boolean {
  if (!Number.isFinite(n)) return true;
  if (integer && !Number.isSafeInteger(n)) return true;
  if (s.minimum !== undefined && (n < s.minimum || (s.exclusiveMinimum === true && n === s.minimum))) return true;
  if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) return true;
  if (s.maximum !== undefined && (n > s.maximum || (s.exclusiveMaximum === true && n === s.maximum))) return true;
  if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) return true;
  if (s.enum && !s.enum.includes(n)) return true;
  return false;
}

/** Values of the wrong JSON type for a schema (body context: types are preserved). */
function wrongTypes(s: Schema): fc.Arbitrary<unknown>[] {
  const allowed = new Set(s.anyOf ? s.anyOf.flatMap(typesOf) : typesOf(s));
  if (allowed.size === 0) return [];
  const nullable = s.nullable || s.anyOf?.some((b) => b.nullable);
  const out: fc.Arbitrary<unknown>[] = [];
  if (!allowed.has('string')) out.push(junkString);
  if (!allowed.has('number') && !allowed.has('integer')) out.push(fc.integer({ min: -1e9, max: 1e9 }));
  if (!allowed.has('boolean')) out.push(fc.boolean());
  if (!allowed.has('array')) out.push(fc.array(junkString, { maxLength: 3 }), nested.filter(Array.isArray));
  if (!allowed.has('object'))
    out.push(
      nested.filter((v) => !Array.isArray(v)),
      fc.constant({}),
    );
  if (!nullable && !allowed.has('null')) out.push(fc.constant(null));
  return out;
}

/** Arbitraries whose every value is invalid for `s` in a JSON body, or [] when none can be built. */
function invalidJson(s: Schema): fc.Arbitrary<unknown>[] {
  const out = wrongTypes(s);
  if (s.anyOf) {
    const branches = s.anyOf;
    if (branches.every((b) => typesOf(b).includes('string') && (b.pattern || b.enum))) {
      out.push(junkString.filter((v) => branches.every((b) => violatesString(b, v))));
    }
    return out;
  }
  const types = typesOf(s);
  if (types.includes('string')) {
    if (s.enum || s.pattern || s.const !== undefined) out.push(junkString.filter((v) => violatesString(s, v)));
    if (s.maxLength !== undefined) out.push(tooLong(s.maxLength));
    if (s.minLength) out.push(fc.constant(''));
  }
  const integer = types.includes('integer');
  if (integer || types.includes('number')) {
    const candidates = [
      1.5,
      -1,
      0,
      -2_147_483_649,
      2 ** 53,
      1e300,
      s.minimum !== undefined ? s.minimum - 1 : -1e12,
      s.maximum !== undefined ? s.maximum + 1 : 1e12,
    ];
    const bad = candidates.filter((n) => violatesNumber(s, n, integer));
    if (bad.length) out.push(fc.constantFrom(...bad));
  }
  if (types.includes('array') && s.items) {
    const item = invalidJson(s.items);
    if (item.length) out.push(fc.oneof(...item).map((v) => [v]));
    if (s.maxItems !== undefined) out.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => 'x')));
  }
  if (types.includes('object') && s.properties) {
    const props = Object.entries(s.properties).flatMap(([k, ps]) => {
      const bad = invalidJson(ps);
      return bad.length ? [fc.oneof(...bad).map((v) => ({ [k]: v }))] : [];
    });
    if (s.required?.length) out.push(fc.constant({}));
    // One bad field, the required others absent: invalid either way.
    out.push(...props);
  }
  return out;
}

/** Query-string values (always strings) that the parameter's schema refuses, or null when any string is acceptable. */
function invalidQuery(s: Schema): fc.Arbitrary<string> | null {
  if (s.anyOf) {
    const branches = s.anyOf;
    if (!branches.every((b) => typesOf(b).includes('string') && (b.pattern || b.enum))) return null;
    return junkString.filter((v) => branches.every((b) => violatesString(b, v)));
  }
  const types = typesOf(s);
  if (types.includes('integer') || types.includes('number')) {
    const integer = types.includes('integer');
    const candidates = ['abc', '1.5', '1e999', 'NaN', '١٢', '0x', String((s.minimum ?? 0) - 1), String((s.maximum ?? 1e15) + 1), '9'.repeat(400)];
    const bad = candidates.filter((c) => violatesNumber(s, Number(c), integer) || Number.isNaN(Number(c)));
    return bad.length ? fc.constantFrom(...bad) : null;
  }
  if (types.includes('string')) {
    const arbs: fc.Arbitrary<string>[] = [];
    if (s.enum || s.pattern) arbs.push(junkString.filter((v) => violatesString(s, v)));
    if (s.maxLength !== undefined) arbs.push(tooLong(s.maxLength));
    return arbs.length ? fc.oneof(...arbs) : null;
  }
  if (types.includes('boolean')) return fc.constantFrom('maybe', '2', 'yes!');
  return null;
}

/** Path parameters: malformed, over-long, or well-formed ids that name nothing (→ 404). */
const junkPath = fc.oneof(
  fc.constantFrom('not-a-uuid', '0', '-1', 'ffffffff-ffff-ffff-ffff-fffffffffffg', '2026-02-30', 'x'.repeat(300), '%', 'NULL'),
  fc.uuid(),
  junkString,
);

interface Case {
  kind: string;
  url: string;
  payload?: unknown;
  raw?: string;
  /** When true the input is certainly invalid (or names nothing that exists): a 4xx is required. */
  strict: boolean;
}

function caseArbitrary(o: Op): fc.Arbitrary<Case> {
  const params = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = o.op.requestBody?.content?.['application/json']?.schema;
  const hasPath = pathParams.length > 0;
  const pathArb = fc
    .tuple(...pathParams.map(() => junkPath))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeURIComponent(values[i] as string)), o.path));
  const withQuery = (url: string, q: Record<string, string>) => {
    const qs = new URLSearchParams(q).toString();
    return qs ? `${url}?${qs}` : url;
  };
  const kinds: fc.Arbitrary<Case>[] = [];

  const violatable = queryParams.flatMap((p) => {
    const bad = invalidQuery(p.schema);
    return bad ? [bad.map((v) => ({ [p.name]: v }))] : [];
  });
  if (violatable.length) {
    kinds.push(fc.tuple(pathArb, fc.oneof(...violatable)).map(([url, q]) => ({ kind: 'query', url: withQuery(url, q), strict: true })));
  }
  const bodyMethod = !['GET', 'DELETE', 'HEAD'].includes(o.method);
  if (bodySchema) {
    const whole: fc.Arbitrary<unknown>[] = [fc.constantFrom<unknown>([], 'text', 42, true, null), nested, fc.array(fc.object(), { maxLength: 2 })];
    if (bodySchema.required?.length) whole.push(fc.constant({}), fc.dictionary(fc.constantFrom('zzz', 'extra', '__proto__'), junkString));
    kinds.push(fc.tuple(pathArb, fc.oneof(...whole)).map(([url, payload]) => ({ kind: 'body', url, payload, strict: true })));
    const fields = invalidJson(bodySchema);
    if (fields.length) kinds.push(fc.tuple(pathArb, fc.oneof(...fields)).map(([url, payload]) => ({ kind: 'field', url, payload, strict: true })));
    kinds.push(pathArb.map((url) => ({ kind: 'raw', url, raw: '{"unterminated": ', strict: true })));
  } else if (bodyMethod) {
    const strict = hasPath || STRICT_WITHOUT_SCHEMA.has(o.operationId);
    kinds.push(
      fc.tuple(pathArb, fc.oneof(nested, fc.constantFrom<unknown>([], { a: 1 }, 'x'))).map(([url, payload]) => ({ kind: 'junk-body', url, payload, strict })),
    );
  }
  if (hasPath) kinds.push(pathArb.map((url) => ({ kind: 'path', url, strict: true })));
  // Unknown query keys and junk values: harmless for most routes, but must never cause a 5xx.
  kinds.push(
    fc
      .tuple(pathArb, fc.dictionary(fc.constantFrom('zz', 'page', 'q', 'id', '__proto__'), junkString, { maxKeys: 3 }))
      .map(([url, q]) => ({ kind: 'extra-query', url: withQuery(url, q), strict: hasPath })),
  );
  return fc.oneof(...kinds);
}

// ---------- "nothing was written" ----------

const CHANGE_ON_READ = new Set(['audit_event', 'login_log', 'user_session', 'inbox_message']);

/** The tables and whether each has a version: read once (no request makes or drops a table). */
let tables: Promise<{ table_name: string; has_version: boolean }[]> | undefined;

async function snapshot(): Promise<Record<string, string>> {
  tables ??= sql<{ table_name: string; has_version: boolean }>`
    SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'version') AS has_version
      FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`
    .execute(t.db)
    .then((r) => r.rows);
  const rows = await tables;
  const parts = rows
    .filter((r) => !CHANGE_ON_READ.has(r.table_name))
    .map(
      (r) =>
        sql`SELECT ${r.table_name}::text AS name, count(*)::text || '/' || ${r.has_version ? sql`COALESCE(sum(version), 0)` : sql`0`}::text AS state FROM ${sql.table(r.table_name)}`,
    );
  const result = await sql<{ name: string; state: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(t.db);
  return Object.fromEntries(result.rows.map((r) => [r.name, r.state]));
}

describe('malformed input at every operation', () => {
  it('covers the operations of the document', () => {
    expect(ops.length).toBeGreaterThan(30);
    expect(ops.map((o) => o.operationId)).toEqual(
      expect.arrayContaining(['createUser', 'searchAuditEvents', 'setCalendarDay', 'allocateDocNumber', 'uploadAttachment', 'markInboxRead']),
    );
  });

  /**
   * The state the previous operation left, taken after it and found equal to the state it began with: the next
   * operation's "before" (the operations run one after the other and nothing else writes in between; a late write of
   * the previous one would then count against the next, never go unseen). Cleared when an operation fails.
   */
  let verified: Record<string, string> | undefined;

  it.each(ops.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', async (_name, o) => {
    const as = callerFor(o);
    const before = verified ?? (await snapshot());
    verified = undefined;
    await fc.assert(
      fc.asyncProperty(caseArbitrary(o), async (c) => {
        const headers: Record<string, string> = {};
        let payload: string | undefined;
        if (c.raw !== undefined || c.payload !== undefined) {
          headers['content-type'] = 'application/json';
          payload = c.raw ?? JSON.stringify(c.payload);
        }
        const res = await t.request({ method: o.method as 'GET', url: c.url, as, headers, payload });
        const where = `${o.method} ${c.url} [${c.kind}] ${payload?.slice(0, 200) ?? ''} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        if (c.strict) expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
        if (res.statusCode >= 400) {
          const body = res.json();
          expect(typeof body.code, where).toBe('string');
          expect(body.code.length, where).toBeGreaterThan(0);
          expect(body.message, where).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 25 },
    );
    const after = await snapshot();
    expect(after).toEqual(before);
    verified = after;
  });
});
