import type { Labelled } from '@liandong/domain/labels';
import { LETTER_ORIGIN_LABELS, LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { LETTER_STATE_LABELS, type LetterState } from '@liandong/domain/reform/machine';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import type { FieldDef } from '../../components/entity';
import { formatDate } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import type { LetterListItem, LetterReplyStatus } from './api';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

export const LETTER_STATE_COLORS: Record<LetterState, string> = {
  DRAFTING: 'default',
  CONSULTING: 'cyan',
  UNDER_REVIEW: 'geekblue',
  APPROVED: 'purple',
  ISSUED: 'blue',
  SERVED: 'blue',
  OBJECTED: 'orange',
  AMENDING: 'magenta',
  RECTIFYING: 'gold',
  REPLIED: 'lime',
  EVALUATED: 'green',
  CLOSED: 'green',
  NON_COMPLIANT: 'red',
  ESCALATED: 'volcano',
  WITHDRAWN: 'default',
};

export const LETTER_TYPE_COLORS = { DISCIPLINE: 'red', SUPERVISION: 'blue', COMBINED: 'purple' } as const;

export function LetterStateTag({ state }: { state: LetterState }) {
  return <EnumTag labels={LETTER_STATE_LABELS} value={state} colors={LETTER_STATE_COLORS} />;
}

/** Days from today to a date (negative: past). */
export function daysLeft(due: string | null | undefined): number | null {
  if (!due) return null;
  return dayjs(due).startOf('day').diff(dayjs().startOf('day'), 'day');
}

/** 回复情况: not yet due (before service), pending with the days left, overdue in red, replied with the date. */
export function ReplyStatus({ letter }: { letter: Pick<LetterListItem, 'replyStatus' | 'replyDue' | 'repliedOn' | 'id'> }) {
  const { t } = useI18n();
  const status: LetterReplyStatus = letter.replyStatus;
  const left = daysLeft(letter.replyDue);
  const testId = `letter-reply-${letter.id}`;
  if (status === 'REPLIED')
    return (
      <Tag color="green" data-testid={testId} data-status={status}>
        {t('letter.replied', { date: formatDate(letter.repliedOn) })}
      </Tag>
    );
  if (status === 'OVERDUE')
    return (
      <Tag color="red" data-testid={testId} data-status={status}>
        {t('letter.replyOverdue', { days: left === null ? 0 : -left })}
      </Tag>
    );
  if (status === 'PENDING')
    return (
      <Typography.Text type={left !== null && left <= 5 ? 'warning' : 'secondary'} data-testid={testId} data-status={status}>
        {t('letter.replyPending', { days: left ?? 0 })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" data-testid={testId} data-status={status}>
      {t('letter.replyNotDue')}
    </Typography.Text>
  );
}

/** Columns of the 建议书台账, defined once. */
export function letterFields(t: TFunction, label: LabelFn): FieldDef<LetterListItem>[] {
  return [
    {
      key: 'docNo',
      title: t('letter.docNo'),
      width: 170,
      render: (l) => (
        <Link to={`/letters/${l.id}`} data-testid={`letter-link-${l.id}`}>
          {l.docNo ?? t('letter.unnumbered')}
        </Link>
      ),
    },
    { key: 'title', title: t('letter.title'), width: 260, ellipsis: true, render: (l) => <Tooltip title={l.title}>{l.title}</Tooltip> },
    { key: 'type', title: t('letter.type'), width: 150, render: (l) => <EnumTag labels={LETTER_TYPE_LABELS} value={l.type} colors={LETTER_TYPE_COLORS} /> },
    { key: 'origin', title: t('letter.origin'), width: 100, render: (l) => label(LETTER_ORIGIN_LABELS, l.origin) },
    { key: 'campaign', title: t('campaignLink.campaign'), width: 180, ellipsis: true, render: (l) => l.campaignName ?? '—' },
    { key: 'recipientName', title: t('letter.recipient'), width: 180, ellipsis: true },
    { key: 'draftingOrg', title: t('letter.draftingOrg'), width: 160, ellipsis: true, render: (l) => l.draftingOrg.name },
    { key: 'state', title: t('letter.state'), width: 130, render: (l) => <LetterStateTag state={l.state} /> },
    { key: 'issuedOn', title: t('letter.issuedOn'), width: 110, render: (l) => formatDate(l.issuedOn) },
    { key: 'replyDue', title: t('letter.replyDue'), width: 110, render: (l) => formatDate(l.replyDue) },
    { key: 'replyStatus', title: t('letter.replyStatus'), width: 150, render: (l) => <ReplyStatus letter={l} /> },
    { key: 'itemCount', title: t('letter.itemCount'), width: 80, render: (l) => String(l.itemCount) },
  ];
}

/** Label + value stacked (the figures at the top of a detail page). */

/** 2026年3月5日 — the 成文日期 form of GB/T 9704 (Arabic numerals, no leading zeros). */
export function chineseDate(iso: string | null | undefined): string {
  const d = iso ? dayjs(iso) : dayjs();
  return `${d.year()}年${d.month() + 1}月${d.date()}日`;
}
