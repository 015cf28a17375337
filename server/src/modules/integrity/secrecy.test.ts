/**
 * 党风廉政意见回复 as an attacker sees it: only the 干部监督室, the 书记 and the leader overseeing the
 * 干部监督室 learn that a reply exists. Every other account — other offices, groups, counties, unit
 * liaisons, other leaders, the standing committee, the 三员 — gets 404 on every route, whatever the id's
 * encoding; malformed ids are 400, never 500; stale versions are 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { seedReply } from './test-helpers';

let t: TestApp;
let reply: { id: string; version: number };
let issued: { id: string; version: number };
beforeAll(async () => {
  t = await createTestApp();
  reply = await seedReply(t, { state: 'SUBMITTED' });
  issued = await seedReply(t, { state: 'ISSUED' });
});
afterAll(() => t.close());

const OUTSIDERS = [
  'jc3.staff',
  'dfzf.director',
  'ag.manager1',
  'xf.officer1',
  'sl.staff1',
  'edu.group',
  'yz.county',
  'bank.liaison',
  'fsj1.deputy',
  'cw5.member',
  'auditadmin',
  'sysadmin',
];
const INSIDERS = ['gbjd.staff', 'sj.secretary', 'cw4.member'];

const routes = (id: string, version: number) => [
  { method: 'GET' as const, url: `/api/v1/integrity-replies/${id}` },
  { method: 'GET' as const, url: `/api/v1/integrity-replies/${id}/document.docx` },
  { method: 'POST' as const, url: `/api/v1/integrity-replies/${id}/collect`, payload: { version } },
  { method: 'POST' as const, url: `/api/v1/integrity-replies/${id}/actions`, payload: { version, action: 'approve' } },
];

describe('integrity replies: who learns they exist', () => {
  it('insiders list and open them', async () => {
    for (const as of INSIDERS) {
      const list = await t.request({ method: 'GET', url: '/api/v1/integrity-replies', as });
      expect(list.statusCode, as).toBe(200);
      expect(
        list.json().items.map((i: { id: string }) => i.id),
        as,
      ).toContain(reply.id);
      expect((await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${reply.id}`, as })).statusCode, as).toBe(200);
    }
  });

  it('everyone else gets 404 on the ledger, the export, registering and every object route', async () => {
    const payload = {
      requestingOrg: '中共兰州市委组织部',
      purpose: '拟提拔',
      receivedOn: '2026-11-20',
      dueOn: '2026-12-20',
      cadres: [{ name: '某某某', unitName: '某局', position: '科长' }],
    };
    for (const as of OUTSIDERS) {
      expect((await t.request({ method: 'GET', url: '/api/v1/integrity-replies', as })).statusCode, as).toBe(404);
      expect((await t.request({ method: 'GET', url: '/api/v1/integrity-replies/export.xlsx', as })).statusCode, as).toBe(404);
      expect((await t.request({ method: 'POST', url: '/api/v1/integrity-replies', payload, as })).statusCode, as).toBe(404);
      for (const r of [...routes(reply.id, reply.version), ...routes(issued.id, issued.version)]) {
        const res = await t.request({ ...r, as });
        expect(res.statusCode, `${as} ${r.method} ${r.url}`).toBe(404);
        expect(res.body).not.toContain('测试干部');
      }
      const patch = await t.request({
        method: 'PATCH',
        url: `/api/v1/integrity-replies/${reply.id}/cadres/${reply.id}`,
        payload: { version: 1, conclusion: 'CLEAR', opinion: '未发现问题' },
        as,
      });
      expect(patch.statusCode, as).toBe(404);
    }
    // Nothing was written on their behalf, and no consultation of theirs was logged as a read.
    const reads = await t.db.selectFrom('audit_event').select('actor_name').where('type', '=', 'integrity.read').execute();
    expect(new Set(reads.map((r) => r.actor_name))).toEqual(new Set(['檀守一', '柏川远', '练冬禾']));
    const row = await t.db.selectFrom('integrity_reply').select(['state', 'version']).where('id', '=', reply.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'SUBMITTED', version: reply.version });
  });

  it('without a session: 401; encoded and malformed ids: 400 or 404, never 500', async () => {
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${reply.id}` })).statusCode).toBe(401);
    for (const bad of [`${reply.id}'%20OR%201=1--`, '..%2F..%2Fusers', '%00', 'not-a-uuid', encodeURIComponent(`${reply.id} `)]) {
      const res = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${bad}`, as: 'gbjd.staff' });
      expect([400, 404], bad).toContain(res.statusCode);
    }
    const upper = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${reply.id.toUpperCase()}`, as: 'jc3.staff' });
    expect(upper.statusCode).toBe(404);
    const unknown = await t.request({ method: 'GET', url: '/api/v1/integrity-replies/00000000-0000-4000-8000-000000000000', as: 'gbjd.staff' });
    expect(unknown.statusCode).toBe(404);
  });

  it('a stale version is 409 and changes nothing; a wrong action name is 400 with a zh-CN message', async () => {
    const stale = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-replies/${reply.id}/actions`,
      payload: { version: reply.version + 5, action: 'approve' },
      as: 'cw4.member',
    });
    expect(stale.statusCode).toBe(409);
    const bad = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-replies/${reply.id}/actions`,
      payload: { version: reply.version, action: 'delete' },
      as: 'cw4.member',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'action', message: '操作类型不正确' });
    const row = await t.db.selectFrom('integrity_reply').select('state').where('id', '=', reply.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('SUBMITTED');
  });

  it('every route is in the OpenAPI document with an operationId and the integrity tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/v1/integrity-replies'))
      .flatMap(([, m]) => Object.values(m));
    expect(ops.map((o) => o.operationId).sort()).toEqual([
      'actOnIntegrityReply',
      'collectIntegrityEvidence',
      'concludeIntegrityCadre',
      'createIntegrityReply',
      'exportIntegrityReplies',
      'getIntegrityReply',
      'integrityReplyDocx',
      'listIntegrityReplies',
      'revealIntegrityCadreIdNumber',
    ]);
    for (const o of ops) expect(o.tags).toEqual(['integrity']);
  });
});
