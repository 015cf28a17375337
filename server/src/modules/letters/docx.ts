import { PERIOD_UNIT_LABELS } from '@liandong/domain/reform/contracts-letters';
import { LETTER_TYPE_LABELS, type LetterType } from '@liandong/domain/reform/enums';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { openAttachment, type StoredContent } from '../../platform/attachments/store';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { type PreparedPackage, prepareStamp, stampPrepared } from '../../platform/official-doc-stamp';
import { todayIso } from '../../platform/calendar';
import { type Block, bodyParagraphs, type DocCopy, heading1, officialDay, renderOfficialDoc, stampOf, zhOrdinal } from '../../platform/official-doc';
import { loadOrganNames, type OrganNames } from '../../platform/organs';
import { renderInPool } from './render-pool';
import type { ItemRow, LetterRow } from './repo';

/*
 * 建议书 and 通报 as DOCX in the GB/T 9704 layout (domain.md f.2, f.3, f.7) through the shared builder
 * platform/official-doc.ts. A letter not yet issued renders as a 预览 marked 草稿（未编号）.
 */

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The issuing organ(s) of a letter type, by the organs' formal short names (commission settings): 纪律检查建议书
 * in the name of the Party commission (中共××市纪委), 监察建议书 in the name of the 监委, a combined letter jointly.
 */
export function organsOf(organs: OrganNames, type: LetterType): string[] {
  if (type === 'DISCIPLINE') return [organs.discipline];
  if (type === 'SUPERVISION') return [organs.supervision];
  return organs.joint;
}

/** Laws named in full the first time and by their short name after (以下简称…). */
const LAW_SHORT_NAMES: readonly (readonly [string, string])[] = [
  ['《中华人民共和国监察法实施条例》', '监察法实施条例'],
  ['《中华人民共和国监察法》', '监察法'],
];

/**
 * The legal basis as one citation: consecutive articles of the same law under one name
 * (《中华人民共和国监察法》第十一条第（三）项、第五十二条第一款第（五）项), the laws joined with 、.
 */
export function citeLegalBasis(basis: readonly string[]): string {
  if (!basis.length) return '有关规定';
  const groups: { law: string; parts: string[] }[] = [];
  for (const b of basis) {
    const m = /^(《[^》]+》)(.*)$/.exec(b.trim());
    const law = m ? m[1]! : '';
    const part = m ? m[2]!.trim() : b.trim();
    const last = groups[groups.length - 1];
    if (last && law && last.law === law) last.parts.push(part);
    else groups.push({ law, parts: [part] });
  }
  return groups.map((g) => `${g.law}${g.parts.filter((p) => p !== '').join('、')}`).join('、');
}

/**
 * Names each law once in a sequence of paragraphs: the first occurrence in full — with （以下简称监察法）
 * when it recurs — every later one by its short name.
 */
export function nameLawsOnce(paragraphs: readonly string[]): string[] {
  let out = [...paragraphs];
  for (const [full, short] of LAW_SHORT_NAMES) {
    const total = out.reduce((n, p) => n + p.split(full).length - 1, 0);
    if (total < 2) continue;
    let seen = false;
    out = out.map((p) =>
      p.split(full).reduce((acc, piece, i) => {
        if (i === 0) return piece;
        const name = seen ? short : `${full}（以下简称${short}）`;
        seen = true;
        return `${acc}${name}${piece}`;
      }, ''),
    );
  }
  return out;
}

/** Who a document is rendered for: the exporter's name and account (plain data, so a render thread can take it). */
export type Exporter = Pick<Actor, 'displayName' | 'username'>;

const watermarkOf = (actor: Exporter, draft: boolean, at?: number) =>
  `${draft ? '草稿（未编号） ' : ''}导出人 ${actor.displayName}（${actor.username}） ${stampOf(at === undefined ? undefined : new Date(at))}`;
const creatorOf = (actor: Exporter) => `${actor.displayName}（${actor.username}）`;

