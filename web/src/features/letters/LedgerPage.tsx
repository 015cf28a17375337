import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { REC_TYPE_LABELS, type RecType } from '@liandong/domain/reform/enums';
import { REC_STATE_LABELS, type RecState } from '@liandong/domain/reform/machine';
import { App, Button, Checkbox, Flex, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { toColumns } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { canOpen } from '../../lib/access';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { enumOptions, yearOptions } from '../../lib/options';
import { type LetterFilters, letterUrls, useLetters } from './api';
import { letterFields } from './components';

const STATES = Object.keys(REC_STATE_LABELS) as RecState[];
const TYPES = Object.keys(REC_TYPE_LABELS) as RecType[];
const SORTS = ['-createdAt', '-issuedOn', 'replyDue', '-docNo'] as const;

function readFilters(sp: URLSearchParams): LetterFilters {
  const year = Number(sp.get('year'));
  const type = sp.get('type');
  const states = (sp.get('state') ?? '').split(',').filter((s): s is RecState => STATES.includes(s as RecState));
  return {
    q: sp.get('q') || undefined,
    state: states.length ? states : undefined,
    type: TYPES.includes(type as RecType) ? (type as RecType) : undefined,
    recipientOrgId: sp.get('recipientOrgId') || undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    overdueReply: sp.get('overdueReply') === 'true' || undefined,
    sort: sp.get('sort') || undefined,
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20)),
  };
}

/** 建议书台账: the issuing office's ledger of letters with their reply status (overdue in red); Excel export. */
export function LedgerPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const query = useLetters(filters);
  const [q, setQ] = useState(filters.q ?? '');
  const [exporting, setExporting] = useState(false);
  const columns = useMemo(() => toColumns(letterFields(t, label)), [t, label]);

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await downloadFile(letterUrls.export(filters), t('letter.ledgerFile'));
      message.success(t('letter.exported'));
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={t('reform.menuLetters')}
      description={t('letter.ledgerHint')}
      testId="letters-page"
      extra={
        <>
          {canOpen('/letters/new', me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/letters/new')} data-testid="letter-new">
              {t('letter.new')}
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="letters-export">
            {t('letter.exportExcel')}
          </Button>
        </>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="letters-filters">
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t('letter.keyword')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          data-testid="letters-q"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 220 }}
          placeholder={t('letter.state')}
          value={filters.state ?? []}
          onChange={(v: RecState[]) => update({ state: v.length ? v.join(',') : undefined })}
          options={enumOptions(REC_STATE_LABELS, label)}
          data-testid="letters-state"
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('letter.type')}
          value={filters.type}
          onChange={(v) => update({ type: v })}
          options={enumOptions(REC_TYPE_LABELS, label)}
          data-testid="letters-type"
        />
        <OrgSelect
          style={{ width: 220 }}
          placeholder={t('letter.recipient')}
          value={filters.recipientOrgId}
          onChange={(v) => update({ recipientOrgId: typeof v === 'string' ? v : undefined })}
        />
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('letter.year')}
          value={filters.year}
          onChange={(v) => update({ year: v })}
          options={yearOptions()}
        />
        <Checkbox
          checked={Boolean(filters.overdueReply)}
          onChange={(e) => update({ overdueReply: e.target.checked ? 'true' : undefined })}
          data-testid="letters-overdue"
        >
          {t('letter.onlyOverdue')}
        </Checkbox>
        <Select
          style={{ width: 180, marginInlineStart: 'auto' }}
          value={filters.sort ?? '-createdAt'}
          onChange={(v) => update({ sort: v === '-createdAt' ? undefined : v })}
          options={SORTS.map((value) => ({ value, label: t(`letter.sort.${value}`) }))}
          aria-label={t('letter.sortLabel')}
        />
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          data-testid="letters-table"
          loading={query.isFetching}
          columns={columns}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 1500 }}
          onRow={(l) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              void navigate(`/letters/${l.id}`);
            },
            style: { cursor: 'pointer' },
            'data-testid': `letter-row-${l.id}`,
          })}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => update({ page, pageSize }),
          }}
        />
      )}
    </Page>
  );
}
