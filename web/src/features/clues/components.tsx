import type { CalendarYearResultSchema } from '@liandong/domain/calendar/contracts';
import { CalendarUnconfirmedTag } from '../../components/CalendarUnconfirmedTag';
import { addWorkingDays, buildWorkCalendar, type WorkCalendar, workingDaysBetween } from '@liandong/domain/calendar/calendar';
import type { Labelled } from '@liandong/domain/labels';
import { CLUE_SOURCE_LABELS, OVERDUE_KIND_LABELS, type OverdueKind } from '@liandong/domain/clues/enums';
import { CLUE_STATE_LABELS, type ClueState } from '@liandong/domain/clues/machine';
import { useQueries } from '@tanstack/react-query';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api } from '../../api/client';
import { EnumTag } from '../../components/EnumTag';
import type { FieldDef } from '../../components/entity';
import { formatDate } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import type { ClueListItem } from './api';
import { TypologyTags } from './typology';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

export const CLUE_STATE_COLORS: Record<ClueState, string> = {
  RECEIVED: 'default',
  REGISTERED: 'cyan',
  ASSIGNED: 'geekblue',
  UNDER_ANALYSIS: 'blue',
  DISPOSITION_PROPOSED: 'gold',
  TALK_INQUIRY: 'purple',
  TALK_INQUIRY_REPORTED: 'purple',
  PRELIM_VERIFICATION: 'magenta',
  PRELIM_REPORTED: 'magenta',
  PENDING_HOLD: 'orange',
  CASE_PROPOSED: 'volcano',
  CLOSED: 'green',
  CLOSED_FIRST_FORM: 'green',
  TRANSFERRED_OUT: 'default',
  TRANSFERRED_TO_PARTY_ORG: 'default',
  MERGED: 'default',
  FALSE_ACCUSATION: 'lime',
  CASE_FILED: 'red',
  REOPENED: 'orange',
};

/** States in which the one-month 处置建议 limit still runs (as the server's overdue index). */
export const PROPOSAL_PENDING: readonly ClueState[] = ['RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED'];

/** "Due soon" window of the overdue board: 5 working days. */
export const SOON_WORKING_DAYS = 5;

export function ClueStateTag({ state }: { state: ClueState }) {
  return <EnumTag labels={CLUE_STATE_LABELS} value={state} colors={CLUE_STATE_COLORS} />;
}

/**
 * The commission's working calendar for the years around today (GET /api/v1/calendar?year=), so that
 * remaining days are counted in 工作日 with holidays and 调休 as the server counts them.
 */
