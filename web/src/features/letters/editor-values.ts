import { CAUSE_CATEGORY_LABELS, type LetterOrigin, type LetterType } from '@liandong/domain/reform/enums';
import { REPLY_DAYS_WITHOUT_REASON } from '@liandong/domain/reform/contracts-letters';
import dayjs, { type Dayjs } from 'dayjs';
import { toIsoDay } from '../../lib/format';
import type { useI18n } from '../../lib/i18n';
import type { LetterDetail, useSourceRecord } from './api';

/*
 * The letter editor's values: what the form starts from (a stored letter, a 以案促改 record or nothing) and the body it
 * saves.
 */

/** The editor's form values (days as dayjs, optional fields as typed so far). */
export interface LetterFormValues {
  type: LetterType;
  origin: LetterOrigin;
  recordId?: string;
  caseId?: string;
  /** 所属专项整治: required for origin CAMPAIGN; a record's letter takes the record's. */
  campaignId?: string;
  recipientOrgId?: string;
  recipientName?: string;
  title?: string;
  background?: string;
  facts?: string;
  causes?: string;
  legalBasis: string[];
  items: { text?: string; deadline?: Dayjs | null }[];
  replyDays?: number | null;
  replyDaysReason?: string;
  objectionDays?: number | null;
  objectionChannel?: string;
  copyTo?: string[];
  contact?: string;
}

/** Bases most letters cite (监察法 2024 art.11(3) duty and art.52(5) disposal; 监督执纪工作规则 art.19). */
export const COMMON_BASIS: Record<LetterType, string[]> = {
  SUPERVISION: ['《中华人民共和国监察法》第十一条第三项', '《中华人民共和国监察法》第五十二条第一款第五项'],
  DISCIPLINE: ['《中国共产党纪律检查机关监督执纪工作规则》第十九条'],
  COMBINED: ['《中国共产党纪律检查机关监督执纪工作规则》第十九条', '《中华人民共和国监察法》第五十二条第一款第五项'],
};

/** The form values of a stored letter. */
export function fromLetter(l: LetterDetail): LetterFormValues {
  return {
    type: l.type,
    origin: l.origin,
    recordId: l.recordId ?? undefined,
    caseId: l.caseId ?? undefined,
    campaignId: l.campaignId ?? undefined,
    recipientOrgId: l.recipientOrgId,
    recipientName: l.recipientName,
    title: l.title,
    background: l.background,
    facts: l.facts,
    causes: l.causes,
    legalBasis: l.legalBasis,
    items: l.items.map((i) => ({ text: i.text, deadline: dayjs(i.deadline) })),
    replyDays: l.replyDays,
    replyDaysReason: l.replyDaysReason,
    objectionDays: l.objectionDays,
    objectionChannel: l.objectionChannel,
    copyTo: l.copyTo,
    contact: l.contact,
  };
}

/** The 以案促改 record a new letter is drafted from. */
export type SourceRecord = NonNullable<ReturnType<typeof useSourceRecord>['data']>;
type I18n = ReturnType<typeof useI18n>;

/** The form values of a new letter: the defaults, prefilled from the record it is drafted from (unit, problems, causes). */
export function newLetterValues(record: SourceRecord | null, t: I18n['t'], label: I18n['label']): LetterFormValues {
  const base: LetterFormValues = {
    type: 'SUPERVISION',
    origin: 'SUPERVISION',
    legalBasis: COMMON_BASIS.SUPERVISION,
    items: [{}, {}],
    replyDays: 30,
    // The objection period and its unit come from the commission's settings (server default).
  };
  if (!record) return base;
  const problems = record.problems.map((p, i) => `${i + 1}. ${p.description}`).join('\n');
  const categories = record.causeCategories.map((c) => label(CAUSE_CATEGORY_LABELS, c)).join('、');
  return {
    ...base,
    origin: record.case ? 'CASE' : record.origin === 'CAMPAIGN' ? 'CAMPAIGN' : 'SUPERVISION',
    recordId: record.id,
    caseId: record.case?.id,
    campaignId: record.campaignId ?? undefined,
    recipientOrgId: record.unit.id,
    recipientName: record.unit.name,
    title: t('letter.defaultTitle', { unit: record.unit.name }),
    background: record.case ? t('letter.defaultBackground', { title: record.case.title }) : '',
    facts: problems,
    causes: [categories ? `${t('letter.causeCategories')}：${categories}` : '', record.rootCauses].filter(Boolean).join('\n'),
  };
}

/** The body a save sends (create or patch): trimmed texts, ISO days, the reason only when the reply period needs one. */
export function letterBody(v: LetterFormValues) {
  return {
    type: v.type,
    recipientOrgId: v.recipientOrgId ?? '',
    recipientName: v.recipientName?.trim() || undefined,
    title: (v.title ?? '').trim(),
    background: (v.background ?? '').trim(),
    facts: (v.facts ?? '').trim(),
    causes: (v.causes ?? '').trim(),
    legalBasis: v.legalBasis.map((b) => b?.trim()).filter(Boolean),
    items: v.items.map((i) => ({ text: (i.text ?? '').trim(), deadline: toIsoDay(i.deadline) ?? '' })),
    replyDays: v.replyDays ?? undefined,
    replyDaysReason: (v.replyDays ?? 0) > REPLY_DAYS_WITHOUT_REASON ? (v.replyDaysReason?.trim() ?? '') : '',
    objectionDays: v.objectionDays ?? undefined,
    objectionChannel: v.objectionChannel?.trim() ?? '',
    copyTo: (v.copyTo ?? []).map((c) => c.trim()).filter(Boolean),
    contact: v.contact?.trim() ?? '',
  };
}
