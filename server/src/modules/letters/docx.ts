import { LETTER_TYPE_LABELS, type LetterType } from '@liandong/domain/reform/enums';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { openAttachment } from '../../platform/attachments/store';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { stampDocx } from '../../platform/official-doc-stamp';
import {
  type Block,
  bodyParagraphs,
  type DocCopy,
  heading1,
  officialDate,
  officialDay,
  organOfCommission,
  renderOfficialDoc,
  stampOf,
} from '../../platform/official-doc';
import { type CommissionInfo, commissionInfo, type ItemRow, type LetterRow } from './repo';

/*
 * 建议书 and 通报 as DOCX in the GB/T 9704 layout (domain.md f.2, f.3, f.7) through the shared builder
 * platform/official-doc.ts. A letter not yet issued renders as a 预览 marked 草稿（未编号）.
 */

type Q = Kysely<DB> | Transaction<DB>;

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (numbers of the recommendations, up to 99). */
export function zhNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
}

/**
 * The issuing organ(s) of a letter type from the commission's name: 纪律检查建议书 in the name of the
 * Party commission (中共…纪律检查委员会), 监察建议书 in the name of the 监察委员会, a combined letter jointly.
 */
export function organsOf(rootName: string, type: LetterType): string[] {
  const m = /^(.*?)(纪委监委)$/.exec(rootName);
  if (!m) return [rootName];
  const discipline = `中共${m[1]}纪律检查委员会`;
  const supervision = `${m[1]}监察委员会`;
  if (type === 'DISCIPLINE') return [discipline];
  if (type === 'SUPERVISION') return [supervision];
  return [discipline, supervision];
}

const watermarkOf = (actor: Actor, draft: boolean) => `${draft ? '草稿（未编号） ' : ''}导出人 ${actor.displayName}（${actor.username}） ${stampOf()}`;
const creatorOf = (actor: Actor) => `${actor.displayName}（${actor.username}）`;

/**
 * An issued 建议书 or 通报 as it was rendered and stored at issue, stamped with this exporter's watermark: the
 * issued text is immutable, so an export costs an unzip and a zip, not a render (issue 12).
 */
export async function issuedDocx(db: Q, cipher: FieldCipher, actor: Actor, attachmentId: string, copy: DocCopy = 'screen'): Promise<Buffer> {
  const row = await db
    .selectFrom('attachment')
    .select(['id', 'commission_id', 'key_id', 'sha256', 'content'])
    .where('id', '=', attachmentId)
    .where('commission_id', '=', actor.commissionId)
    .executeTakeFirst();
  if (!row) throw new AppError('INTERNAL', '正式文本文件缺失，无法导出', { attachmentId });
  return stampDocx(openAttachment(cipher, row), { watermark: watermarkOf(actor, false), creator: creatorOf(actor), copy });
}

export interface LetterDocInput {
  letter: Pick<
    LetterRow,
    'type' | 'title' | 'recipient_name' | 'background' | 'facts' | 'causes' | 'legal_basis' | 'reply_days' | 'objection_days' | 'objection_channel' | 'contact'
  >;
  items: readonly Pick<ItemRow, 'no' | 'text' | 'deadline'>[];
  draftingOrgName: string;
  /** null: a draft preview (草稿（未编号）). */
  docNo: string | null;
  /** 成文日期 (ISO date): the day of issue; for a draft, today. */
  date: string;
  /** print (正式文本) or screen copy (default). */
  copy?: DocCopy;
}

/** The letter's body: 监督调查情况, 主要问题及其产生的原因, the legal basis, the numbered recommendations, reply, objection, contact. */
function letterBody(i: LetterDocInput): Block[] {
  const l = i.letter;
  const kind = LETTER_TYPE_LABELS[l.type].zh;
  const blocks: Block[] = [];
  if (l.background.trim()) blocks.push(heading1('监督调查情况'), ...bodyParagraphs(l.background));
  if (l.facts.trim() || l.causes.trim()) blocks.push(heading1('主要问题及其产生的原因'), ...bodyParagraphs(l.facts), ...bodyParagraphs(l.causes));
  const basis = l.legal_basis.length ? l.legal_basis.join('、') : '有关规定';
  blocks.push(...bodyParagraphs(`根据${basis}，现向你单位提出如下建议：`));
  for (const it of i.items) {
    blocks.push(...bodyParagraphs(`${zhNumber(it.no)}、${it.text.replace(/[。；;.]\s*$/, '')}。请于${officialDay(it.deadline)}前完成。`));
  }
  blocks.push(
    ...bodyParagraphs(`请于收到本建议书之日起${l.reply_days}日内将采纳和整改情况书面函告本委。`),
    ...bodyParagraphs(
      `如对本${kind}有异议，可自收到之日起${l.objection_days}日内${l.objection_channel.trim() ? `通过${l.objection_channel.trim()}` : '以书面形式'}向本委提出。无正当理由拒不采纳的，本委将依规依纪依法追究责任。`,
    ),
  );
  if (l.contact.trim()) blocks.push(...bodyParagraphs(`联系人及联系方式：${l.contact.trim()}`));
  return blocks;
}

/** Renders a letter (issued with its 发文字号, or a 草稿 preview). */
export async function renderLetterDocx(db: Q, actor: Actor, input: LetterDocInput): Promise<Buffer> {
  return letterDocx(await commissionInfo(db, actor.commissionId), actor, input);
}

/**
 * Renders a letter from facts already read, without touching the database: issuing reads the
 * commission's names before it takes the 发文字号, so that the counter row is locked only while the
 * numbered text is rendered and stored, not while more queries wait their turn.
 */
export function letterDocx(info: CommissionInfo, actor: Actor, input: LetterDocInput): Promise<Buffer> {
  const { isDemo } = organOfCommission(info.nameZh);
  const organs = organsOf(info.rootName, input.letter.type);
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
    copyTo: input.draftingOrgName,
    printer: { name: `${info.rootName}办公室`, date },
    watermark: watermarkOf(actor, input.docNo === null),
    copy: input.copy,
    demo: isDemo,
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
}

/** Renders a 通报 (f.3) in the same layout, numbered 兰纪通〔年〕N号 once issued. */
export async function renderBulletinDocx(db: Q, actor: Actor, b: BulletinDocInput): Promise<Buffer> {
  const info = await commissionInfo(db, actor.commissionId);
  const { isDemo } = organOfCommission(info.nameZh);
  const date = b.date ? officialDay(b.date) : officialDate(new Date());
  return renderOfficialDoc({
    creator: creatorOf(actor),
    title: b.title,
    organMarks: [info.rootName],
    docNo: b.docNo,
    draftMark: b.docNo ? null : '草稿（未编号）',
    mainRecipient: b.recipients.trim() || null,
    body: bodyParagraphs(b.body),
    signature: { organs: [info.rootName], date },
    copyTo: null,
    printer: { name: `${info.rootName}办公室`, date },
    watermark: watermarkOf(actor, b.docNo === null),
    copy: b.copy,
    demo: isDemo,
  });
}