export function useWorkCalendar(): WorkCalendar | null {
  const year = dayjs().year();
  const years = [year - 1, year, year + 1];
  const results = useQueries({
    queries: years.map((y) => ({
      queryKey: ['calendar', 'year', y],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<z.infer<typeof CalendarYearResultSchema>>('/api/v1/calendar', { year: y }, signal),
      staleTime: 10 * 60_000,
    })),
  });
  const ready = results.every((r) => r.data);
  const key = results.map((r) => r.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key tracks the query results
  return useMemo(() => (ready ? buildWorkCalendar(results.flatMap((r) => r.data?.days ?? [])) : null), [ready, key]);
}

/** Working days from today to `due` (0: due today; negative: overdue by that many working days). */
export function workingDaysLeft(cal: WorkCalendar | null, due: string): number {
  const today = dayjs().format('YYYY-MM-DD');
  if (cal) return workingDaysBetween(cal, today, due);
  return dayjs(due).startOf('day').diff(dayjs().startOf('day'), 'day');
}

export type DueLevel = 'overdue' | 'soon' | 'ok' | 'done';

/**
 * Overdue when due today or past; due soon when it falls by the 5th working day from today (the
 * server's window of the overdue board); otherwise ok.
 */
export function dueLevel(cal: WorkCalendar | null, due: string): DueLevel {
  const today = dayjs().format('YYYY-MM-DD');
  if (due <= today) return 'overdue';
  const soonUntil = cal ? addWorkingDays(cal, today, SOON_WORKING_DAYS) : dayjs().add(SOON_WORKING_DAYS, 'day').format('YYYY-MM-DD');
  return due <= soonUntil ? 'soon' : 'ok';
}

/** A due date with its remaining working days, red when due today or past, yellow within 5 working days. */
export function DueText({
  due,
  cal,
  done,
  testId,
  unconfirmed,
}: {
  due: string | null;
  cal: WorkCalendar | null;
  done?: boolean;
  testId?: string;
  /** The server counted this date past the maintained holiday years (calendarUnconfirmed). */
  unconfirmed?: boolean;
}) {
  const { t } = useI18n();
  if (!due) return <>—</>;
  if (done) {
    return (
      <span data-testid={testId} data-level="done">
        {formatDate(due)} <Tag color="green">{t('clue.done')}</Tag>
      </span>
    );
  }
  const left = workingDaysLeft(cal, due);
  const level = dueLevel(cal, due);
  const text = left < 0 ? t('clue.overdueDays', { days: -left }) : left === 0 ? t('clue.dueToday') : t('clue.dueInDays', { days: left });
  return (
    <Flex vertical gap={0} data-testid={testId} data-level={level}>
      <span>{formatDate(due)}</span>
      <Typography.Text type={level === 'overdue' ? 'danger' : level === 'soon' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {text}
      </Typography.Text>
      {unconfirmed ? <CalendarUnconfirmedTag /> : null}
    </Flex>
  );
}

/** Red tags for the overdue kinds the server flagged. */
export function OverdueFlags({ flags }: { flags: readonly OverdueKind[] }) {
  const { label } = useI18n();
  if (!flags.length) return null;
  return (
    <Flex gap={2} wrap>
      {flags.map((f) => (
        <Tag key={f} color="red" style={{ marginInlineEnd: 0 }}>
          {label(OVERDUE_KIND_LABELS, f)}
        </Tag>
      ))}
    </Flex>
  );
}

/** The ledger's due-date cell: red when the server flags an overdue kind, yellow when the proposal is due soon. */
export function LedgerDue({ item, cal }: { item: ClueListItem; cal: WorkCalendar | null }) {
  const { t, label } = useI18n();
  const running = PROPOSAL_PENDING.includes(item.state);
  const left = running ? workingDaysLeft(cal, item.proposeDue) : null;
  const soon = running && dueLevel(cal, item.proposeDue) === 'soon';
  const red = item.flags.length > 0;
  return (
    <Flex vertical gap={2} data-testid={`clue-due-${item.id}`} data-level={red ? 'overdue' : soon ? 'soon' : 'ok'}>
      <span>{formatDate(item.proposeDue)}</span>
      {red ? (
        <Tooltip title={item.flags.map((f) => label(OVERDUE_KIND_LABELS, f)).join('、')}>
          <Tag color="red" style={{ marginInlineEnd: 0, width: 'fit-content' }}>
            {t('clue.overdue')}
            {item.flags.length > 1 ? ` ×${item.flags.length}` : ''}
          </Tag>
        </Tooltip>
      ) : soon ? (
        <Tag color="gold" style={{ marginInlineEnd: 0, width: 'fit-content' }}>
          {t('clue.dueInDays', { days: left ?? 0 })}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** One column definition for the ledger (Ant Design Pro style: fields once, table and detail). */
export function clueFields(t: TFunction, label: LabelFn, cal: WorkCalendar | null): FieldDef<ClueListItem>[] {
  return [
    {
      key: 'clueNo',
      title: t('clue.clueNo'),
      width: 170,
      render: (c) => (
        <Link to={`/clues/${c.id}`} data-testid={`clue-link-${c.id}`}>
          {c.clueNo ?? <Typography.Text type="secondary">{t('clue.noNumber')}</Typography.Text>}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('clue.title'),
      width: 260,
      ellipsis: true,
      render: (c) => (
        <Link to={`/clues/${c.id}`} title={c.title}>
          {c.title}
        </Link>
      ),
    },
    { key: 'subjectName', title: t('clue.subject'), width: 100 },
    { key: 'subjectOrgName', title: t('clue.subjectUnit'), width: 170, ellipsis: true, render: (c) => c.subjectOrgName ?? '—' },
    { key: 'source', title: t('clue.source'), width: 120, render: (c) => label(CLUE_SOURCE_LABELS, c.source) },
    { key: 'campaign', title: t('campaignLink.campaign'), width: 180, ellipsis: true, render: (c) => c.campaignName ?? '—' },
    { key: 'typology', title: t('campaignLink.typology'), width: 180, render: (c) => <TypologyTags codes={c.typology} /> },
    { key: 'sector', title: t('problem.sector'), width: 110, render: (c) => c.sectorLabel ?? '—' },
    { key: 'state', title: t('clue.state'), width: 130, render: (c) => <ClueStateTag state={c.state} /> },
    { key: 'undertakingOrgName', title: t('clue.undertakingOrg'), width: 160, ellipsis: true, render: (c) => c.undertakingOrgName ?? '—' },
    { key: 'receivedOn', title: t('clue.receivedOn'), width: 110, render: (c) => formatDate(c.receivedOn) },
    { key: 'proposeDue', title: t('clue.proposeDue'), width: 160, render: (c) => <LedgerDue item={c} cal={cal} /> },
  ];
}
