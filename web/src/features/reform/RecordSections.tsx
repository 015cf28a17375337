import { DictionarySelect } from '../../components/DictionarySelect';
import { EditableCard } from '../../components/EditableCard';
import { PlusOutlined } from '@ant-design/icons';
import { CAUSE_CATEGORY_LABELS, LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { LETTER_STATE_LABELS } from '@liandong/domain/reform/machine';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { EnumTag, EnumTags } from '../../components/EnumTag';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ReformRecordDetail, useAddProblem, usePatchRecord } from './api';
import { LightBadge, TaskStateTag } from './components';

/** 问题清单: problems noted while the case runs (边查处、边发现、边剖析、边建议). */
export function ProblemsCard({ record }: { record: ReformRecordDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={t('reform.problems')}
      style={{ marginBottom: 12 }}
      data-testid="reform-problems"
      extra={
        record.abilities.addProblem ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="reform-problem-add">
            {t('reform.addProblem')}
          </Button>
        ) : null
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={record.problems}
        locale={{ emptyText: t('reform.noProblems') }}
        columns={[
          { key: 'seq', title: '#', width: 48, render: (_, p) => p.seq },
          { key: 'description', title: t('reform.problem'), render: (_, p) => <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> },
          { key: 'category', title: t('reform.category'), width: 170, render: (_, p) => <EnumTag labels={CAUSE_CATEGORY_LABELS} value={p.category} /> },
          { key: 'foundOn', title: t('reform.foundOn'), width: 110, render: (_, p) => formatDate(p.foundOn) },
        ]}
      />
      <ProblemModal recordId={record.id} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

function ProblemModal({ recordId, open, onClose }: { recordId: string; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddProblem(recordId);
  type V = { description: string; category: keyof typeof CAUSE_CATEGORY_LABELS; foundOn?: Dayjs };
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    try {
      await add.mutateAsync({ description: v.description.trim(), category: v.category, foundOn: v.foundOn?.format('YYYY-MM-DD') });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('reform.addProblem')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'reform-problem-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false} initialValues={{ foundOn: dayjs() }}>
        <Form.Item name="description" label={t('reform.problem')} rules={[{ required: true, whitespace: true, message: t('acc.required') }, { max: 5000 }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="reform-problem-text" />
        </Form.Item>
        <Form.Item name="category" label={t('reform.category')} rules={[{ required: true, message: t('acc.required') }]}>
          <Select options={enumOptions(CAUSE_CATEGORY_LABELS, label)} data-testid="reform-problem-category" />
        </Form.Item>
        <Form.Item name="foundOn" label={t('reform.foundOn')}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 原因剖析: the root causes in words, their categories and the sector (for 类案 suggestions). */
export function CausesCard({ record }: { record: ReformRecordDetail }) {
  const { t, label } = useI18n();
  const patch = usePatchRecord(record);
  type V = { rootCauses: string; causeCategories: (keyof typeof CAUSE_CATEGORY_LABELS)[]; sector?: string };
  return (
    <EditableCard<V>
      title={t('reform.rootCauses')}
      testId="reform-causes"
      canEdit={record.abilities.update}
      initialValues={{ rootCauses: record.rootCauses, causeCategories: record.causeCategories, sector: record.sector ?? undefined }}
      onSave={(v) => patch.mutateAsync({ rootCauses: v.rootCauses.trim(), causeCategories: v.causeCategories, sector: v.sector || null })}
      saving={patch.isPending}
      fields={
        <>
          <Form.Item name="causeCategories" label={t('reform.causeCategories')}>
            <Select mode="multiple" options={enumOptions(CAUSE_CATEGORY_LABELS, label)} data-testid="reform-cause-categories" />
          </Form.Item>
          <Form.Item name="rootCauses" label={t('reform.rootCausesText')} rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} data-testid="reform-root-causes" />
          </Form.Item>
          <Form.Item name="sector" label={t('reform.sector')} extra={t('reform.sectorHint')}>
            <DictionarySelect dictionary="SECTOR" />
          </Form.Item>
        </>
      }
    >
      <div style={{ marginBottom: 8 }}>
        {record.causeCategories.length ? (
          <EnumTags labels={CAUSE_CATEGORY_LABELS} values={record.causeCategories} />
        ) : (
          <Typography.Text type="secondary">{t('reform.noCategories')}</Typography.Text>
        )}
        {record.sector ? <Tag color="blue">{t('reform.sectorTag', { sector: record.sectorLabel ?? record.sector })}</Tag> : null}
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={record.rootCauses ? undefined : 'secondary'}>
        {record.rootCauses || t('reform.noRootCauses')}
      </Typography.Paragraph>
    </EditableCard>
  );
}

/** 建议书 drafted from this record. */
export function LettersCard({ record }: { record: ReformRecordDetail }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('reform.letters')} style={{ marginBottom: 12 }} data-testid="reform-letters">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={record.letters}
        locale={{ emptyText: t('reform.noLetters') }}
        columns={[
          { key: 'docNo', title: t('letter.docNo'), width: 160, render: (_, l) => <Link to={`/letters/${l.id}`}>{l.docNo ?? t('letter.unnumbered')}</Link> },
          { key: 'title', title: t('letter.title'), ellipsis: true, render: (_, l) => l.title },
          { key: 'type', title: t('letter.type'), width: 140, render: (_, l) => label(LETTER_TYPE_LABELS, l.type) },
          { key: 'state', title: t('letter.state'), width: 120, render: (_, l) => <Tag>{label(LETTER_STATE_LABELS, l.state)}</Tag> },
          { key: 'replyDue', title: t('letter.replyDue'), width: 110, render: (_, l) => formatDate(l.replyDue) },
        ]}
      />
    </Card>
  );
}

/** 整改任务 of the record's letters, with their lights. */
export function RecordTasksCard({ record }: { record: ReformRecordDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('reform.tasks')} style={{ marginBottom: 12 }} data-testid="reform-tasks">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={record.tasks}
        locale={{ emptyText: t('reform.noTasks') }}
        columns={[
          { key: 'light', title: t('rect.light'), width: 90, render: (_, r) => <LightBadge light={r.light} /> },
          { key: 'issue', title: t('rect.issue'), ellipsis: true, render: (_, r) => <Link to={`/rectification/${r.id}`}>{r.issue}</Link> },
          { key: 'unit', title: t('rect.unit'), width: 160, ellipsis: true, render: (_, r) => r.unit.name },
          { key: 'deadline', title: t('rect.deadline'), width: 110, render: (_, r) => formatDate(r.deadline) },
          { key: 'state', title: t('rect.state'), width: 110, render: (_, r) => <TaskStateTag state={r.state} /> },
        ]}
      />
    </Card>
  );
}

/** 类案分析: other cases and records of the same unit, parent unit or sector (only those the user may see). */
export function SimilarCard({ record }: { record: ReformRecordDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('reform.similar')} data-testid="reform-similar">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('reform.similarHint')}
      </Typography.Paragraph>
      {record.similar.length ? (
        <List
          size="small"
          dataSource={record.similar}
          renderItem={(s) => (
            <List.Item key={`${s.kind}-${s.id}`}>
              <List.Item.Meta
                title={<Link to={s.kind === 'CASE' ? `/cases/${s.id}` : `/reform/${s.id}`}>{s.ref ? `${s.ref} · ${s.title}` : s.title}</Link>}
                description={
                  <Space size={4} wrap>
                    <Tag>{s.kind === 'CASE' ? t('reform.similarCase') : t('reform.similarRecord')}</Tag>
                    <Tag color="blue">{t(`reform.reason.${s.reason}`)}</Tag>
                    {s.unit ? <span>{s.unit.name}</span> : null}
                    {s.at ? <span>· {formatDate(s.at)}</span> : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reform.noSimilar')} />
      )}
    </Card>
  );
}
