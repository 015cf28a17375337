import { INTEGRITY_SECTION_LABELS } from '@liandong/domain/integrity-files/enums';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { EnumTags } from '../../components/EnumTag';
import { LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { NotFound } from '../../components/Results';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ReadLogRow, useReads } from './api';

/** 查阅记录 (the custodian): who read which sections of whose file, when, under which approval. */
export function LogPage() {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useReads(paging);
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  const columns = [
    { key: 'at', title: t('integrityFile.readAt'), width: 160, render: (r: ReadLogRow) => formatDateTime(r.at) },
    { key: 'reader', title: t('integrityFile.reader'), render: (r: ReadLogRow) => `${r.reader.name}（${r.readerOrg}）` },
    { key: 'person', title: t('integrityFile.cadre'), render: (r: ReadLogRow) => <Link to={`/integrity-files/${r.fileId}`}>{r.person.name}</Link> },
    { key: 'sections', title: t('integrityFile.sections'), render: (r: ReadLogRow) => <EnumTags labels={INTEGRITY_SECTION_LABELS} values={r.sections} /> },
    {
      key: 'under',
      title: t('integrityFile.under'),
      render: (r: ReadLogRow) =>
        r.request ? t('integrityFile.underApproval', { by: r.request.approvedBy ?? '', until: r.request.validUntil }) : t('integrityFile.underCustody'),
    },
  ];
  return (
    <Page title={t('integrityFile.menuLog')} description={t('integrityFile.logHint')} testId="integrity-file-log">
      <LedgerTable<ReadLogRow>
        query={q}
        testId="reads-table"
        columns={columns}
        paging={paging}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        locale={{ emptyText: t('integrityFile.none') }}
      />
    </Page>
  );
}
