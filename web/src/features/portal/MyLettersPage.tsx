import { LETTER_STATE_LABELS, type LetterState } from '@liandong/domain/reform/machine';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { type LetterListItem, useMyLetters } from './api';
import { LetterNextStep } from './components';
import { WorkbenchCards } from '../home/WorkbenchCards';

/** 我的建议书: the letters the commission issued to the contact's unit, with what the unit has to do next. */
export function MyLettersPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  // ?state=SERVED,RECTIFYING: the 工作台 card of the letters waiting for the unit lists exactly those here.
  const [sp, setSp] = useSearchParams();
  const states = (sp.get('state') ?? '').split(',').filter((s): s is LetterState => s in LETTER_STATE_LABELS);
  const query = useMyLetters(page.page, page.pageSize, states.length ? states.join(',') : undefined);
  return (
    <Page title={t('portal.menuLetters')} description={t('portal.lettersIntro', { unit: me.user.org.nameZh })} testId="portal-letters-page">
      {states.length ? (
        <Tag closable onClose={() => setSp({}, { replace: true })} style={{ marginBottom: 12 }} data-testid="portal-letters-state">
          {t('portal.onlyStates', { states: states.map((s) => label(LETTER_STATE_LABELS, s)).join('、') })}
        </Tag>
      ) : (
        <div style={{ marginBottom: 16 }}>
          <WorkbenchCards />
        </div>
      )}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('portal.lettersHowTo')} />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<LetterListItem>
          rowKey="id"
          size="middle"
          data-testid="portal-letters-table"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('portal.noLetters') }}
          onRow={(l) => ({ onClick: () => void navigate(`/portal/letters/${l.id}`), style: { cursor: 'pointer' }, 'data-testid': `portal-letter-row-${l.id}` })}
          columns={[
            { key: 'docNo', title: t('portal.docNo'), width: 170, render: (_, l) => <Typography.Text strong>{l.docNo}</Typography.Text> },
            { key: 'title', title: t('portal.letterTitle'), ellipsis: true, render: (_, l) => l.title },
            { key: 'servedOn', title: t('portal.receivedOn'), width: 120, render: (_, l) => formatDate(l.servedOn ?? l.issuedOn) },
            {
              key: 'replyDue',
              title: t('portal.replyBy'),
              width: 120,
              render: (_, l) => (l.replyOverdue ? <Tag color="red">{formatDate(l.replyDue)}</Tag> : formatDate(l.replyDue)),
            },
            { key: 'next', title: t('portal.nextStep'), width: 220, render: (_, l) => <LetterNextStep letter={l} /> },
            {
              key: 'open',
              title: '',
              width: 90,
              render: (_, l) => (
                <Button type="link" onClick={() => void navigate(`/portal/letters/${l.id}`)} data-testid={`portal-letter-open-${l.id}`}>
                  {t('portal.open')}
                </Button>
              ),
            },
          ]}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
        />
      )}
    </Page>
  );
}
