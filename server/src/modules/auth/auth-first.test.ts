import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { JSON_BODY_LIMIT } from '../../platform/body-limits';

/**
 * Issue 8: authentication and the route's role rule run before the body is read or anything is
 * validated. An anonymous caller gets 401 from every protected operation whatever it sends, and a
 * signed-in caller cannot make the server parse a JSON body beyond the small default limit.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Operation {
  method: string;
  path: string;
  operationId: string;
  secured: boolean;
}

function operations(): Operation[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.push({ method: method.toUpperCase(), path, operationId: op.operationId ?? `${method} ${path}`, secured: (op.security ?? []).length > 0 });
    }
  }
  return out;
}

/** The operation's URL with every path parameter replaced by something no schema accepts. */
const garbageUrl = (path: string) => `${path.replace(/\{[^}]+\}/g, 'not-a-valid-id%20%27')}?limit=abc&year=x&page=-1`;

describe('authenticate first', () => {
  it('answers 401 to an anonymous caller with a garbage body and garbage parameters on every protected operation', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const publicOps = ops.filter((o) => !o.secured).map((o) => o.operationId);
    expect(publicOps.sort()).toEqual(['health', 'login']);
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.secured)) {
      const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
      const res = await t.request({
        method: op.method as HTTPMethods,
        url: garbageUrl(op.path),
        ...(hasBody ? { payload: '{"version": "x", this is not json', headers: { 'content-type': 'application/json' } } : {}),
      });
      if (res.statusCode !== 401 || res.json().code !== 'UNAUTHENTICATED') wrong.push(`${op.method} ${op.path} → ${res.statusCode} ${res.json().code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a role before validating: a signed-in account without the role gets 403, not 400', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/users', as: 'edu.group', payload: '{broken', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('does not read a 5 MB body from an anonymous caller', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/clues',
      payload: `{"title":"${'x'.repeat(5 * 1024 * 1024)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('body limits', () => {
  it('answers 413 to a JSON body above the default limit without parsing it', async () => {
    // Malformed JSON: if the server parsed it, the answer would be 400 (invalid JSON).
    const body = `{"title": "${'线'.repeat(JSON_BODY_LIMIT / 2)}", broken`;
    const res = await t.request({ method: 'POST', url: '/api/v1/clues', as: 'xf.officer1', payload: body, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    const small = await t.request({
      method: 'POST',
      url: '/api/v1/clues',
      as: 'xf.officer1',
      payload: '{"title": broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(small.statusCode).toBe(400);
  });

  it('lets a route that carries long texts declare a larger JSON limit', async () => {
    const body = `{"version": 1, "investigationReport": "${'审'.repeat(JSON_BODY_LIMIT / 2)}", broken`;
    const res = await t.request({
      method: 'PATCH',
      url: '/api/v1/cases/00000000-0000-4000-8000-000000000001',
      as: 'ag.manager1',
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    // Read and parsed (then refused as invalid JSON), not cut off at the default limit.
    expect(res.statusCode).toBe(400);
  });

  it('still accepts a multipart upload larger than the JSON limit', async () => {
    const content = Buffer.concat([
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'),
      Buffer.alloc(2 * JSON_BODY_LIMIT, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    // A file belongs to a record the uploader sees: the 书记 sees every clue.
    const clue = await t.db.selectFrom('clue').select('id').orderBy('id').executeTakeFirstOrThrow();
    const mp = multipart({ ownerType: 'clue', ownerId: clue.id }, { filename: '大于JSON上限的附件.pdf', content });
    const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'sj.secretary', payload: mp.payload, headers: mp.headers });
    expect(res.statusCode).toBe(201);
  });
});
