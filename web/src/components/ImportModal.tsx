import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../api/client';

/** One row problem of a validated Excel import (server: 422 details.errors). */
export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportModalLabels {
  title: string;
  hint: string;
  drop: string;
  validate: string;
  run: string;
  close: string;
  rowsFailed: (count: number) => string;
  sheet: string;
  row: string;
  column: string;
  message: string;
}

type Outcome = { kind: 'ok'; message: string } | { kind: 'rows'; message: string; errors: ImportRowError[] } | { kind: 'error'; message: string };

/**
 * The all-or-nothing Excel import dialog shared by every feature: pick a file, validate (dryRun), then
 * import; a 422 with per-row errors is shown as a table, nothing having been written.
 * `submit` performs the upload and returns the success message to show.
 */
export function ImportModal(props: {
  open: boolean;
  onClose: () => void;
  labels: ImportModalLabels;
  template: ReactNode;
  submit: (file: File, dryRun: boolean) => Promise<string>;
}) {
  const { labels } = props;
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState<'dry' | 'run' | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setOutcome(null);
    setPending(dryRun ? 'dry' : 'run');
    try {
      setOutcome({ kind: 'ok', message: await props.submit(file, dryRun) });
    } catch (err) {
      if (err instanceof ApiError) {
        const rows = err.status === 422 && Array.isArray(err.details.errors) ? (err.details.errors as ImportRowError[]) : null;
        setOutcome(rows ? { kind: 'rows', message: err.message, errors: rows } : { kind: 'error', message: err.message });
      } else setOutcome({ kind: 'error', message: String(err) });
    } finally {
      setPending(null);
    }
  };

  const close = () => {
    setFile(null);
    setOutcome(null);
    props.onClose();
  };

  return (
    <Modal
      open={props.open}
      title={labels.title}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          {props.template}
          <Flex gap={8}>
            <Button onClick={close}>{labels.close}</Button>
            <Button disabled={!file} loading={pending === 'dry'} onClick={() => void run(true)} data-testid="import-validate">
              {labels.validate}
            </Button>
            <Button type="primary" disabled={!file} loading={pending === 'run'} onClick={() => void run(false)} data-testid="import-run">
              {labels.run}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{labels.hint}</Typography.Paragraph>
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
        <p className="ant-upload-text">{labels.drop}</p>
      </Upload.Dragger>
      {outcome?.kind === 'ok' ? <Alert style={{ marginTop: 16 }} type="success" showIcon title={outcome.message} /> : null}
      {outcome?.kind === 'error' ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={outcome.message} /> : null}
      {outcome?.kind === 'rows' ? (
        <div style={{ marginTop: 16 }} data-testid="import-errors">
          <Alert type="error" showIcon title={outcome.message} description={labels.rowsFailed(outcome.errors.length)} style={{ marginBottom: 8 }} />
          <Table<ImportRowError>
            size="small"
            rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
            dataSource={outcome.errors}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { key: 'sheet', title: labels.sheet, dataIndex: 'sheet', width: 120 },
              { key: 'row', title: labels.row, dataIndex: 'row', width: 70 },
              { key: 'column', title: labels.column, dataIndex: 'column', width: 120 },
              { key: 'message', title: labels.message, dataIndex: 'message' },
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
