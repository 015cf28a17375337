import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, Modal, Row, Space, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type TaskDetail, useUnitTaskAction } from './api';

interface PlanValues {
  measures: string[];
  timetable: { step?: string; due?: Dayjs | null }[];
}

/** 报送整改方案: what the unit will do (措施) and by when (时间表). A returned plan is prefilled for correction. */
export function PlanModal({ task, open, onClose }: { task: TaskDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const action = useUnitTaskAction(task);
  const [form] = Form.useForm<PlanValues>();
  const initial: PlanValues = task.plan
    ? { measures: task.plan.measures, timetable: task.plan.timetable.map((s) => ({ step: s.step, due: dayjs(s.due) })) }
    : { measures: [''], timetable: [{}] };
  const submit = async (v: PlanValues) => {
    try {
      await action.mutateAsync({
        body: {
          action: 'submitPlan',
          measures: v.measures.map((m) => m.trim()),
          timetable: v.timetable.map((s) => ({ step: (s.step ?? '').trim(), due: s.due ? s.due.format('YYYY-MM-DD') : '' })),
        },
      });
      message.success(t('portal.done.plan'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  const required = { required: true, whitespace: true, message: t('portal.required') };
  return (
    <Modal
      open={open}
      title={t('portal.planTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('portal.planSubmit')}
      confirmLoading={action.isPending}
      okButtonProps={{ 'data-testid': 'portal-plan-submit' }}
      destroyOnHidden
      width={760}
    >
      <Typography.Paragraph type="secondary">{t('portal.planExplain', { date: dayjs(task.deadline).format('YYYY-MM-DD') })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} preserve={false}>
        <Typography.Title level={5}>{t('portal.measures')}</Typography.Title>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space.Compact key={field.key} style={{ width: '100%', marginBottom: 8 }}>
                  <Form.Item name={field.name} rules={[required, { max: 2000 }]} noStyle>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      placeholder={t('portal.measurePlaceholder', { no: i + 1 })}
                      data-testid={`portal-plan-measure-${i}`}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length <= 1} aria-label={t('portal.remove')} />
                </Space.Compact>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block style={{ marginBottom: 16 }} data-testid="portal-plan-add-measure">
                {t('portal.addMeasure')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('portal.timetable')}</Typography.Title>
        <Form.List name="timetable">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row key={field.key} gutter={8}>
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'step']} rules={[required, { max: 500 }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('portal.stepPlaceholder')} data-testid={`portal-plan-step-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="160px">
                    <Form.Item name={[field.name, 'due']} rules={[{ required: true, message: t('portal.required') }]} style={{ marginBottom: 8 }}>
                      <DatePicker placeholder={t('portal.stepDue')} style={{ width: '100%' }} data-testid={`portal-plan-due-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      disabled={fields.length <= 1}
                      aria-label={t('portal.remove')}
                    />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="portal-plan-add-step">
                {t('portal.addStep')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 报告整改进展 / 报告整改完成: what has been done, with evidence files (uploaded first, then referenced). */
export function ReportModal({ task, kind, onClose }: { task: TaskDetail; kind: 'reportProgress' | 'reportDone' | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const action = useUnitTaskAction(task);
  const [form] = Form.useForm<{ content: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const close = () => {
    setFiles([]);
    onClose();
  };
  const submit = async (v: { content: string }) => {
    if (!kind) return;
    try {
      await action.mutateAsync({
        body: { action: kind, content: v.content.trim() },
        files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f)),
      });
      message.success(t(kind === 'reportDone' ? 'portal.done.reportDone' : 'portal.done.reportProgress'));
      close();
    } catch (err) {
      onError(err, form);
    }
  };
  const done = kind === 'reportDone';
  return (
    <Modal
      open={kind !== null}
      title={done ? t('portal.reportDoneTitle') : t('portal.reportProgressTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={done ? t('portal.reportDoneSubmit') : t('portal.reportProgressSubmit')}
      confirmLoading={action.isPending}
      okButtonProps={{ 'data-testid': 'portal-report-submit' }}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{done ? t('portal.reportDoneExplain') : t('portal.reportProgressExplain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item
          name="content"
          label={t('portal.reportContent')}
          rules={[{ required: true, whitespace: true, message: t('portal.required') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} showCount maxLength={5000} data-testid="portal-report-content" />
        </Form.Item>
        <Form.Item label={t('portal.evidence')} extra={t('portal.evidenceHint')}>
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="portal-report-files">
            <Button icon={<UploadOutlined />}>{t('portal.chooseFiles')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
