import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { INQUIRY_FORM_LABELS, INQUIRY_OUTCOME_LABELS } from '@liandong/domain/clues/enums';
import { CLUE_STATE_LABELS } from '@liandong/domain/clues/machine';
import { INTEGRITY_SECTION_LABELS, KEPT_SECTIONS, type KeptSection, YEARLY_SECTIONS } from '@liandong/domain/integrity-files/enums';
import { INTEGRITY_CONCLUSION_LABELS } from '@liandong/domain/integrity/enums';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Watermark,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { EnumTag } from '../../components/EnumTag';
import { Page } from '../../components/Page';
import { NotFound, PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, orDash, toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { enumOptions } from '../../lib/options';
import { type Entry, type FileDetail, type FileSection, useFile, useRemoveEntry, useSaveEntry } from './api';

/**
 * 廉政档案: the sections of one cadre's file. The custodian reads and keeps all of them; a reader under an
 * approved consultation sees only the sections approved, until the end date. Opening the page is one
 * consultation, logged and audited by the server.
 */
export function FilePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const q = useFile(id);
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const f = q.data;
  return (
    <Watermark content={`${me.user.displayName} ${me.user.username}`}>
      <Page title={`${t('integrityFile.fileOf')}：${f.person.name}`} description={t('integrityFile.fileHint')} testId="integrity-file">
        {f.readUnder ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('integrityFile.readUnder', { until: f.readUnder.validUntil })}
            data-testid="read-under"
          />
        ) : f.stale ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('integrityFile.staleHint')} />
        ) : null}
        <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('integrityFile.name')}>{f.person.name}</Descriptions.Item>
          <Descriptions.Item label={t('integrityFile.unit')}>{orDash(f.person.unitName)}</Descriptions.Item>
          <Descriptions.Item label={t('integrityFile.position')}>{orDash(f.person.position)}</Descriptions.Item>
          <Descriptions.Item label={t('integrityFile.birthYear')}>{orDash(f.person.birthYear)}</Descriptions.Item>
          <Descriptions.Item label={t('integrityFile.rankLevel')}>{orDash(f.person.rankLevel)}</Descriptions.Item>
          <Descriptions.Item label={t('integrityFile.custodian')}>{f.custodianOrg.name}</Descriptions.Item>
          <Descriptions.Item label={t('integrityFile.updated')}>{formatDate(f.contentUpdatedAt)}</Descriptions.Item>
        </Descriptions>
        {/* ten sections with long names: listed down the side, so none hides behind an overflow menu (a button inside the tablist) */}
        <Tabs
          tabPlacement="start"
          data-testid="file-sections"
          items={f.sections.map((s) => ({
            key: s.section,
            label: <SectionLabel s={s} />,
            children: <SectionBody file={f} s={s} />,
          }))}
        />
      </Page>
    </Watermark>
  );
}

function SectionLabel({ s }: { s: FileSection }) {
  const { label } = useI18n();
  const n = s.entries.length + s.opinions.length + s.history.length + s.inquiries.length;
  return (
    <span data-testid={`section-${s.section}`}>
      {label(INTEGRITY_SECTION_LABELS, s.section)} {n ? <Tag>{n}</Tag> : null}
    </span>
  );
}

