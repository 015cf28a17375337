import { SafetyCertificateOutlined } from '@ant-design/icons';
import { AUDIT_EVENT_LABELS } from '@liandong/domain/platform/audit';
import type { AuditEvent } from '@liandong/domain/platform/audit';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Result, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { EntityDescriptions, toColumns } from '../../components/entity';
import { FilterBar } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type AuditFilters, useAuditEvents, useVerifyAudit } from './api';
import { auditFields } from './columns';

interface FilterForm {
  actor?: string;
  type?: string;
  objectType?: string;
  objectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  limit: number;
}

/** 安全审计: search the hash-chained audit trail and verify the chain (安全审计员 only). */
export function AuditPage() {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({ limit: 100 });
  const query = useAuditEvents(filters);
  const verify = useVerifyAudit();
  const onError = useApiErrorHandler();
  const [showVerify, setShowVerify] = useState(false);
  const fields = useMemo(() => auditFields(t, label), [t, label]);
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  const search = (v: FilterForm) =>
    setFilters({
      actor: v.actor?.trim() || undefined,
      type: v.type,
      objectType: v.objectType?.trim() || undefined,
      objectId: v.objectId?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      limit: v.limit || 100,
    });

  const runVerify = async () => {
    setShowVerify(true);
    try {
      await verify.mutateAsync();
    } catch (err) {
      setShowVerify(false);
      onError(err);
    }
  };

  const result = verify.data;
  return (
    <Page
      title={t('menu.audit')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => void runVerify()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      <FilterBar<FilterForm> form={form} initialValues={{ limit: 100 }} onSearch={search}>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="type" label={t('audit.type')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            options={Object.keys(AUDIT_EVENT_LABELS).map((k) => ({ value: k, label: label(AUDIT_EVENT_LABELS, k) }))}
          />
        </Form.Item>
        <Form.Item name="objectType" label={t('audit.objectType')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="objectId" label={t('audit.objectId')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="limit" label={t('common.limit')}>
          <InputNumber min={1} max={500} style={{ width: 90 }} />
        </Form.Item>
      </FilterBar>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={query.isFetching && !query.isFetchingNextPage}
          dataSource={rows}
          columns={toColumns(fields)}
          pagination={false}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (e) => <EntityDescriptions fields={fields} record={e} column={2} /> }}
          footer={() =>
            query.hasNextPage ? (
              <Button type="link" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('audit.end', { count: rows.length })}</Typography.Text>
            )
          }
        />
      )}
      <Modal open={showVerify} title={t('audit.verify')} footer={null} onCancel={() => setShowVerify(false)} width={620}>
        {verify.isPending || !result ? (
          <Result status="info" title={t('audit.verifying')} />
        ) : result.ok ? (
          <Result status="success" title={t('audit.chainOk')} subTitle={t('audit.checked', { count: result.checked })} data-testid="audit-verify-ok" />
        ) : (
          <Result status="error" title={t('audit.chainBroken')} subTitle={t('audit.checked', { count: result.checked })} data-testid="audit-verify-broken">
            <Table
              size="small"
              rowKey={(b) => `${b.kind}-${b.id}-${b.reason}`}
              pagination={false}
              dataSource={result.broken}
              columns={[
                { key: 'id', title: t('audit.id'), dataIndex: 'id', width: 100 },
                { key: 'reason', title: t('audit.reason'), dataIndex: 'reason' },
              ]}
            />
          </Result>
        )}
      </Modal>
    </Page>
  );
}