/** Prepared stored packages (their directory read, the parts an export rewrites inflated), by the SHA-256 of their bytes. */
const prepared = new Map<string, PreparedPackage>();
const PREPARED_MAX = 512;

/** The prepared package of verified bytes: the same SHA-256 is the same bytes, so a package prepared once serves every export of it. */
function preparedOf(plain: Buffer, sha256: string): PreparedPackage {
  const hit = prepared.get(sha256);
  if (hit) {
    // Most recently used last: the oldest entry is the first one evicted.
    prepared.delete(sha256);
    prepared.set(sha256, hit);
    return hit;
  }
  const pkg = prepareStamp(plain);
  prepared.set(sha256, pkg);
  if (prepared.size > PREPARED_MAX) prepared.delete(prepared.keys().next().value!);
  return pkg;
}

/**
 * An issued 建议书 or 通报 as it was rendered and stored at issue, stamped with this exporter's watermark: the
 * issued text is immutable, so an export costs a check of the stored file (SM4 seal and SHA-256, every time) and a
 * splice of its header parts (official-doc-stamp.ts), not a render or a re-zip (issue 12).
 */
export function stampStored(cipher: FieldCipher, actor: Actor, row: StoredContent, copy: DocCopy = 'screen'): Buffer {
  return stampPrepared(checkedPackage(cipher, row), { watermark: watermarkOf(actor, false), creator: creatorOf(actor), copy });
}

/** Stored files checked once, by attachment id: the sealed bytes as read then and their prepared package. */
const checked = new Map<string, { commissionId: string; keyId: string | null; sha256: string; sealed: Buffer; pkg: PreparedPackage }>();

/**
 * The prepared package of a stored file, checked at every export: the sealed bytes read now are compared with the
 * sealed bytes this node opened and checked before under the same attachment, commission, key and SHA-256 — equal
 * bytes are the same checked text (a byte-compare instead of the SM4 open and SHA-256 of the whole file, issue 12) —
 * else opened and checked afresh (openAttachment: an altered file is refused) and remembered. The cache is
 * bounded like `prepared` (the oldest evicted).
 */
function checkedPackage(cipher: FieldCipher, row: StoredContent): PreparedPackage {
  const hit = checked.get(row.id);
  if (
    hit &&
    row.key_id !== null &&
    row.key_id === cipher.keyId &&
    hit.keyId === row.key_id &&
    hit.commissionId === row.commission_id &&
    hit.sha256 === row.sha256 &&
    hit.sealed.equals(row.content)
  ) {
    checked.delete(row.id);
    checked.set(row.id, hit);
    return hit.pkg;
  }
  const pkg = preparedOf(openAttachment(cipher, row), row.sha256);
  checked.set(row.id, { commissionId: row.commission_id, keyId: row.key_id, sha256: row.sha256, sealed: Buffer.from(row.content), pkg });
  if (checked.size > PREPARED_MAX) checked.delete(checked.keys().next().value!);
  return pkg;
}

/** The issued text (bytes whose SHA-256 is `sha256`, already checked) with this exporter's watermark and author. */
export function stampIssued(actor: Exporter, plain: Buffer, sha256: string, copy: DocCopy = 'screen'): Buffer {
  return stampPrepared(preparedOf(plain, sha256), { watermark: watermarkOf(actor, false), creator: creatorOf(actor), copy });
}

/** stampStored of the attachment by its id (the 通报's export; the letter's reads it with the letter). */
export async function issuedDocx(db: Q, cipher: FieldCipher, actor: Actor, attachmentId: string, copy: DocCopy = 'screen'): Promise<Buffer> {
  const row = await db
    .selectFrom('attachment')
    .select(['id', 'commission_id', 'key_id', 'sha256', 'content'])
    .where('id', '=', attachmentId)
    .where('commission_id', '=', actor.commissionId)
    .executeTakeFirst();
  if (!row) throw new AppError('INTERNAL', '正式文本文件缺失，无法导出', { attachmentId });
  return stampStored(cipher, actor, row, copy);
}

