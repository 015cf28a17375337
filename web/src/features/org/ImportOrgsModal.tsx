import { DownloadOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { ImportModal } from '../../components/ImportModal';
import { useI18n } from '../../lib/i18n';
import { useImportOrgs } from './api';

/** 导入组织结构: validate first (dryRun), then import all-or-nothing; per-row errors in a table. */
export function ImportOrgsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const importOrgs = useImportOrgs();
  return (
    <ImportModal
      open={open}
      onClose={onClose}
      labels={{
        title: t('org.importTitle'),
        hint: t('org.importHint'),
        drop: t('org.importDrop'),
        validate: t('org.importValidate'),
        run: t('org.importRun'),
        close: t('common.close'),
        rowsFailed: (count) => t('org.importRowsFailed', { count }),
        sheet: t('org.importSheet'),
        row: t('org.importRow'),
        column: t('org.importColumn'),
        message: t('org.importMessage'),
      }}
      template={
        <Typography.Link href="/api/v1/orgs/import-template.xlsx" download>
          <DownloadOutlined /> {t('org.template')}
        </Typography.Link>
      }
      submit={async (file, dryRun) => {
        const result = await importOrgs.mutateAsync({ file, dryRun });
        return t(dryRun ? 'org.importChecked' : 'org.importDone', { created: result.created, updated: result.updated });
      }}
    />
  );
}