function SectionBody({ file, s }: { file: FileDetail; s: FileSection }) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  if (s.section === 'INTEGRITY_OPINIONS')
    return (
      <Table
        rowKey={(r) => `${r.docNo}-${r.requestingOrg}`}
        size="small"
        pagination={false}
        dataSource={s.opinions}
        locale={{ emptyText: t('integrityFile.none') }}
        columns={[
          { key: 'org', title: t('integrityFile.requestingOrg'), dataIndex: 'requestingOrg' },
          { key: 'docNo', title: t('integrityFile.docNo'), dataIndex: 'docNo' },
          { key: 'on', title: t('integrityFile.issuedOn'), dataIndex: 'issuedOn', width: 110 },
          { key: 'c', title: t('integrityFile.conclusion'), render: (r) => <EnumTag labels={INTEGRITY_CONCLUSION_LABELS} value={r.conclusion} /> },
          { key: 'o', title: t('integrityFile.opinion'), dataIndex: 'opinion' },
        ]}
      />
    );
  if (s.section === 'CLUES_CASES')
    return (
      <>
        <Typography.Paragraph type="secondary">{t('integrityFile.historyHint')}</Typography.Paragraph>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.history}
          locale={{ emptyText: t('integrityFile.none') }}
          columns={[
            { key: 'kind', title: t('integrityFile.kind'), width: 80, render: (r) => (r.kind === 'clue' ? t('integrityFile.clue') : t('integrityFile.case')) },
            {
              key: 'no',
              title: t('integrityFile.refNo'),
              width: 180,
              render: (r) => <Link to={`/${r.kind === 'clue' ? 'clues' : 'cases'}/${r.id}`}>{orDash(r.refNo)}</Link>,
            },
            { key: 'title', title: t('integrityFile.itemTitle'), dataIndex: 'title' },
            { key: 'on', title: t('integrityFile.on'), dataIndex: 'on', width: 110 },
            {
              key: 'state',
              title: t('integrityFile.state'),
              width: 140,
              render: (r) =>
                r.kind === 'clue' ? <EnumTag labels={CLUE_STATE_LABELS} value={r.state} /> : <EnumTag labels={CASE_STATE_LABELS} value={r.state} />,
            },
          ]}
        />
      </>
    );
  if (s.section === 'TALK_INQUIRIES')
    return (
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={s.inquiries}
        locale={{ emptyText: t('integrityFile.none') }}
        columns={[
          { key: 'on', title: t('integrityFile.reportedOn'), dataIndex: 'reportedOn', width: 110 },
          { key: 'form', title: t('integrityFile.form'), width: 120, render: (r) => label(INQUIRY_FORM_LABELS, r.form as never) },
          { key: 'outcome', title: t('integrityFile.outcome'), render: (r) => (r.outcome ? label(INQUIRY_OUTCOME_LABELS, r.outcome as never) : '—') },
          { key: 'measure', title: t('integrityFile.measure'), render: (r) => orDash(r.measure) },
          { key: 'clue', title: t('integrityFile.clue'), render: (r) => (r.clue ? <Link to={`/clues/${r.clue.id}`}>{orDash(r.clue.clueNo)}</Link> : '—') },
        ]}
      />
    );
  const kept = s.section as KeptSection;
  return (
    <>
      {file.abilities.edit ? (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setEditing('new')} data-testid={`entry-add-${s.section}`}>
          {t('integrityFile.addEntry')}
        </Button>
      ) : null}
      <List
        dataSource={s.entries}
        locale={{ emptyText: t('integrityFile.none') }}
        renderItem={(e) => (
          <List.Item actions={file.abilities.edit ? [<EntryActions key="a" fileId={file.id} entry={e} onEdit={() => setEditing(e)} />] : undefined}>
            <List.Item.Meta
              title={
                <Space>
                  {e.year ? <Tag>{t('integrityFile.yearTag', { year: e.year })}</Tag> : null}
                  <span>{e.title}</span>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{e.content}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('integrityFile.entryMeta', { on: orDash(e.recordedOn), by: e.updatedBy, at: formatDateTime(e.updatedAt) })}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {editing ? <EntryModal fileId={file.id} section={kept} entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function EntryActions({ fileId, entry, onEdit }: { fileId: string; entry: Entry; onEdit: () => void }) {
  const { t } = useI18n();
  const remove = useRemoveEntry(fileId);
  const onError = useApiErrorHandler();
  return (
    <Space>
      <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={t('integrityFile.removeConfirm')} onConfirm={() => remove.mutateAsync({ entryId: entry.id, version: entry.version }).catch(onError)}>
        <Button size="small" danger>
          {t('integrityFile.remove')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

interface EntryForm {
  section: KeptSection;
  year?: number | null;
  title: string;
  content: string;
  recordedOn?: dayjs.Dayjs | null;
}

/** 登记 / 修改档案内容: an edit sends the version read (stale → the standard 409 message, data reloaded). */
function EntryModal({ fileId, section, entry, onClose }: { fileId: string; section: KeptSection; entry: Entry | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryForm>();
  const save = useSaveEntry(fileId);
  const onError = useApiErrorHandler();
  const chosen = Form.useWatch('section', form) ?? section;
  const submit = async (v: EntryForm) => {
    const body = { section: v.section, year: v.year ?? null, title: v.title, content: v.content, recordedOn: toIsoDay(v.recordedOn ?? null) ?? null };
    try {
      await save.mutateAsync(entry ? { entryId: entry.id, body: { ...body, version: entry.version } } : { body });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={entry ? t('integrityFile.editEntry') : t('integrityFile.addEntry')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          entry
            ? {
                section: entry.section,
                year: entry.year,
                title: entry.title,
                content: entry.content,
                recordedOn: entry.recordedOn ? dayjs(entry.recordedOn) : null,
              }
            : { section }
        }
      >
        <Form.Item name="section" label={t('integrityFile.section')} rules={[{ required: true }]}>
          <Select options={enumOptions(INTEGRITY_SECTION_LABELS, label).filter((o) => (KEPT_SECTIONS as readonly string[]).includes(o.value))} />
        </Form.Item>
        <Space>
          <Form.Item
            name="year"
            label={t('integrityFile.year')}
            rules={[{ required: YEARLY_SECTIONS.includes(chosen), message: t('integrityFile.yearRequired') }]}
          >
            <InputNumber min={1950} max={2100} data-testid="entry-year" />
          </Form.Item>
          <Form.Item name="recordedOn" label={t('integrityFile.recordedOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('integrityFile.entryTitle')} rules={[{ required: true, message: t('integrityFile.titleRequired') }]}>
          <Input maxLength={100} data-testid="entry-title" />
        </Form.Item>
        <Form.Item name="content" label={t('integrityFile.content')} rules={[{ required: true, message: t('integrityFile.contentRequired') }]}>
          <Input.TextArea rows={5} maxLength={5000} data-testid="entry-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
