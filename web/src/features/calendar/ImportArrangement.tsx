import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../lib/i18n';
import { useImportArrangement } from './api';

/**
 * 导入节假日安排 (administrator): the next year's State Council arrangement from an Excel sheet (日期 | 类别 |
 * 名称) or an ICS file. The server checks the whole file first; its per-row errors are listed here.
 */
export function ImportArrangement() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const importFile = useImportArrangement();
  const [issues, setIssues] = useState<{ path: string; message: string }[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = (file: File) => {
    setIssues(null);
    setFailure(null);
    importFile.mutate(file, {
      onSuccess: (r) => void message.success(t('calendar.imported', { years: r.years.join('、'), days: r.days })),
      onError: (e) => {
        setFailure(e.message);
        if (e instanceof ApiError && e.details.issues) setIssues(e.details.issues);
      },
    });
    return false;
  };

  return (
    <Card size="small" title={t('calendar.importTitle')} style={{ marginBottom: 16 }} data-testid="calendar-import">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('calendar.importHint')}
      </Typography.Paragraph>
      <Upload accept=".xlsx,.ics" showUploadList={false} beforeUpload={run}>
        <Button icon={<UploadOutlined />} loading={importFile.isPending}>
          {t('calendar.importTitle')}
        </Button>
      </Upload>
      {failure ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={`${t('calendar.importFailed')}${failure}`}
          description={
            issues?.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="calendar-import-issues">
                {issues.map((i) => (
                  <li key={`${i.path}-${i.message}`}>
                    {i.path}：{i.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
    </Card>
  );
}