export interface LetterDocInput {
  letter: Pick<
    LetterRow,
    | 'type'
    | 'title'
    | 'recipient_name'
    | 'background'
    | 'facts'
    | 'causes'
    | 'legal_basis'
    | 'reply_days'
    | 'reply_days_reason'
    | 'objection_days'
    | 'objection_unit'
    | 'objection_channel'
    | 'copy_to'
    | 'contact'
  >;
  items: readonly Pick<ItemRow, 'no' | 'text' | 'deadline'>[];
  /** null: a draft preview (草稿（未编号）). */
  docNo: string | null;
  /** 成文日期 (ISO date): the day of issue; for a draft, today. */
  date: string;
  /** print (正式文本) or screen copy (default). */
  copy?: DocCopy;
  /** The time in the watermark line (epoch ms; default now): taken on the request's thread. */
  at?: number;
}

type Part = { kind: 'h1' | 'p'; text: string };

/**
 * The letter's text (f.2): 监督调查情况, 主要问题及其产生的原因, the legal basis, the numbered recommendations
 * (一、 for the sections, （一） for the recommendations under theirs: one hierarchy),
 * the reply period (with its reason above 30 days), the objection period in its unit and manner, contact —
 * with each law named once.
 */
export function letterText(i: Pick<LetterDocInput, 'letter' | 'items'>): Part[] {
  const l = i.letter;
  const kind = LETTER_TYPE_LABELS[l.type].zh;
  const parts: Part[] = [];
  const paras = (text: string) =>
    text
      .split(/\n+/)
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .forEach((t) => {
        parts.push({ kind: 'p', text: t });
      });
  if (l.background.trim()) {
    parts.push({ kind: 'h1', text: '监督调查情况' });
    paras(l.background);
  }
  if (l.facts.trim() || l.causes.trim()) {
    parts.push({ kind: 'h1', text: '主要问题及其产生的原因' });
    paras(l.facts);
    paras(l.causes);
  }
  // One hierarchy (GB/T 9704 7.3.3): with sections, the recommendations and the requirements are sections
  // too and each recommendation is a second level （一）; without, the recommendations are the first level 一、.
  const sectioned = parts.length > 0;
  if (sectioned) parts.push({ kind: 'h1', text: kind.replace(/书$/, '') });
  parts.push({ kind: 'p', text: `根据${citeLegalBasis(l.legal_basis)}，现向你单位提出如下建议：` });
  for (const it of i.items) {
    const no = sectioned ? `（${zhOrdinal(it.no)}）` : `${zhOrdinal(it.no)}、`;
    parts.push({ kind: 'p', text: `${no}${it.text.replace(/[。；;.]\s*$/, '')}。请于${officialDay(it.deadline)}前完成。` });
  }
  if (sectioned) parts.push({ kind: 'h1', text: '有关要求' });
  const reason = l.reply_days_reason.trim().replace(/[。；;，,.]+$/, '');
  parts.push({
    kind: 'p',
    text: `${reason ? `鉴于${reason}，` : ''}请于收到本建议书之日起${l.reply_days}日内将采纳和整改情况书面函告本委。`,
  });
  const manner = l.objection_channel.trim() ? `通过${l.objection_channel.trim()}` : '以书面形式';
  parts.push({
    kind: 'p',
    text: `如对本${kind}有异议，可自收到本建议书之日起${l.objection_days}${PERIOD_UNIT_LABELS[l.objection_unit].zh}内${manner}向本委提出。无正当理由拒不采纳的，本委将依规依纪依法追究责任。`,
  });
  if (l.contact.trim()) parts.push({ kind: 'p', text: `联系人及联系方式：${l.contact.trim()}` });
  const named = nameLawsOnce(parts.map((p) => p.text));
  return parts.map((p, k) => ({ kind: p.kind, text: named[k]! }));
}

