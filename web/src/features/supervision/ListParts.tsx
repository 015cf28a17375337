import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Empty, Flex, Form, Input, Modal, Row, Skeleton, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { downloadFile } from '../../api/client';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { ImportModal } from '../../components/ImportModal';
import { exportUrls, useAddConsultation, useImportItems, useProgressChart } from './api';
import { LIGHT_COLORS } from './components';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 推进情况: completed / in progress / overdue per month, with the total as a line (overdue is part of in progress, so the bar shows the rest). */
export function ProgressChart({ listId }: { listId: string }) {
  const { t } = useI18n();
  const query = useProgressChart(listId);
  const option = useMemo(() => {
    const points = query.data?.points ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => p.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('sup.chartCompleted'), type: 'bar', stack: 's', data: points.map((p) => p.completed), itemStyle: { color: LIGHT_COLORS.DONE } },
        {
          name: t('sup.chartInProgress'),
          type: 'bar',
          stack: 's',
          data: points.map((p) => Math.max(0, p.inProgress - p.overdue)),
          itemStyle: { color: LIGHT_COLORS.GREEN },
        },
        { name: t('sup.chartOverdue'), type: 'bar', stack: 's', data: points.map((p) => p.overdue), itemStyle: { color: LIGHT_COLORS.RED } },
        { name: t('sup.chartTotal'), type: 'line', data: points.map((p) => p.total), itemStyle: { color: '#8c8c8c' }, smooth: true },
      ],
    };
  }, [query.data, t]);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <Alert type="error" showIcon title={query.error.message} />;
  if (!query.data.points.length) return <Empty description={t('sup.noChart')} />;
  return (
    <div data-testid="list-progress-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
    </div>
  );
}

/** 导入监督事项: template, validation (dryRun), then the all-or-nothing import; per-row errors as a table. */
export function ImportItemsModal({ listId, open, onClose }: { listId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const onError = useApiErrorHandler();
  const importItems = useImportItems(listId);
  return (
    <ImportModal
      open={open}
      onClose={onClose}
      labels={{
        title: t('sup.importTitle'),
        hint: t('sup.importHint'),
        drop: t('sup.importDrop'),
        validate: t('sup.importValidate'),
        run: t('sup.importRun'),
        close: t('common.close'),
        rowsFailed: (count) => t('sup.importRowsFailed', { count }),
        sheet: t('sup.importSheet'),
        row: t('sup.importRow'),
        column: t('sup.importColumn'),
        message: t('sup.importMessage'),
      }}
      template={
        <Button type="link" icon={<DownloadOutlined />} onClick={() => downloadFile(exportUrls.template, 'template.xlsx').catch(onError)}>
          {t('sup.template')}
        </Button>
      }
      submit={async (file, dryRun) => {
        const result = await importItems.mutateAsync({ file, dryRun });
        return t(dryRun ? 'sup.importChecked' : 'sup.importDone', { created: result.created });
      }}
    />
  );
}

interface ConsultationValues {
  heldOn: Dayjs;
  place?: string;
  participants: { name: string; orgName?: string; role?: string }[];
  opinions: string;
}

/** 室组会商记录: date, place, participants and the opinions agreed. */
export function ConsultationModal({ listId, open, onClose }: { listId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddConsultation(listId);
  const [form] = Form.useForm<ConsultationValues>();
  const submit = async (v: ConsultationValues) => {
    try {
      await add.mutateAsync({
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        place: v.place?.trim() || undefined,
        participants: (v.participants ?? []).map((p) => ({
          orgId: null,
          orgName: p.orgName?.trim() || null,
          name: p.name.trim(),
          role: p.role?.trim() || null,
        })),
        opinions: v.opinions.trim(),
      });
      message.success(t('common.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sup.addConsultation')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'consultation-submit' }}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ heldOn: dayjs(), participants: [{ name: '' }] }}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="heldOn" label={t('sup.heldOn')} rules={[{ required: true, message: t('sup.heldOnRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="place" label={t('sup.place')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('sup.participants')}</Typography.Text>
        <Form.List
          name="participants"
          rules={[
            {
              validator: async (_, value: unknown[] | undefined) => {
                if (!value?.length) throw new Error(t('sup.participantsRequired'));
              },
            },
          ]}
        >
          {(fields, { add: addRow, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('sup.participantName') }]} style={{ flex: 1 }}>
                    <Input placeholder={t('sup.participantName')} aria-label={t('sup.participantName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'orgName']} style={{ flex: 2 }}>
                    <Input placeholder={t('sup.participantOrg')} aria-label={t('sup.participantOrg')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} style={{ flex: 1 }}>
                    <Input placeholder={t('sup.participantRole')} aria-label={t('sup.participantRole')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => addRow({ name: '' })} block style={{ marginBottom: 8 }}>
                {t('sup.addParticipant')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
        <Form.Item name="opinions" label={t('sup.opinions')} rules={[{ required: true, whitespace: true, message: t('sup.opinionsRequired') }, { max: 10000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
