import { type LetterDraftingDefaults, PERIOD_UNIT_LABELS, type PeriodUnit } from '@liandong/domain/reform/contracts-letters';
import type { LetterType } from '@liandong/domain/reform/enums';
import type { CSSProperties } from 'react';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { useLetterDraftingDefaults } from './api';
import { chineseDate } from './components';

/** What the preview needs of a letter (the editor's live values or a stored letter). */
export interface PreviewLetter {
  type?: LetterType;
  docNo?: string | null;
  title?: string;
  recipientName?: string;
  background?: string;
  facts?: string;
  causes?: string;
  legalBasis?: (string | undefined)[];
  items?: ({ text?: string; deadline?: string | null } | undefined)[];
  replyDays?: number | null;
  replyDaysReason?: string;
  objectionDays?: number | null;
  /** The letter's unit; a new letter: the setting's (drafting defaults). */
  objectionUnit?: PeriodUnit;
  objectionChannel?: string;
  copyTo?: (string | undefined)[];
  contact?: string;
  /** 成文日期: the issue date, or today for a draft. */
  issuedOn?: string | null;
  draft?: boolean;
}

/**
 * 发文机关 names for the letter type by the organs' formal short names (commission settings, as the DOCX
 * prints them): 纪律检查建议 by the discipline commission, 监察建议 by the 监委, both for a combined letter.
 * Until the defaults load, derived from the commission's name (××市纪委监委 → 中共××市纪委, ××市监委).
 */
export function issuerNames(commissionName: string, type: LetterType | undefined, organs?: LetterDraftingDefaults['organs']): string[] {
  const base = commissionName.replace(/（[^）]*）/g, '').trim();
  const city = base.endsWith('纪委监委') ? base.slice(0, -4) : null;
  if (!organs && !city) return [base];
  const discipline = organs?.discipline ?? `中共${city}纪委`;
  const supervision = organs?.supervision ?? `${city}监委`;
  if (type === 'DISCIPLINE') return [discipline];
  if (type === 'SUPERVISION') return [supervision];
  return [discipline, supervision];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => NUMERALS[n - 1] ?? String(n);

/** Paragraphs of a free text, each indented two characters. */
function Paras({ text }: { text?: string }) {
  const parts = (text ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text have no identity but their order
        <p key={i} style={S.para}>
          {p}
        </p>
      ))}
    </>
  );
}

/**
 * The letter in the GB/T 9704 layout, in HTML (domain.md f.7): red 发文机关标志 and red rule, 发文字号
 * (〔待编号〕 before issue), title, 主送, body with headings 一、二、三、, numbered recommendations each with
 * its deadline, reply and objection requirements, contact, 落款 and 成文日期. The DOCX is the record copy.
 */
