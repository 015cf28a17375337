/**
 * Scope: a group sees only its host units' clues, a county only its own; outside scope every clue route
 * answers 404 (detail, actions, requests, complainant, related) and the ledger leaves the clue out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, ask, JW, seedClue } from './fixtures';

let t: TestApp;
let edu: { id: string; version: number };
let fin: { id: string; version: number };
let yz: { id: string; version: number };
let cg: { id: string; version: number };
beforeAll(async () => {
  t = await createTestApp();
  edu = await seedClue(t, { state: 'ASSIGNED', undertaking: `${JW}-PZ-JYJ`, subjectOrg: 'LZ-HU-JYJ', realName: true, title: '教育系统线索' });
  fin = await seedClue(t, { state: 'ASSIGNED', undertaking: `${JW}-PZ-JR`, subjectOrg: 'LZ-HU-CSYH', title: '金融系统线索' });
  yz = await seedClue(t, { state: 'ASSIGNED', undertaking: 'LZ-YZ', receiving: 'LZ-YZ', title: '榆中县线索' });
  cg = await seedClue(t, { state: 'ASSIGNED', undertaking: 'LZ-CG', receiving: 'LZ-CG', title: '城关区线索' });
});
afterAll(() => t.close());

async function ledgerIds(as: string): Promise<string[]> {
  const res = await t.request({ method: 'GET', url: '/api/v1/clues?pageSize=100', as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

async function expectHidden(as: string, id: string, version: number) {
  for (const url of [`/api/v1/clues/${id}`, `/api/v1/clues/${id}/related`, `/api/v1/clues/${id}/complainant`]) {
    expect((await t.request({ method: 'GET', url, as })).statusCode, `${as} ${url}`).toBe(404);
  }
  expect((await act(t, id, { action: 'accept', version }, as)).statusCode).toBe(404);
  expect((await ask(t, id, { action: 'reopen', version, payload: { newEvidence: 'x' } }, as)).statusCode).toBe(404);
  expect((await t.request({ method: 'PATCH', url: `/api/v1/clues/${id}`, payload: { version, title: 'x' }, as })).statusCode).toBe(404);
}

describe('groups', () => {
  it('edu.group and edu.staff see their host units’ clues, not the finance group’s', async () => {
    for (const as of ['edu.group', 'edu.staff']) {
      const ids = await ledgerIds(as);
      expect(ids).toContain(edu.id);
      expect(ids).not.toContain(fin.id);
      expect(ids).not.toContain(yz.id);
      expect((await t.request({ method: 'GET', url: `/api/v1/clues/${edu.id}`, as })).statusCode).toBe(200);
      await expectHidden(as, fin.id, fin.version);
    }
    const ids = await ledgerIds('fin.staff');
    expect(ids).toContain(fin.id);
    expect(ids).not.toContain(edu.id);
    await expectHidden('fin.staff', edu.id, edu.version);
    // the complainant stays 404 even for the undertaking group
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${edu.id}/complainant`, as: 'edu.staff' })).statusCode).toBe(404);
    const ok = await act(t, edu.id, { action: 'accept', version: edu.version }, 'edu.staff');
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('counties', () => {
  it('yz.county sees its own clues only', async () => {
    const ids = await ledgerIds('yz.county');
    expect(ids).toContain(yz.id);
    expect(ids).not.toContain(cg.id);
    expect(ids).not.toContain(edu.id);
    await expectHidden('yz.county', cg.id, cg.version);
    await expectHidden('cg.county', yz.id, yz.version);
    expect((await act(t, yz.id, { action: 'accept', version: yz.version }, 'yz.county')).statusCode).toBe(200);
  });

  it('roles without clue access get 403 on the collection; the clue book roles see all', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/clues', as: 'edu.liaison' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${edu.id}`, as: 'edu.liaison' })).statusCode).toBe(404);
    const all = await ledgerIds('ag.manager1');
    for (const c of [edu, fin, yz, cg]) expect(all).toContain(c.id);
  });
});
