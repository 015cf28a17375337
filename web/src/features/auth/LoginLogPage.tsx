import { Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { FilterBar } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { toColumns } from '../../components/entity';
import { useT } from '../../lib/i18n';
import { type LoginLogEntry, type LoginLogFilters, useLoginLog } from './api';
import { LOGIN_OUTCOMES, loginLogFields, outcomeLabel } from './columns';

const DEFAULTS: LoginLogFilters = { limit: 100 };

/** 登录日志 (security and audit administrators). */
export function LoginLogPage() {
  const t = useT();
  const [form] = Form.useForm<LoginLogFilters>();
  const [filters, setFilters] = useState<LoginLogFilters>(DEFAULTS);
  const query = useLoginLog(filters);
  return (
    <Page title={t('menu.adminLoginLog')}>
      <FilterBar form={form} initialValues={DEFAULTS} onSearch={(v) => setFilters({ ...v, username: v.username?.trim() || undefined })}>
        <Form.Item name="username" label={t('loginLog.username')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="outcome" label={t('loginLog.outcome')}>
          <Select allowClear style={{ width: 160 }} options={LOGIN_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(t, o) }))} />
        </Form.Item>
        <Form.Item name="limit" label={t('common.limit')}>
          <InputNumber min={1} max={500} style={{ width: 100 }} />
        </Form.Item>
      </FilterBar>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<LoginLogEntry>
          rowKey="id"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={toColumns(loginLogFields(t))}
          pagination={{ pageSize: 50, showSizeChanger: false }}
        />
      )}
    </Page>
  );
}
