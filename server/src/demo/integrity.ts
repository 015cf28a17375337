/**
 * 演示数据 — one 党风廉政意见回复 (FICTIONAL): the 市委组织部 asks for opinions on three cadres before
 * promotion; the 书记 runs the check in the whole clue book (the 干部监督室 itself does not see the
 * education group's clues), which finds the 校园餐 clue and case of 管玉洁 (an existing demo clue); the
 * 干部监督室 concludes 有问题但不影响使用 for her and 未发现影响使用的问题 for the other two; the leader
 * overseeing the 干部监督室 signs off; the reply is numbered 兰纪廉复〔2026〕N号 and issued.
 */
import { randomUUID } from 'node:crypto';
import { INTEGRITY_DOC_CODE } from '@liandong/domain/integrity/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { collectFor } from '../modules/integrity';
import { loadAccountActor } from '../platform/account-actor';
import { allocateDocNumber } from '../platform/numbering';

const fail = (what: string): never => {
  throw new Error(`${what} missing`);
};

const CADRES = [
  {
    name: '管玉洁',
    unit: 'LZ-HU-JYJ',
    unitName: '兰州市教育局',
    position: '后勤保障科科长',
    personName: '管玉洁',
    conclusion: 'CONCERNS' as const,
    opinion: '该同志2026年因在校园餐配送企业遴选中收受礼金问题受到党内警告处分（见本委问题线索和案件记录），处分影响期已满，有问题但不影响使用。',
  },
  {
    name: '岳明川',
    unit: 'LZ-HU-CZJ',
    unitName: '兰州市财政局',
    position: '预算科科长',
    personName: null,
    conclusion: 'CLEAR' as const,
    opinion: '经查，未发现该同志有违反党风廉政建设规定的问题线索和案件记录。',
  },
  {
    name: '柯晓岚',
    unit: 'LZ-HU-WJW',
    unitName: '兰州市卫生健康委员会',
    position: '规划发展科科长',
    personName: null,
    conclusion: 'CLEAR' as const,
    opinion: '经查，未发现该同志有违反党风廉政建设规定的问题线索和案件记录。',
  },
];

/** Loads the demo reply (issued, numbered) with its evidence lines and timeline. */
export async function loadDemoIntegrity(trx: Transaction<DB>, cid: string): Promise<void> {
  const orgs = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((o) => [o.code, o.id]));
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'username']).where('commission_id', '=', cid).execute()).map((u) => [u.username, u.id]),
  );
  const org = (code: string) => orgs.get(code) ?? fail(`demo org ${code}`);
  const user = (name: string) => users.get(name) ?? fail(`demo user ${name}`);
  // The loader's secretary as an actor: the collection runs through the same predicates as over HTTP.
  const secretary = await loadAccountActor(trx, { username: 'sj.secretary' });
  const id = randomUUID();
  const { no, text } = await allocateDocNumber(trx, {
    commissionId: cid,
    docCode: INTEGRITY_DOC_CODE,
    year: 2026,
    objectType: 'integrity_reply',
    objectId: id,
    userId: user('gbjd.staff'),
  });
  await trx
    .insertInto('integrity_reply')
    .values({
      id,
      commission_id: cid,
      requesting_org: '中共兰州市委组织部（演示数据）',
      request_doc_no: '兰组干函〔2026〕27号',
      purpose: '拟提拔任用市管干部',
      received_on: '2026-11-16',
      due_on: '2026-11-30',
      drafting_org_id: org('LZ-JW-GBJD'),
      state: 'ISSUED',
      submitted_by: user('gbjd.staff'),
      approved_by: user('cw4.member'),
      approved_at: new Date('2026-11-26T09:30:00+08:00'),
      doc_code: INTEGRITY_DOC_CODE,
      doc_year: 2026,
      doc_seq: no,
      doc_no: text,
      issued_on: '2026-11-27',
      created_by: user('gbjd.staff'),
    })
    .execute();
  for (const [i, c] of CADRES.entries()) {
    const person = c.personName
      ? ((await trx.selectFrom('person').select('id').where('commission_id', '=', cid).where('name_zh', '=', c.personName).executeTakeFirst())?.id ??
        fail(`demo person ${c.personName}`))
      : null;
    const cadre = await trx
      .insertInto('integrity_cadre')
      .values({
        commission_id: cid,
        reply_id: id,
        seq: i + 1,
        name_zh: c.name,
        unit_name: c.unitName,
        unit_org_id: org(c.unit),
        position: c.position,
        person_id: person,
        conclusion: c.conclusion,
        opinion: c.opinion,
        collected_at: new Date('2026-11-18T10:00:00+08:00'),
        collected_by: secretary.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lines = await collectFor(trx, secretary, { name_zh: c.name, unit_org_id: org(c.unit), person_id: person });
    if (c.conclusion === 'CONCERNS' && !lines.some((l) => l.source === 'clue')) throw new Error('demo integrity: the clue of 管玉洁 was not found');
    if (lines.length) {
      await trx
        .insertInto('integrity_evidence')
        .values(
          lines.map((l) => ({
            commission_id: cid,
            reply_id: id,
            cadre_id: cadre.id,
            source_type: l.source,
            source_id: l.source_id,
            ref_no: l.ref_no,
            title: l.title,
            source_state: l.state,
            happened_on: l.on,
            collected_by: secretary.userId,
            collected_at: new Date('2026-11-18T10:00:00+08:00'),
          })),
        )
        .execute();
    }
  }
  const timeline = [
    { action: 'register', to: 'DRAFT', by: 'gbjd.staff', at: '2026-11-16T15:00:00+08:00', comment: '登记市委组织部征求意见函' },
    { action: 'collect', to: null, by: 'sj.secretary', at: '2026-11-18T10:00:00+08:00', comment: '查询问题线索、案件和监督发现问题' },
    { action: 'submit', to: 'SUBMITTED', by: 'gbjd.staff', at: '2026-11-24T16:00:00+08:00', comment: null },
    { action: 'approve', to: 'APPROVED', by: 'cw4.member', at: '2026-11-26T09:30:00+08:00', comment: '同意' },
    { action: 'issue', to: 'ISSUED', by: 'gbjd.staff', at: '2026-11-27T11:00:00+08:00', comment: `编号印发，文号${text}` },
  ];
  await trx
    .insertInto('integrity_reply_event')
    .values(
      timeline.map((e) => ({
        commission_id: cid,
        reply_id: id,
        action: e.action,
        from_state: null,
        to_state: e.to,
        comment: e.comment,
        actor_id: user(e.by),
        at: new Date(e.at),
      })),
    )
    .execute();
}