function letterBody(i: LetterDocInput): Block[] {
  let h1 = 0;
  return letterText(i).flatMap((p) => (p.kind === 'h1' ? [heading1(p.text, ++h1)] : bodyParagraphs(p.text)));
}

/**
 * Renders a letter (a 草稿 preview, or the issued text of a letter numbered without one) in the render pool
 * (render-pool.ts), off the request's thread.
 */
export async function renderLetterDocx(db: Q, actor: Actor, input: LetterDocInput): Promise<Buffer> {
  const info = await loadOrganNames(db, actor.commissionId);
  return renderInPool({ kind: 'letter', info, actor: exporterOf(actor), input: { ...input, at: input.at ?? Date.now() } });
}

const exporterOf = (actor: Actor): Exporter => ({ displayName: actor.displayName, username: actor.username });

/**
 * Renders a letter from facts already read, without touching the database: issuing reads the
 * commission's names before it takes the 发文字号, so that the counter row is locked only while the
 * numbered text is rendered and stored, not while more queries wait their turn.
 */
export function letterDocx(info: OrganNames, actor: Exporter, input: LetterDocInput): Promise<Buffer> {
  const organs = organsOf(info, input.letter.type);
  const date = officialDay(input.date);
  return renderOfficialDoc({
    creator: creatorOf(actor),
    title: input.letter.title,
    organMarks: organs,
    docNo: input.docNo,
    draftMark: input.docNo ? null : '草稿（未编号）',
    mainRecipient: input.letter.recipient_name,
    body: letterBody(input),
    signature: { organs, date },
    // 抄送: the organs named on the letter, never the drafting office (it keeps the file copy).
    copyTo: input.letter.copy_to.length ? input.letter.copy_to.join('，') : null,
    printer: { name: info.office, date },
    watermark: watermarkOf(actor, input.docNo === null, input.at),
    copy: input.copy,
    demo: info.isDemo,
  });
}

export interface BulletinDocInput {
  title: string;
  recipients: string;
  body: string;
  docNo: string | null;
  date: string | null;
  /** print (正式文本) or screen copy (default). */
  copy?: DocCopy;
  /** The time in the watermark line (epoch ms; default now). */
  at?: number;
}

/** Renders a 通报 (f.3) in the same layout, numbered 兰纪通〔年〕N号 once issued — on this thread (its issuing transaction). */
export async function renderBulletinDocx(db: Q, actor: Actor, b: BulletinDocInput): Promise<Buffer> {
  return bulletinDocx(await loadOrganNames(db, actor.commissionId), actor, { ...b, date: b.date ?? todayIso() });
}

/** renderBulletinDocx in the render pool: a draft 通报's export. */
export async function draftBulletinDocx(db: Q, actor: Actor, b: BulletinDocInput): Promise<Buffer> {
  const info = await loadOrganNames(db, actor.commissionId);
  return renderInPool({ kind: 'bulletin', info, actor: exporterOf(actor), input: { ...b, date: b.date ?? todayIso(), at: b.at ?? Date.now() } });
}

/** A 通报 from facts already read (its date resolved), without touching the database. */
export function bulletinDocx(info: OrganNames, actor: Exporter, b: BulletinDocInput): Promise<Buffer> {
  const date = officialDay(b.date ?? todayIso());
  return renderOfficialDoc({
    creator: creatorOf(actor),
    title: b.title,
    // A 通报 is issued jointly: the organs' formal short names on two lines (not "××市纪委监委").
    organMarks: info.joint,
    docNo: b.docNo,
    draftMark: b.docNo ? null : '草稿（未编号）',
    mainRecipient: b.recipients.trim() || null,
    body: bodyParagraphs(b.body),
    signature: { organs: info.joint, date },
    copyTo: null,
    printer: { name: info.office, date },
    watermark: watermarkOf(actor, b.docNo === null, b.at),
    copy: b.copy,
    demo: info.isDemo,
  });
}
