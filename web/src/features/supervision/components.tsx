import type { Labelled } from '@liandong/domain/labels';
import { BASIS_LABELS, type Light, LIGHT_LABELS, LIST_TYPE_LABELS, METHOD_LABELS, SIDE_LABELS, FREQUENCY_LABELS } from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS, type ItemState } from '@liandong/domain/supervision/machine';
import { Flex, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EnumTag, EnumTags } from '../../components/EnumTag';
import { type FieldDef, toColumns } from '../../components/entity';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n, type TFunction } from '../../lib/i18n';
import type { Item } from './api';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

/** 督办灯 colours. */
export const LIGHT_COLORS: Record<Light, string> = {
  GREEN: '#52c41a',
  YELLOW: '#faad14',
  RED: '#f5222d',
  DONE: '#1677ff',
  NONE: '#bfbfbf',
};
const LIGHT_TAG: Record<Light, string> = { GREEN: 'success', YELLOW: 'warning', RED: 'error', DONE: 'processing', NONE: 'default' };

export const STATE_COLORS: Record<ItemState, string> = {
  DRAFT: 'default',
  CONSULTED: 'cyan',
  APPROVED: 'geekblue',
  IN_PROGRESS: 'blue',
  ISSUE_FOUND: 'orange',
  COMPLETED: 'green',
  CLOSED: 'purple',
  ADJUSTED: 'gold',
  CANCELLED: 'default',
};

export const LIST_TYPE_COLORS = { COMMON: 'red', INDIVIDUAL: 'blue' } as const;

/** A coloured dot with the light's label (督办灯). */
export function LightBadge({ light, itemId, compact }: { light: Light; itemId?: string; compact?: boolean }) {
  const { label } = useI18n();
  const dot = <span className="ld-light-dot" style={{ background: LIGHT_COLORS[light] }} />;
  const text = label(LIGHT_LABELS, light);
  return (
    <span className="ld-light" data-testid={itemId ? `item-light-${itemId}` : undefined} data-light={light}>
      {compact ? (
        <Tooltip title={text}>{dot}</Tooltip>
      ) : (
        <Tag color={LIGHT_TAG[light]} style={{ marginInlineEnd: 0 }}>
          {dot} {text}
        </Tag>
      )}
    </span>
  );
}

export function StateTag({ state }: { state: ItemState }) {
  return <EnumTag labels={ITEM_STATE_LABELS} value={state} colors={STATE_COLORS} />;
}

/** Days left to the due date (negative: overdue); null without a due date. */
function daysLeft(due: string | null): number | null {
  if (!due) return null;
  return dayjs(due).startOf('day').diff(dayjs().startOf('day'), 'day');
}

