import { ORG_KIND_LABELS, type OrgKind } from '@liandong/domain/org/enums';
import { Checkbox, Form, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { FilterBar } from '../../components/FilterBar';
import { QueryError } from '../../components/Results';
import { toColumns } from '../../components/entity';
import { useI18n } from '../../lib/i18n';
import { type Org, useOrgs } from './api';
import { orgFields } from './columns';

interface Filters {
  q?: string;
  kind?: OrgKind;
  includeRetired?: boolean;
}

/** 列表查询: the paged, filterable org list (same field definitions as the detail panel). */
export function OrgListTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useOrgs({ ...filters, q: filters.q?.trim() || undefined, includeRetired: filters.includeRetired || undefined, ...page });
  const columns = useMemo(() => toColumns(orgFields(t, label)), [t, label]);
  return (
    <>
      <FilterBar<Filters>
        form={form}
        onSearch={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('org.qPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')}>
          <Select allowClear style={{ width: 180 }} options={Object.keys(ORG_KIND_LABELS).map((k) => ({ value: k, label: label(ORG_KIND_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="includeRetired" valuePropName="checked">
          <Checkbox>{t('org.includeRetired')}</Checkbox>
        </Form.Item>
      </FilterBar>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Org>
          rowKey="id"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={columns}
          scroll={{ x: 1100 }}
          onRow={(o) => ({ onClick: () => onOpen(o.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
        />
      )}
    </>
  );
}
