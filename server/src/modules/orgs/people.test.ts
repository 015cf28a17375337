/** 人员信息: ID numbers SM4-encrypted at rest, masked in lists, revealed only to three roles, every read audited. */
import { idNumberCheckChar } from '@liandong/domain/org/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from './test-helpers';

let t: TestApp;
let personId: string;
const base = '62010219760315123';
const ID_NUMBER = `${base}${idNumberCheckChar(base)}`;
beforeAll(async () => {
  t = await createTestApp();
  personId = (await t.db.selectFrom('person').select('id').where('name_zh', '=', '管玉洁').executeTakeFirstOrThrow()).id; // 市教育局
});
afterAll(() => t.close());

const put = (as: string, payload: object) => t.request({ method: 'PUT', url: `/api/v1/people/${personId}/id-number`, payload, as });
const reveal = (as: string, id = personId) => t.request({ method: 'POST', url: `/api/v1/people/${id}/reveal-id-number`, as });

describe('ID numbers', () => {
  it('validates the 18-character number with its check character', async () => {
    const wrongCheck = `${base}${idNumberCheckChar(base) === '1' ? '2' : '1'}`;
    for (const bad of ['12345', wrongCheck, '620102197602301234']) {
      const res = await put('ag.manager1', { version: 1, idNumber: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().details.issues[0].path).toBe('idNumber');
    }
  });

  it('lets only 书记, 干部监督室 and 案管室 record it', async () => {
    expect((await put('edu.group', { version: 1, idNumber: ID_NUMBER })).statusCode).toBe(403);
    expect((await put('sysadmin', { version: 1, idNumber: ID_NUMBER })).statusCode).toBe(403);
  });

  it('stores it SM4-encrypted (the plain number is not in the bytea) and lists it masked', async () => {
    const res = await put('ag.manager1', { version: 1, idNumber: ID_NUMBER.toLowerCase() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hasIdNumber: true, idNumberMasked: `${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`, version: 2 });
    expect(await auditCount(t, 'person.id_number_set', personId)).toBe(1);
    const row = await t.db.selectFrom('person').select(['id_number_cipher']).where('id', '=', personId).executeTakeFirstOrThrow();
    const blob = row.id_number_cipher!;
    for (const encoding of ['utf8', 'latin1', 'hex', 'base64', 'utf16le'] as const) expect(blob.toString(encoding)).not.toContain(ID_NUMBER);
    expect(blob.includes(Buffer.from(ID_NUMBER.slice(6, 14)))).toBe(false);
    expect(t.app.platform.cipher.decrypt(blob)).toBe(ID_NUMBER);

    const list = await t.request({ method: 'GET', url: '/api/v1/people?q=管玉洁', as: 'edu.group' });
    expect(list.body).not.toContain(ID_NUMBER);
    expect(list.json().items[0]).toMatchObject({ hasIdNumber: true, abilities: { revealIdNumber: false, setIdNumber: false } });
    const stale = await put('ag.manager1', { version: 1, idNumber: ID_NUMBER });
    expect(stale.statusCode).toBe(409);
  });

  it('reveals it to the allowed roles and audits every reveal in the same transaction', async () => {
    const before = await auditCount(t, 'person.sensitive_read', personId);
    const res = await reveal('gbjd.staff');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: ID_NUMBER });
    expect(await auditCount(t, 'person.sensitive_read', personId)).toBe(before + 1);
    const event = await t.db
      .selectFrom('audit_event')
      .select(['actor_name', 'payload'])
      .where('type', '=', 'person.sensitive_read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.actor_name).toBe('檀守一');
    expect(JSON.stringify(event.payload)).not.toContain(ID_NUMBER);
    expect((await reveal('sj.secretary')).statusCode).toBe(200);
    expect((await reveal('ag.manager1')).statusCode).toBe(200);
    expect(await auditCount(t, 'person.sensitive_read', personId)).toBe(before + 3);
  });

  it.each(['edu.group', 'xf.officer1', 'jc3.director', 'dfzf.director', 'fsj2.deputy', 'sysadmin', 'auditadmin'])(
    'refuses %s with 403 and leaves no audit trace of a read',
    async (as) => {
      const before = await auditCount(t, 'person.sensitive_read');
      const res = await reveal(as);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(ID_NUMBER);
      expect(await auditCount(t, 'person.sensitive_read')).toBe(before);
    },
  );

  it('answers 404 when there is no number', async () => {
    const other = await t.db.selectFrom('person').select('id').where('name_zh', '=', '伍思齐').executeTakeFirstOrThrow();
    const res = await reveal('gbjd.staff', other.id);
    expect(res.statusCode).toBe(404);
  });
});

describe('people list and detail', () => {
  it('pages, filters by unit and name, and never confirms people outside the scope', async () => {
    const unit = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-HU-JYJ').executeTakeFirstOrThrow()).id;
    const res = (await t.request({ method: 'GET', url: `/api/v1/people?unitId=${unit}`, as: 'jc3.staff' })).json();
    expect(res.items.map((p: { unitName: string }) => p.unitName)).toEqual(['市教育局', '市教育局', '市教育局']);
    const page = (await t.request({ method: 'GET', url: '/api/v1/people?pageSize=2&page=2', as: 'jc3.staff' })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
    const detail = await t.request({ method: 'GET', url: `/api/v1/people/${personId}`, as: 'jc3.staff' });
    expect(detail.json()).toMatchObject({ nameZh: '管玉洁', isSupervisionObject: true, hasIdNumber: true });
    expect((await t.request({ method: 'GET', url: `/api/v1/people/${personId}`, as: 'fin.group' })).statusCode).toBe(404);
  });
});

describe('职级 on the people list', () => {
  it('a RANK_LEVEL code is shown by its dictionary label (厅局级), never as the raw code', async () => {
    const leader = await t.db.selectFrom('person').select('name_zh').where('rank_level', '=', 'BUREAU').executeTakeFirstOrThrow();
    const res = await t.request({ method: 'GET', url: `/api/v1/people?q=${encodeURIComponent(leader.name_zh)}`, as: 'sj.secretary' });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((p: { nameZh: string }) => p.nameZh === leader.name_zh);
    expect(item.rankLevel).toBe('厅局级');
    // Free text (not a code) is shown as entered.
    const clerk = await t.db.selectFrom('person').select(['name_zh', 'rank_level']).where('rank_level', '=', '科员').executeTakeFirst();
    if (clerk) {
      const list = (await t.request({ method: 'GET', url: `/api/v1/people?q=${encodeURIComponent(clerk.name_zh)}`, as: 'sj.secretary' })).json();
      expect(list.items.find((p: { nameZh: string }) => p.nameZh === clerk.name_zh)?.rankLevel ?? '科员').toBe('科员');
    }
  });
});
