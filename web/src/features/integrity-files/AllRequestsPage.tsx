import { FILE_REQUEST_STATE_LABELS, type FileRequestState, INTEGRITY_SECTION_LABELS } from '@liandong/domain/integrity-files/enums';
import { Select } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { EnumTags } from '../../components/EnumTag';
import { LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { NotFound } from '../../components/Results';
import { formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type RequestRow, useRequests } from './api';
import { RequestStateTag } from './RequestStateTag';

const STATES = Object.keys(FILE_REQUEST_STATE_LABELS) as FileRequestState[];

/**
 * 查阅申请总览 (the custodian, 干部监督室): every consultation request addressed to the office, whoever filed it, with
 * its state — pending, approved until a date (or past it), refused, withdrawn, revoked — filterable by state.
 */
export function AllRequestsPage() {
  const { t, label } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [state, setState] = useState<FileRequestState | undefined>();
  const q = useRequests({ view: 'all', ...paging, ...(state ? { state } : {}) });
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  const columns = [
    { key: 'created', title: t('integrityFile.requestedAt'), width: 150, render: (r: RequestRow) => formatDateTime(r.createdAt) },
    { key: 'requester', title: t('integrityFile.requester'), render: (r: RequestRow) => `${r.requester.name}（${r.requesterOrg.name}）` },
    { key: 'person', title: t('integrityFile.cadre'), render: (r: RequestRow) => `${r.person.name}（${r.person.unitName ?? ''}）` },
    { key: 'sections', title: t('integrityFile.sections'), render: (r: RequestRow) => <EnumTags labels={INTEGRITY_SECTION_LABELS} values={r.sections} /> },
    { key: 'reason', title: t('integrityFile.reason'), dataIndex: 'reason' },
    { key: 'state', title: t('integrityFile.state'), width: 100, render: (r: RequestRow) => <RequestStateTag r={r} /> },
    { key: 'until', title: t('integrityFile.validUntil'), width: 110, render: (r: RequestRow) => orDash(r.validUntil) },
    {
      key: 'decided',
      title: t('integrityFile.decidedBy'),
      render: (r: RequestRow) => (r.decidedBy ? `${r.decidedBy.name}${r.decisionComment ? `：${r.decisionComment}` : ''}` : '—'),
    },
  ];
  return (
    <Page
      title={t('integrityFile.menuAllRequests')}
      description={t('integrityFile.allRequestsHint')}
      testId="integrity-file-all-requests"
      extra={
        <Select<FileRequestState>
          allowClear
          style={{ width: 160 }}
          placeholder={t('integrityFile.allStates')}
          aria-label={t('integrityFile.stateFilter')}
          value={state}
          onChange={(v) => {
            setState(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={STATES.map((s) => ({ value: s, label: label(FILE_REQUEST_STATE_LABELS, s) }))}
          data-testid="all-requests-state"
        />
      }
    >
      <LedgerTable<RequestRow>
        query={q}
        testId="all-requests-table"
        columns={columns}
        paging={paging}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        locale={{ emptyText: t('integrityFile.noRequests') }}
      />
    </Page>
  );
}
