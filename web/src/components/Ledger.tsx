import { DownloadOutlined } from '@ant-design/icons';
import type { Labelled } from '@liandong/domain/labels';
import { App, Button, Input, Select, type SelectProps, Table, type TablePaginationConfig, type TableProps } from 'antd';
import { type MouseEvent, type ReactNode, useState } from 'react';
import { type NavigateFunction, useNavigate } from 'react-router';
import { downloadFile } from '../api/client';
import { useApiErrorHandler } from '../lib/errors';
import { type TFunction, useI18n } from '../lib/i18n';
import { enumOptions, yearOptions } from '../lib/options';
import { QueryError } from './Results';

/*
 * The pieces of a ledger screen: the keyword search, multi-select enum filters, the Excel export
 * button and the paged table whose rows open the record. The filters stand in a toolbar without visible
 * labels: their placeholder is also their accessible name (axe `label`, issue 13).
 */

/** Keyword search: typed text stays local until 搜索 (Enter or the button); blank clears the filter. */
export function KeywordSearch({
  initial,
  placeholder,
  width,
  onSearch,
  testId,
}: {
  initial?: string;
  placeholder: string;
  width: number;
  onSearch: (q: string | undefined) => void;
  testId?: string;
}) {
  const [q, setQ] = useState(initial ?? '');
  return (
    <Input.Search
      allowClear
      style={{ width }}
      placeholder={placeholder}
      aria-label={placeholder}
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      data-testid={testId}
    />
  );
}

/** What every toolbar filter has: its placeholder is also its accessible name. */
interface FilterProps {
  placeholder: string;
  width: number;
  testId?: string;
}

/** The toolbar's select: clearable, named by its placeholder (cleared = no filter). */
function FilterSelect<V>({ placeholder, width, testId, ...rest }: FilterProps & Omit<SelectProps<V>, 'placeholder'>) {
  return <Select<V> allowClear style={{ width }} placeholder={placeholder} aria-label={placeholder} data-testid={testId} {...rest} />;
}

/** Multi-select of a shared enum (empty selection = no filter). */
export function EnumMultiSelect<T extends string>({
  labels,
  value,
  onChange,
  ...filter
}: FilterProps & { labels: Labelled<T>; value: T[] | undefined; onChange: (v: T[] | undefined) => void }) {
  const { label } = useI18n();
  return (
    <FilterSelect<T[]>
      {...filter}
      mode="multiple"
      maxTagCount="responsive"
      value={value ?? []}
      onChange={(v) => onChange(v.length ? v : undefined)}
      options={enumOptions(labels, label)}
    />
  );
}

/** Single-select of a shared enum (cleared = no filter). */
export function EnumSelect<T extends string>({
  labels,
  value,
  onChange,
  ...filter
}: FilterProps & { labels: Labelled<T>; value: T | undefined; onChange: (v: T | undefined) => void }) {
  const { label } = useI18n();
  return <FilterSelect<T> {...filter} value={value} onChange={onChange} options={enumOptions(labels, label)} />;
}

/** Year filter: next year and the six before it (cleared = every year). */
export function YearSelect({ value, onChange, ...filter }: FilterProps & { value: number | undefined; onChange: (v: number | undefined) => void }) {
  return <FilterSelect<number> {...filter} value={value} onChange={onChange} options={yearOptions()} />;
}

/** 导出Excel: downloads the file, says so, and shows the error if it fails. */
export function ExportButton({
  url,
  filename,
  success,
  children,
  testId,
  disabled,
}: {
  url: string;
  filename: string;
  success: string;
  children: ReactNode;
  testId?: string;
  disabled?: boolean;
}) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [exporting, setExporting] = useState(false);
  const doExport = async () => {
    setExporting(true);
    try {
      await downloadFile(url, filename);
      message.success(success);
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} disabled={disabled} data-testid={testId}>
      {children}
    </Button>
  );
}

export interface Paging {
  page: number;
  pageSize: number;
}

/** A total counted up to the server's cap (issue 12): 超过 N 条, with the exact count on request. */
export interface CappedTotal {
  totalCapped?: boolean;
  /** Asks the server for the exact total (`?exactTotal=true`). */
  onExactTotal?: () => void;
}

/** Pagination of a ledger: current page, size changer, 共 N 条 (or 超过 N 条 and 精确计数). */
export function ledgerPagination(
  t: TFunction,
  paging: Paging,
  total: number,
  onChange: (page: number, pageSize: number) => void,
  sizeChanger = true,
  capped: CappedTotal = {},
): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    ...(sizeChanger ? { showSizeChanger: true } : {}),
    showTotal: (n) =>
      capped.totalCapped ? (
        <span data-testid="ledger-total-capped">
          {t('common.totalCapped', { total: n })}
          {capped.onExactTotal ? (
            <Button type="link" size="small" onClick={capped.onExactTotal} data-testid="ledger-exact-total">
              {t('common.exactTotal')}
            </Button>
          ) : null}
        </span>
      ) : (
        t('common.total', { total: n })
      ),
    onChange,
  };
}

/** Row props that open the record on click (clicks on links and buttons inside the row stay theirs). */
export function rowLink<T>(navigate: NavigateFunction, href: (r: T) => string, testId?: (r: T) => string) {
  return (r: T) => ({
    onClick: (e: MouseEvent) => {
      if ((e.target as HTMLElement).closest('a,button')) return;
      void navigate(href(r));
    },
    style: { cursor: 'pointer' },
    ...(testId ? { 'data-testid': testId(r) } : {}),
  });
}

export interface LedgerQuery<T> {
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
  data?: { items: T[]; total: number; totalCapped?: boolean };
}

interface LedgerTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  query: LedgerQuery<T>;
  testId: string;
  paging: Paging;
  onPage: (page: number, pageSize: number) => void;
  /** Where a click on a row goes. */
  rowHref?: (r: T) => string;
  rowTestId?: (r: T) => string;
  sizeChanger?: boolean;
  /** Asks for the exact total when the server capped it (the ledger adds `exactTotal=true` to its query). */
  onExactTotal?: () => void;
}

/** The paged table of a ledger, or the query's error with a retry. */
export function LedgerTable<T extends object>({ query, testId, paging, onPage, rowHref, rowTestId, sizeChanger, onExactTotal, ...rest }: LedgerTableProps<T>) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      size="small"
      data-testid={testId}
      loading={query.isFetching}
      dataSource={query.data?.items ?? []}
      onRow={rowHref ? rowLink(navigate, rowHref, rowTestId) : undefined}
      pagination={ledgerPagination(t, paging, query.data?.total ?? 0, onPage, sizeChanger, {
        totalCapped: query.data?.totalCapped,
        onExactTotal,
      })}
      {...rest}
    />
  );
}
