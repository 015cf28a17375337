import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Modal, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ExportButton, KeywordSearch, LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { PersonPicker } from '../../components/PersonPicker';
import { NotFound } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type FileFilters, type FileSummary, fileUrls, useCreateFile, useFiles } from './api';

/** 廉政档案台账 (the 干部监督室): search by name or unit, files not updated for a year flagged, Excel export, 建档. */
export function FilesPage() {
  const t = useT();
  // ?stale=true: the 工作台 card's ledger (files not updated for a year)
  const [sp] = useSearchParams();
  const [filters, setFilters] = useState<FileFilters>({ page: 1, pageSize: 20, ...(sp.get('stale') === 'true' ? { stale: true } : {}) });
  const [creating, setCreating] = useState(false);
  const q = useFiles(filters);
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  const columns = [
    {
      key: 'name',
      title: t('integrityFile.name'),
      render: (r: FileSummary) => (
        <Link to={`/integrity-files/${r.id}`} data-testid={`file-${r.person.name}`}>
          {r.person.name}
        </Link>
      ),
    },
    { key: 'unit', title: t('integrityFile.unit'), render: (r: FileSummary) => r.person.unitName },
    { key: 'position', title: t('integrityFile.position'), render: (r: FileSummary) => r.person.position },
    { key: 'entries', title: t('integrityFile.entries'), dataIndex: 'entries', width: 100 },
    {
      key: 'updated',
      title: t('integrityFile.updated'),
      width: 190,
      render: (r: FileSummary) => (
        <span>
          {formatDate(r.contentUpdatedAt)} {r.stale ? <Tag color="red">{t('integrityFile.stale')}</Tag> : null}
        </span>
      ),
    },
    { key: 'reads', title: t('integrityFile.reads'), dataIndex: 'reads', width: 100 },
  ];
  return (
    <Page
      title={t('integrityFile.title')}
      description={t('integrityFile.hint')}
      testId="integrity-files"
      extra={
        <>
          <Link to="/integrity-files/log">
            <Button icon={<HistoryOutlined />}>{t('integrityFile.menuLog')}</Button>
          </Link>
          <ExportButton url={fileUrls.export(filters)} filename={t('integrityFile.exportFile')} success={t('integrityFile.exported')}>
            {t('integrityFile.export')}
          </ExportButton>
          {q.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="file-create">
              {t('integrityFile.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Alert type="warning" showIcon title={t('integrityFile.secrecy')} style={{ marginBottom: 12 }} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
        <KeywordSearch width={260} placeholder={t('integrityFile.search')} onSearch={(v) => setFilters({ ...filters, q: v, page: 1 })} />
        <Checkbox checked={!!filters.stale} onChange={(e) => setFilters({ ...filters, stale: e.target.checked || undefined, page: 1 })}>
          {t('integrityFile.staleOnly')}
        </Checkbox>
      </div>
      <LedgerTable<FileSummary>
        query={q}
        testId="files-table"
        columns={columns}
        paging={filters}
        onPage={(page, pageSize) => setFilters({ ...filters, page, pageSize })}
        rowHref={(r) => `/integrity-files/${r.id}`}
        locale={{ emptyText: t('integrityFile.empty') }}
      />
      {creating ? <CreateModal onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

/** 建立档案: one file per cadre, for a person the commission holds. */
function CreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId: string }>();
  const create = useCreateFile();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const submit = async (v: { personId: string }) => {
    try {
      const f = await create.mutateAsync(v.personId);
      message.success(t('integrityFile.created'));
      onClose();
      void navigate(`/integrity-files/${f.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open title={t('integrityFile.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="personId" label={t('integrityFile.cadre')} rules={[{ required: true, message: t('integrityFile.cadreRequired') }]}>
          <PersonPicker onPick={() => undefined} width={360} placeholder={t('integrityFile.cadrePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
