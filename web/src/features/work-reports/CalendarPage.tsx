import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { CADENCE_LABELS, type Cadence, REPORTER_KIND_LABELS } from '@liandong/domain/work-reports/enums';
import { App, Button, Flex, Form, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EnumSelect, ExportButton, YearSelect } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useListFilters } from '../../lib/filters';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { currentYear, enumOptions } from '../../lib/options';
import { exportUrls, type Slot, type SlotFilters, useCreateReport, useReporters, useSetSchedule, useSlots } from './api';
import { ReportStateTag, SlotLightTag } from './shared';

const LIGHTS: Light[] = ['RED', 'YELLOW', 'GREEN', 'DONE'];

interface Row {
  orgId: string;
  orgName: string;
  cadence: Cadence;
  cells: Map<string, Slot>;
}

/**
 * 汇报计划: which county commission or dispatched group reports to the 常委会 when — a table of reporter org ×
 * period with the lights, filters and the Excel export; the 党风政风监督室 and the 书记 set the schedules; a
 * reporter org drafts the report of its own slot from here.
 */
export function CalendarPage() {
  const { t, label } = useI18n();
  // ?toApprove=true: the 工作台's card shows the reports waiting for my approval here, in every year.
  const [sp] = useSearchParams();
  const toApprove = sp.get('toApprove') === 'true' || undefined;
  const { filters, set } = useListFilters<SlotFilters>({ page: 1, pageSize: 200, year: toApprove ? undefined : currentYear(), toApprove });
  const query = useSlots(filters);
  const [scheduling, setScheduling] = useState(false);
  const page = query.data;

  const { periods, rows } = useMemo(() => {
    const periods = new Map<string, string>();
    const byOrg = new Map<string, Row>();
    for (const s of page?.items ?? []) {
      periods.set(`${s.periodStart}|${s.periodEnd}`, s.periodLabel);
      let row = byOrg.get(s.reporterOrg.id);
      if (!row) {
        row = { orgId: s.reporterOrg.id, orgName: s.reporterOrg.name, cadence: s.cadence, cells: new Map() };
        byOrg.set(s.reporterOrg.id, row);
      }
      row.cells.set(`${s.periodStart}|${s.periodEnd}`, s);
    }
    const sorted = [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return { periods: sorted, rows: [...byOrg.values()] };
  }, [page]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const counts = page?.counts;
  return (
    <Page
      title={t('workReport.calendarTitle')}
      description={t('workReport.calendarHint')}
      testId="report-calendar-page"
      extra={
        <Space>
          {page?.abilities.manage ? (
            <Button onClick={() => setScheduling(true)} data-testid="report-schedule">
              {t('workReport.setSchedule')}
            </Button>
          ) : null}
          <ExportButton
            url={exportUrls.calendar(filters)}
            filename={t('workReport.calendarFile')}
            success={t('workReport.exported')}
            testId="report-calendar-export"
          >
            {t('workReport.exportExcel')}
          </ExportButton>
        </Space>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        {filters.toApprove ? (
          <Tag closable onClose={() => set({ toApprove: undefined })} data-testid="report-to-approve">
            {t('workbench.card.reportApprovals')}
          </Tag>
        ) : null}
        <YearSelect width={110} placeholder={t('workReport.year')} value={filters.year} onChange={(year) => set({ year })} testId="report-year" />
        <EnumSelect labels={REPORTER_KIND_LABELS} width={170} placeholder={t('workReport.kind')} value={filters.kind} onChange={(kind) => set({ kind })} />
        <Segmented
          value={filters.light ?? 'ALL'}
          onChange={(v) => set({ light: v === 'ALL' ? undefined : (v as Light) })}
          data-testid="report-lights"
          options={[
            { value: 'ALL', label: t('workReport.allLights') },
            ...LIGHTS.map((l) => ({ value: l, label: `${label(LIGHT_LABELS, l)}${counts ? ` ${counts[l as keyof typeof counts]}` : ''}` })),
          ]}
        />
      </Flex>
      <Table<Row>
        rowKey="orgId"
        size="small"
        loading={query.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="report-calendar"
        columns={[
          { key: 'org', title: t('workReport.reporterOrg'), fixed: 'left', width: 240, render: (_, r) => r.orgName },
          { key: 'cadence', title: t('workReport.cadence'), width: 90, render: (_, r) => label(CADENCE_LABELS, r.cadence) },
          ...periods.map(([key, name]) => ({
            key,
            title: name,
            width: 220,
            render: (_: unknown, r: Row) => {
              const s = r.cells.get(key);
              return s ? <SlotCell slot={s} /> : null;
            },
          })),
        ]}
      />
      <ScheduleModal open={scheduling} onClose={() => setScheduling(false)} year={filters.year ?? currentYear()} />
    </Page>
  );
}

/** One slot: light, due day, the report's state, and the way into it (open, or draft for its own org). */
function SlotCell({ slot }: { slot: Slot }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const create = useCreateReport();
  const draft = async () => {
    try {
      const r = await create.mutateAsync({ slotId: slot.id });
      void navigate(`/work-reports/${r.id}`);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Flex vertical gap={2} data-testid={`slot-${slot.id}`}>
      <Space size={4}>
        <SlotLightTag value={slot.light} />
        <Typography.Text type="secondary">{formatDate(slot.dueOn)}</Typography.Text>
      </Space>
      {slot.report ? (
        <Space size={4}>
          <ReportStateTag value={slot.report.state} />
          {slot.report.title ? <Link to={`/work-reports/${slot.report.id}`}>{t('workReport.open')}</Link> : null}
        </Space>
      ) : slot.abilities.draft ? (
        <Button size="small" type="primary" loading={create.isPending} onClick={() => void draft()} data-testid={`slot-draft-${slot.id}`}>
          {t('workReport.draft')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('workReport.notDrafted')}</Typography.Text>
      )}
    </Flex>
  );
}

interface ScheduleValues {
  reporterOrgIds: string[];
  cadence: Cadence;
  year: number;
  dueOffsetDays: number;
}

/** 设定汇报计划: a cadence for one or more reporter orgs and the year to generate. */
function ScheduleModal({ open, onClose, year }: { open: boolean; onClose: () => void; year: number }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const reporters = useReporters(open);
  const setSchedule = useSetSchedule();
  const [form] = Form.useForm<ScheduleValues>();
  const submit = async (v: ScheduleValues) => {
    let created = 0;
    try {
      for (const reporterOrgId of v.reporterOrgIds) {
        created += (await setSchedule.mutateAsync({ reporterOrgId, cadence: v.cadence, year: v.year, dueOffsetDays: v.dueOffsetDays })).created;
      }
      message.success(t('workReport.scheduleDone', { created }));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open={open} title={t('workReport.setSchedule')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={setSchedule.isPending} destroyOnHidden>
      <Form<ScheduleValues> form={form} layout="vertical" initialValues={{ cadence: 'YEARLY', year, dueOffsetDays: 15 }} onFinish={(v) => void submit(v)}>
        <Form.Item name="reporterOrgIds" label={t('workReport.reporterOrg')} rules={[{ required: true, message: t('workReport.required') }]}>
          <Select
            mode="multiple"
            loading={reporters.isFetching}
            optionFilterProp="label"
            options={(reporters.data?.items ?? []).map((o) => ({
              value: o.id,
              label: o.cadence ? `${o.name}（${label(CADENCE_LABELS, o.cadence)}）` : o.name,
            }))}
            data-testid="schedule-orgs"
          />
        </Form.Item>
        <Form.Item name="cadence" label={t('workReport.cadence')} rules={[{ required: true }]}>
          <Select options={enumOptions(CADENCE_LABELS, label)} />
        </Form.Item>
        <Form.Item name="year" label={t('workReport.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="dueOffsetDays" label={t('workReport.dueOffsetDays')} extra={t('workReport.dueOffsetHint')} rules={[{ required: true }]}>
          <InputNumber min={-180} max={180} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
