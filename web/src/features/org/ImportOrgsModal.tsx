import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../lib/i18n';
import { type ImportResult, type ImportRowError, useImportOrgs } from './api';

type Outcome =
  | { kind: 'ok'; dryRun: boolean; result: ImportResult }
  | { kind: 'rows'; message: string; errors: ImportRowError[] }
  | { kind: 'error'; message: string };

function rowErrorsOf(err: ApiError): ImportRowError[] | null {
  const errors = err.details.errors;
  return Array.isArray(errors) ? (errors as ImportRowError[]) : null;
}

/** 导入组织结构: validate first (dryRun), then import all-or-nothing; per-row errors in a table. */
export function ImportOrgsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const importOrgs = useImportOrgs();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setOutcome(null);
    try {
      const result = await importOrgs.mutateAsync({ file, dryRun });
      setOutcome({ kind: 'ok', dryRun, result });
    } catch (err) {
      if (err instanceof ApiError) {
        const rows = err.status === 422 ? rowErrorsOf(err) : null;
        setOutcome(rows ? { kind: 'rows', message: err.message, errors: rows } : { kind: 'error', message: err.message });
      } else setOutcome({ kind: 'error', message: String(err) });
    }
  };

  const close = () => {
    setFile(null);
    setOutcome(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('org.importTitle')}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Typography.Link href="/api/v1/orgs/import-template.xlsx" download>
            <DownloadOutlined /> {t('org.template')}
          </Typography.Link>
          <Flex gap={8}>
            <Button onClick={close}>{t('common.close')}</Button>
            <Button
              disabled={!file}
              loading={importOrgs.isPending && importOrgs.variables?.dryRun}
              onClick={() => void run(true)}
              data-testid="import-validate"
            >
              {t('org.importValidate')}
            </Button>
            <Button
              type="primary"
              disabled={!file}
              loading={importOrgs.isPending && !importOrgs.variables?.dryRun}
              onClick={() => void run(false)}
              data-testid="import-run"
            >
              {t('org.importRun')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('org.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
        beforeUpload={(f) => {
          setFile(f);
          setOutcome(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setOutcome(null);
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('org.importDrop')}</p>
      </Upload.Dragger>
      {outcome?.kind === 'ok' ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={t(outcome.dryRun ? 'org.importChecked' : 'org.importDone', { created: outcome.result.created, updated: outcome.result.updated })}
        />
      ) : null}
      {outcome?.kind === 'error' ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={outcome.message} /> : null}
      {outcome?.kind === 'rows' ? (
        <div style={{ marginTop: 16 }} data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={outcome.message}
            description={t('org.importRowsFailed', { count: outcome.errors.length })}
            style={{ marginBottom: 8 }}
          />
          <Table<ImportRowError>
            size="small"
            rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
            dataSource={outcome.errors}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { key: 'sheet', title: t('org.importSheet'), dataIndex: 'sheet', width: 120 },
              { key: 'row', title: t('org.importRow'), dataIndex: 'row', width: 70 },
              { key: 'column', title: t('org.importColumn'), dataIndex: 'column', width: 120 },
              { key: 'message', title: t('org.importMessage'), dataIndex: 'message' },
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
