import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('doc_number')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

it('runs a create once per Idempotency-Key and replays the stored answer', async () => {
  const docCode = (await t.db.selectFrom('org').select('doc_code').where('doc_code', 'is not', null).executeTakeFirstOrThrow()).doc_code!;
  const before = await count();
  const send = (key: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/doc-numbers',
      as: 'jc3.director',
      headers: { 'idempotency-key': key },
      payload: { docCode, year: 2026, purpose: '演示：幂等测试' },
    });
  const first = await send('retry-0001-abcdef');
  expect(first.statusCode).toBe(201);
  const again = await send('retry-0001-abcdef');
  expect(again.statusCode).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.json()).toEqual(first.json());
  expect(await count()).toBe(before + 1);
  const other = await send('retry-0002-abcdef');
  expect(other.json().no).toBe(first.json().no + 1);
  expect(await count()).toBe(before + 2);
});

it('refuses a malformed key and a key reused for another URL, writing nothing', async () => {
  const before = await count();
  const bad = await t.request({
    method: 'POST',
    url: '/api/v1/doc-numbers',
    as: 'jc3.director',
    headers: { 'idempotency-key': 'x' },
    payload: { docCode: '兰纪', year: 2026, purpose: 'x' },
  });
  expect(bad.statusCode).toBe(400);
  expect(await count()).toBe(before);
});

it('never leaves a key "in progress": a marker left by a crashed request is taken over by the retry', async () => {
  const docCode = (await t.db.selectFrom('org').select('doc_code').where('doc_code', 'is not', null).executeTakeFirstOrThrow()).doc_code!;
  const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'jc3.director').executeTakeFirstOrThrow();
  // What a server killed mid-request used to leave behind: a committed "in progress" marker.
  await t.db
    .insertInto('idempotency_key')
    .values({ user_id: user.id, key: 'crashed-0001-abcdef', status: 0, response: JSON.stringify({ url: '/api/v1/doc-numbers' }) })
    .execute();
  const before = await count();
  const retry = await t.request({
    method: 'POST',
    url: '/api/v1/doc-numbers',
    as: 'jc3.director',
    headers: { 'idempotency-key': 'crashed-0001-abcdef' },
    payload: { docCode, year: 2026, purpose: '演示：崩溃后重试' },
  });
  expect(retry.statusCode).toBe(201);
  expect(await count()).toBe(before + 1);
  // While a request with the key runs, its key is an uncommitted row: a failed request leaves nothing.
  const failed = await t.request({
    method: 'POST',
    url: '/api/v1/doc-numbers',
    as: 'jc3.director',
    headers: { 'idempotency-key': 'failed-0001-abcdef' },
    payload: { docCode: '不存在的代字', year: 2026, purpose: 'x' },
  });
  expect(failed.statusCode).toBe(422);
  const left = await t.db.selectFrom('idempotency_key').select('key').where('key', '=', 'failed-0001-abcdef').execute();
  expect(left).toEqual([]);
});
