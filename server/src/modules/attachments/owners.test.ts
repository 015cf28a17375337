import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { repoPath } from '../../config';
import { ATTACHMENT_OWNER_TYPES, type AttachmentOwnerType, isOwnerType, OWNER_RESOLVERS } from './owners';

/**
 * Issue 8: an attachment is visible exactly where the record it belongs to is. For every owner type, an
 * account that gets 404 on the record gets nothing of its files — not in any list, not the metadata, not
 * the bytes — and gets 404 when it tries to attach a file to it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const OWNERS: Record<AttachmentOwnerType, { table: string; detail: string }> = {
  supervision_item: { table: 'supervision_item', detail: '/api/v1/supervision/items/' },
  clue: { table: 'clue', detail: '/api/v1/clues/' },
  case: { table: 'case_file', detail: '/api/v1/cases/' },
  letter: { table: 'letter', detail: '/api/v1/letters/' },
  rectification_task: { table: 'rectification_task', detail: '/api/v1/rectification-tasks/' },
  reform_record: { table: 'reform_record', detail: '/api/v1/reform-records/' },
  accountability: { table: 'accountability', detail: '/api/v1/accountabilities/' },
  bulletin: { table: 'bulletin', detail: '/api/v1/bulletins/' },
  campaign: { table: 'campaign', detail: '/api/v1/campaigns/' },
  self_inspection_response: { table: 'self_inspection_response', detail: '/api/v1/self-inspection/responses/' },
  // Reached through its own route only (photos of a check finding; inspections/secrecy.test.ts covers it).
  inspection_finding: { table: 'inspection_finding', detail: '/api/v1/inspection-findings/' },
};
/** Owner types whose files go through the generic POST /attachments. */
const GENERIC = ATTACHMENT_OWNER_TYPES.filter((type) => !OWNER_RESOLVERS[type].ownRoute);
const VIEWERS = ['sj.secretary', 'ag.manager1', 'dfzf.director', 'edu.group', 'fin.staff', 'sc8.director'];
// Commission-wide accounts first: under the old rule (uploader's org in scope) they saw every file.
const OUTSIDERS = ['xf.officer1', 'xf.officer2', 'gbjd.staff', 'gl.county', 'edu.liaison', 'bank.liaison', 'sl.staff1', 'jc1.staff', 'fin.staff'];

const PDF = (marker: string) => Buffer.from(`%PDF-1.7\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

const detail = async (type: AttachmentOwnerType, id: string, as: string) =>
  (await t.request({ method: 'GET', url: `${OWNERS[type].detail}${id}`, as })).statusCode;
const upload = (as: string, fields: Record<string, string>, content = PDF('x')) => {
  const mp = multipart(fields, { filename: '材料.pdf', content });
  return t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
};
const listIds = async (as: string, query: string): Promise<string[]> => {
  const res = await t.request({ method: 'GET', url: `/api/v1/attachments${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
};
const rowsOf = async (ownerId: string) =>
  Number(
    (
      await t.db
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A record of this type with one account that sees it (200) and one that does not (404). */
async function pick(type: AttachmentOwnerType): Promise<{ id: string; viewer: string; outsider: string }> {
  const ids = await t.db
    .selectFrom(OWNERS[type].table as 'clue')
    .select('id')
    .orderBy('id')
    .limit(12)
    .execute();
  for (const { id } of ids) {
    let viewer: string | undefined;
    for (const as of VIEWERS)
      if ((await detail(type, id, as)) === 200) {
        viewer = as;
        break;
      }
    if (!viewer) continue;
    for (const as of OUTSIDERS) if ((await detail(type, id, as)) === 404) return { id, viewer, outsider: as };
  }
  throw new Error(`demo data has no ${type} with both a reader and an outsider`);
}

describe('every owner type: no file of a record to an account that gets 404 on the record', () => {
  for (const type of GENERIC) {
    it(type, async () => {
      const { id, viewer, outsider } = await pick(type);
      const up = await upload(viewer, { ownerType: type, ownerId: id });
      expect(up.statusCode, `${viewer} uploads to ${type}: ${up.body}`).toBe(201);
      const file = up.json().id as string;
      // The reader sees it everywhere.
      expect(await listIds(viewer, `?ownerType=${type}&ownerId=${id}`)).toContain(file);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${file}`, as: viewer })).json()).toMatchObject({
        id: file,
        ownerType: type,
        ownerId: id,
      });
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${file}/content`, as: viewer })).statusCode).toBe(200);
      // The outsider learns nothing of it anywhere.
      expect(await listIds(outsider, `?ownerType=${type}`), outsider).not.toContain(file);
      expect(await listIds(outsider, `?ownerType=${type}&ownerId=${id}`), outsider).toEqual([]);
      expect(await listIds(outsider, ''), outsider).not.toContain(file);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${file}`, as: outsider })).statusCode, outsider).toBe(404);
      const dl = await t.request({ method: 'GET', url: `/api/v1/attachments/${file}/content`, as: outsider });
      expect(dl.statusCode, outsider).toBe(404);
      expect(dl.body).not.toContain('PDF');
      // Nor can it attach anything to the record: 404, as if the record did not exist; nothing written.
      const before = await rowsOf(id);
      const denied = await upload(outsider, { ownerType: type, ownerId: id });
      expect(denied.statusCode, `${outsider} uploads to ${type}: ${denied.body}`).toBe(404);
      expect(await rowsOf(id)).toBe(before);
    });
  }
});

describe('the letter of the report', () => {
  it('a file attached to a letter is hidden from the 信访室 and the 干部监督室, who get 404 on the letter', async () => {
    const letters = await t.db.selectFrom('letter').select('id').orderBy('id').execute();
    const outsiders = ['xf.officer1', 'xf.officer2', 'gbjd.staff'];
    let letter: string | undefined;
    for (const { id } of letters) {
      if ((await detail('letter', id, 'sj.secretary')) !== 200) continue;
      const codes = await Promise.all(outsiders.map((as) => detail('letter', id, as)));
      if (codes.every((c) => c === 404)) {
        letter = id;
        break;
      }
    }
    expect(letter).toBeDefined();
    const up = await upload('sj.secretary', { ownerType: 'letter', ownerId: letter! });
    expect(up.statusCode).toBe(201);
    for (const as of outsiders) {
      expect(await listIds(as, '?ownerType=letter'), as).not.toContain(up.json().id);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${up.json().id}/content`, as })).statusCode, as).toBe(404);
    }
  });
});