export function LetterPreview({ letter }: { letter: PreviewLetter }) {
  const { t } = useI18n();
  const me = useMe();
  const defaults = useLetterDraftingDefaults();
  const issuers = issuerNames(me.user.commission.nameZh, letter.type, defaults.data?.organs);
  const unit = letter.objectionUnit ?? defaults.data?.objectionUnit ?? 'WORKING_DAYS';
  const reason = letter.replyDaysReason?.trim().replace(/[。；;，,.]+$/, '');
  const copyTo = (letter.copyTo ?? []).filter((c): c is string => Boolean(c?.trim()));
  const items = (letter.items ?? []).filter((i): i is { text?: string; deadline?: string | null } => Boolean(i?.text?.trim()));
  const basis = (letter.legalBasis ?? []).filter((b): b is string => Boolean(b?.trim()));
  let section = 0;
  const heading = (text: string) => {
    section += 1;
    return <p style={S.heading}>{`${numeral(section)}、${text}`}</p>;
  };
  return (
    <div style={S.sheet} data-testid="letter-preview" className="ld-letter-preview">
      {letter.draft ? <div style={S.draftMark}>{t('letter.previewDraft')}</div> : null}
      <div style={S.mark} data-testid="letter-preview-mark">
        {issuers.map((n) => (
          <div key={n}>{n}</div>
        ))}
      </div>
      <div style={S.docNo} data-testid="letter-preview-docno">
        {letter.docNo || '〔待编号〕'}
      </div>
      <div style={S.rule} />
      <div style={S.title}>{letter.title || t('letter.previewNoTitle')}</div>
      <p style={S.recipient}>{letter.recipientName ? `${letter.recipientName}：` : '　　：'}</p>
      <Paras text={letter.background} />
      {letter.facts?.trim() ? (
        <>
          {heading('发现的主要问题')}
          <Paras text={letter.facts} />
        </>
      ) : null}
      {letter.causes?.trim() ? (
        <>
          {heading('问题产生的原因')}
          <Paras text={letter.causes} />
        </>
      ) : null}
      {heading('整改建议')}
      {items.length ? (
        items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the numbered items are positional
          <p key={i} style={S.para} data-testid={`letter-preview-item-${i + 1}`}>
            {`（${numeral(i + 1)}）${item.text?.trim()}`}
            {item.deadline ? `（整改期限：${chineseDate(item.deadline)}前）` : ''}
          </p>
        ))
      ) : (
        <p style={{ ...S.para, color: '#999' }}>{t('letter.previewNoItems')}</p>
      )}
      {heading('有关要求')}
      <p style={S.para}>
        {`${reason ? `鉴于${reason}，` : ''}请于收到本建议书之日起${letter.replyDays ?? defaults.data?.replyDays ?? 30}日内将采纳和整改情况书面函告本委。`}
        {`如对本建议书有异议，可自收到本建议书之日起${letter.objectionDays ?? defaults.data?.objectionDays ?? 15}${PERIOD_UNIT_LABELS[unit].zh}内${letter.objectionChannel?.trim() ? `通过${letter.objectionChannel.trim()}` : '以书面形式'}向本委提出。`}
        {'无正当理由拒不采纳的，本委将依规依纪依法追究责任。'}
      </p>
      {basis.length ? <p style={S.para}>{`依据：${basis.join('；')}。`}</p> : null}
      {letter.contact?.trim() ? <p style={S.para}>{`联系人及电话：${letter.contact.trim()}`}</p> : null}
      <div style={S.signature}>
        {issuers.map((n) => (
          <div key={n}>{n}</div>
        ))}
        <div>{chineseDate(letter.issuedOn)}</div>
      </div>
      {copyTo.length ? <p style={{ ...S.para, textIndent: 0 }}>{`抄送：${copyTo.join('，')}。`}</p> : null}
      {defaults.data ? <p style={{ ...S.para, textIndent: 0 }} data-testid="letter-preview-printer">{`${defaults.data.organs.office}印发`}</p> : null}
      <div style={S.pageNo}>— 1 —</div>
    </div>
  );
}

const RED = '#d40000';
const FANGSONG = '"FangSong", "仿宋", "STFangsong", "FangSong_GB2312", serif';
const S: Record<string, CSSProperties> = {
  sheet: {
    position: 'relative',
    background: '#fff',
    color: '#000',
    maxWidth: 640,
    margin: '0 auto',
    padding: '48px 44px 28px 52px',
    boxShadow: '0 1px 6px rgba(0,0,0,0.15)',
    fontFamily: FANGSONG,
    fontSize: 15,
    lineHeight: 1.9,
  },
  draftMark: {
    position: 'absolute',
    top: 12,
    right: 16,
    border: `1px solid ${RED}`,
    color: RED,
    padding: '0 8px',
    fontSize: 13,
    letterSpacing: 4,
  },
  mark: {
    color: RED,
    textAlign: 'center',
    fontFamily: '"STZhongsong", "SimSun", "宋体", serif',
    fontWeight: 700,
    fontSize: 26,
    letterSpacing: 2,
    lineHeight: 1.35,
    marginTop: 12,
  },
  docNo: { textAlign: 'center', marginTop: 24 },
  rule: { borderTop: `2px solid ${RED}`, marginTop: 6, marginBottom: 28 },
  title: { textAlign: 'center', fontFamily: '"STZhongsong", "SimSun", "宋体", serif', fontWeight: 700, fontSize: 20, lineHeight: 1.5, marginBottom: 18 },
  recipient: { margin: 0 },
  para: { margin: 0, textIndent: '2em', whiteSpace: 'pre-wrap' },
  heading: { margin: 0, textIndent: '2em', fontFamily: '"SimHei", "黑体", sans-serif' },
  signature: { textAlign: 'right', marginTop: 36, paddingRight: '2em' },
  pageNo: { textAlign: 'right', paddingRight: '1em', marginTop: 28, fontFamily: '"SimSun", "宋体", serif', fontSize: 13 },
};
