import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { SESSION_COOKIE } from './session';

/**
 * Issue 8: the CSRF header is required of every state-changing request, whatever spelling of the path
 * reaches the route. Before, only URLs starting with `/api/` were checked and `POST /%61pi/v1/clues`
 * created a clue without the header.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CLUE = {
  source: 'PETITION_LETTER',
  title: '跨站请求伪造测试线索（演示数据）',
  summary: '不应被创建',
  receivedOn: '2026-03-02',
};

async function clueCount(): Promise<number> {
  const r = await t.db
    .selectFrom('clue')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('CSRF by matched route', () => {
  it('refuses encoded, doubled and case-varied paths without the header, and nothing is written', async () => {
    const cookie = await t.sessionFor('xf.officer1');
    const before = await clueCount();
    const urls = [
      '/%61pi/v1/clues',
      '/api/v1/%63lues',
      '/%61%70%69/%76%31/clues',
      '//api/v1/clues',
      '/api//v1/clues',
      '/API/v1/clues',
      '/Api/V1/Clues',
      '/api/v1/clues/',
    ];
    for (const url of urls) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as HTTPMethods[]) {
        const res = await t.app.inject({ method, url, cookies: { [SESSION_COOKIE]: cookie }, payload: CLUE });
        expect([403, 404], `${method} ${url}`).toContain(res.statusCode);
        if (res.statusCode === 403) expect(res.json().code, `${method} ${url}`).toBe('CSRF');
      }
    }
    expect(await clueCount()).toBe(before);
  });

  it('refuses the encoded path even for the sign-in route', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/%61pi/v1/auth/login', payload: { username: 'xf.officer1', password: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it('still serves GET without the header and accepts the header on the encoded path', async () => {
    const cookie = await t.sessionFor('xf.officer1');
    const get = await t.app.inject({ method: 'GET', url: '/%61pi/v1/me', cookies: { [SESSION_COOKIE]: cookie } });
    expect(get.statusCode).toBe(200);
    const post = await t.app.inject({
      method: 'POST',
      url: '/%61pi/v1/auth/logout',
      headers: { 'x-requested-with': 'liandong' },
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(post.statusCode).toBe(200);
  });
});