export function DueDate({ item }: { item: Pick<Item, 'dueDate' | 'light'> }) {
  const { t } = useI18n();
  if (!item.dueDate) return <>—</>;
  const left = daysLeft(item.dueDate);
  const active = item.light === 'RED' || item.light === 'YELLOW';
  return (
    <Flex vertical gap={0}>
      <span>{formatDate(item.dueDate)}</span>
      {active && left !== null ? (
        <Typography.Text type={item.light === 'RED' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
          {left < 0 ? t('sup.overdueDays', { days: -left }) : t('sup.dueInDays', { days: left })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function orgWithSide(label: LabelFn, side: string | null, name: string | null): ReactNode {
  if (!name) return '—';
  return (
    <span>
      {name}
      {side ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          · {label(SIDE_LABELS, side)}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** 监督事项: one definition for my-items, list items and the item details. */
export function itemFields(t: TFunction, label: LabelFn, opts: { showList?: boolean } = {}): FieldDef<Item>[] {
  const fields: FieldDef<Item>[] = [
    { key: 'light', title: t('sup.light'), width: 96, tableOnly: true, render: (i) => <LightBadge light={i.light} itemId={i.id} /> },
    { key: 'seq', title: t('sup.seq'), width: 60, render: (i) => i.seq },
    {
      key: 'matter',
      title: t('sup.matter'),
      width: 300,
      span: 'filled',
      render: (i) => (
        <span>
          <Link to={`/supervision/items/${i.id}`} data-testid={`item-link-${i.id}`}>
            {i.matter}
          </Link>
          {i.orderedBy ? (
            <Tag color="magenta" style={{ marginInlineStart: 6 }}>
              {t('sup.ordered')}
            </Tag>
          ) : null}
          {i.commonItemId ? (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('sup.common')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      key: 'list',
      title: t('sup.list'),
      width: 200,
      ellipsis: true,
      span: 'filled',
      render: (i) => (
        <span>
          <Link to={`/supervision/lists/${i.listId}`}>{i.listTitle}</Link>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.year} · {label(LIST_TYPE_LABELS, i.listType)}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'lead', title: t('sup.lead'), width: 170, tableOnly: true, render: (i) => i.leadOrgName },
    { key: 'assist', title: t('sup.assist'), width: 170, tableOnly: true, render: (i) => i.assistOrgName ?? '—' },
    { key: 'leadDetail', title: t('sup.lead'), detailOnly: true, render: (i) => orgWithSide(label, i.leadSide, i.leadOrgName) },
    { key: 'assistDetail', title: t('sup.assist'), detailOnly: true, render: (i) => orgWithSide(label, i.assistSide, i.assistOrgName) },
    { key: 'methods', title: t('sup.methods'), detailOnly: true, render: (i) => <EnumTags labels={METHOD_LABELS} values={i.methods} /> },
    { key: 'frequency', title: t('sup.frequency'), detailOnly: true, render: (i) => (i.frequency ? label(FREQUENCY_LABELS, i.frequency) : '—') },
    { key: 'dueDate', title: t('sup.dueDate'), width: 120, render: (i) => <DueDate item={i} /> },
    { key: 'state', title: t('sup.state'), width: 110, render: (i) => <StateTag state={i.state} /> },
    {
      key: 'lastProgressAt',
      title: t('sup.lastProgress'),
      width: 140,
      render: (i) => (i.lastProgressAt ? formatDateTime(i.lastProgressAt) : <Typography.Text type="secondary">{t('sup.noProgress')}</Typography.Text>),
    },
    {
      key: 'bases',
      title: t('sup.bases'),
      detailOnly: true,
      span: 'filled',
      render: (i) => <EnumTags labels={BASIS_LABELS} values={i.bases} colors={() => 'volcano'} />,
    },
    {
      key: 'hostUnits',
      title: t('sup.hostUnits'),
      detailOnly: true,
      render: (i) => (i.hostUnits.length ? i.hostUnits.map((h) => <Tag key={h.id}>{h.name}</Tag>) : '—'),
    },
    {
      key: 'responsibleUsers',
      title: t('sup.responsible'),
      detailOnly: true,
      render: (i) => (i.responsibleUsers.length ? i.responsibleUsers.map((u) => u.name).join('、') : '—'),
    },
    { key: 'orderedBy', title: t('sup.orderedBy'), detailOnly: true, render: (i) => i.orderedBy?.name ?? '—' },
  ];
  return opts.showList === false ? fields.filter((f) => f.key !== 'list') : fields;
}

interface ItemsTableProps extends Omit<TableProps<Item>, 'columns' | 'rowKey'> {
  showList?: boolean;
  testId?: string;
}

/** The items table shared by 我的事项 and 清单详情. */
export function ItemsTable({ showList = true, testId, ...rest }: ItemsTableProps) {
  const { t, label } = useI18n();
  const columns = toColumns(itemFields(t, label, { showList }));
  return (
    <div data-testid={testId}>
      <Table<Item> rowKey="id" size="middle" columns={columns} scroll={{ x: 1400 }} {...rest} />
    </div>
  );
}

/** 0.4567 → 46 */
export function percent(rate: number | null | undefined): number {
  return Math.round((rate ?? 0) * 1000) / 10;
}

export { currentYear, enumOptions, yearOptions } from '../../lib/options';