describe('upload is checked against the owner before anything is written', () => {
  it('an id that does not exist is 404 for every owner type, even for the 书记, and writes nothing', async () => {
    const before = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const type of ATTACHMENT_OWNER_TYPES) {
      const res = await upload('sj.secretary', { ownerType: type, ownerId: randomUUID() });
      if (OWNER_RESOLVERS[type].ownRoute) {
        // An owner with rules of its own is never reached around them through the generic route.
        expect(res.statusCode, type).toBe(400);
        expect(res.json().details.issues).toEqual([{ path: 'ownerType', message: OWNER_RESOLVERS[type].ownRoute }]);
        continue;
      }
      expect(res.statusCode, type).toBe(404);
      expect(res.json().message).toContain(OWNER_RESOLVERS[type].label);
    }
    const after = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an unknown owner type or a missing owner id is 400 with the field named', async () => {
    const unknown = await upload('sj.secretary', { ownerType: 'draft', ownerId: randomUUID() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('ownerType');
    expect(unknown.json().message).toContain('未知的附件归属类型');
    const noId = await upload('sj.secretary', { ownerType: 'clue' });
    expect(noId.statusCode).toBe(400);
    expect(noId.json().details.issues).toEqual([{ path: 'ownerId', message: '请填写附件所属记录的 ID' }]);
    expect(await listIds('sj.secretary', '?ownerType=draft')).toEqual([]);
  });
});

/** Source files under `dir` (no tests): where the code names an owner type when it stores a file. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('deny by default: every owner type in use has a resolver', () => {
  it('each owner type the server stores or the web client uploads is registered', () => {
    const used = new Set<string>();
    for (const file of [...sources(repoPath('server', 'src')), ...sources(repoPath('web', 'src'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:ownerType: |form\.append\('ownerType', )'([a-z_]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/owner_type: '([a-z_]+)'/g)) used.add(m[1]!);
    }
    expect([...used].sort()).toEqual(expect.arrayContaining(['bulletin', 'letter', 'rectification_task', 'supervision_item']));
    for (const type of used) expect(isOwnerType(type), `${type} has no resolver`).toBe(true);
  });

  it('the stored rows carry registered owner types only, and the lookup ignores inherited keys', async () => {
    const rows = await t.db.selectFrom('attachment').select('owner_type').distinct().execute();
    for (const r of rows) expect(isOwnerType(r.owner_type), r.owner_type).toBe(true);
    expect(isOwnerType('toString')).toBe(false);
    expect(isOwnerType('__proto__')).toBe(false);
  });
});
