import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Insertable } from 'kysely';
import type { Db } from '../src/db/pool';
import type { Clue } from '../src/db/types';
import type { Actor } from '../src/platform/access';
import { actorWith } from '../src/platform/account-actor';
import type { Ctx } from '../src/platform/context';

/** Small builders shared by the platform-service HTTP tests. */

export async function userIdOf(db: Db, username: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function orgIdOf(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function auditCount(db: Db, type?: string): Promise<number> {
  let q = db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'));
  if (type) q = q.where('type', '=', type);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * A clue row written straight into the table, without intake, events or team: the start of the tests of
 * the clue → case → reform hand-off, which need a clue standing in CASE_PROPOSED and nothing else. By
 * default a 信访举报 of the demo commission received on 2026-01-05 by 信访室, undertaken by 第八审查调查室;
 * `set` overrides any column (ids, not org codes). Returns the clue's id.
 */
export async function insertBareClue(db: Db, set: Partial<Insertable<Clue>> = {}): Promise<string> {
  const receiving = await db.selectFrom('org').select(['id', 'commission_id']).where('code', '=', 'LZ-JW-XFS').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('clue')
    .values({
      commission_id: receiving.commission_id,
      year: 2026,
      source: 'PETITION_LETTER',
      received_on: '2026-01-05',
      receiving_org_id: receiving.id,
      title: '反映某局干部违规收受礼金问题',
      summary: '演示数据',
      subject_name: '演示人员丙',
      undertaking_org_id: await orgIdOf(db, 'LZ-JW-SC8'),
      propose_due: '2026-02-05',
      state: 'CASE_PROPOSED',
      ...set,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A second tenant with one org, one business account and one file: things the demo commission must never see. */
export async function createOtherCommission(db: Db) {
  const suffix = randomBytes(3).toString('hex');
  const c = await db
    .insertInto('commission')
    .values({ code: `OTHER-${suffix}`, name_zh: '另一纪委监委（测试）' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = await db
    .insertInto('org')
    .values({
      commission_id: c.id,
      code: 'ROOT',
      name_zh: '另一纪委监委',
      short_name: '另委',
      kind: 'MUNICIPAL_COMMISSION',
      doc_code: `另纪${suffix.replace(/\d/g, '')}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db.insertInto('person').values({ commission_id: c.id, name_zh: '外委干部', unit_id: org.id }).returning('id').executeTakeFirstOrThrow();
  const u = await db
    .insertInto('app_user')
    .values({
      commission_id: c.id,
      username: `other.${suffix}`,
      person_id: p.id,
      org_id: org.id,
      display_name: '外委干部',
      password_hash: 'x',
      must_change_password: false,
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: u.id, role: 'SECRETARY' }).execute();
  return { commissionId: c.id, orgId: org.id, userId: u.id, username: u.username };
}

/** A multipart/form-data body for app.inject: the fields first, then the file (if any). */
export function multipart(fields: Record<string, string>, file?: { filename: string; content: Buffer; contentType?: string; field?: string }) {
  const boundary = `----liandong${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A minimal ZIP (stored entries) whose local headers carry these names — enough for sniffing. */
export function zipWith(names: string[]): Buffer {
  const parts = names.map((name) => {
    const header = Buffer.alloc(30);
    header.write('PK\u0003\u0004', 0, 'latin1');
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    const data = Buffer.from('<x/>');
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    return Buffer.concat([header, Buffer.from(name), data]);
  });
  return Buffer.concat([...parts, Buffer.from('PK\u0005\u0006', 'latin1'), Buffer.alloc(18)]);
}

/**
 * POST /auth/login straight into the app, each call from a new address of the network `net` (e.g.
 * '10.8'), like a guesser spread over many machines: the per-address sign-in rate limit must not hide
 * what a test checks (the account lockout, the second factor). `app` is read at call time, after beforeAll.
 */
export function loginFromManyAddresses(net: string, app: () => FastifyInstance) {
  let n = 0;
  return (body: Record<string, unknown>) => {
    n++;
    return app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-requested-with': 'liandong' },
      remoteAddress: `${net}.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      payload: body,
    });
  };
}

/**
 * A service context for a demo account, for tests that call a service directly instead of over HTTP:
 * the given roles, cleared to 工作秘密, and either commission-wide or limited to the account's own org.
 */
export async function serviceCtx(db: Db, username: string, roles: Actor['roles'], scope: 'wide' | 'own' = 'wide'): Promise<Ctx> {
  const u = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const actor = actorWith(u, {
    roles,
    scope: scope === 'wide' ? { wide: true, orgIds: [] } : { wide: false, orgIds: [u.org_id] },
    clearance: 'WORK_SECRET',
  });
  return { db, actor, requestId: 'test', ip: '127.0.0.1' } as Ctx;
}
