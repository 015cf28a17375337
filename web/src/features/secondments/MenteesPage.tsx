import { Button, Table } from 'antd';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useI18n } from '../../lib/i18n';
import { type Mentee, useMentees } from './api';
import { EvaluateModal } from './BatchPage';

/** 我带教的干部 (传帮带): the seconded cadres the caller mentors; the mentor records periodic evaluations. */
export function MenteesPage() {
  const { t } = useI18n();
  const q = useMentees();
  const [evaluating, setEvaluating] = useState<Mentee | null>(null);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const columns = [
    { key: 'name', title: t('secondment.cadre'), dataIndex: 'name', width: 120 },
    { key: 'batch', title: t('secondment.batchName'), render: (m: Mentee) => m.batch.name },
    { key: 'goals', title: t('secondment.goals'), dataIndex: 'goals' },
    {
      key: 'ops',
      title: '',
      width: 110,
      render: (m: Mentee) => (
        <Button size="small" onClick={() => setEvaluating(m)} data-testid={`mentee-evaluate-${m.name}`}>
          {t('secondment.evaluate')}
        </Button>
      ),
    },
  ];
  return (
    <Page title={t('secondment.menuMentees')} description={t('secondment.menteesHint')} testId="mentees">
      <Table
        rowKey="memberId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('secondment.empty') }}
      />
      {evaluating ? <EvaluateModal member={{ id: evaluating.memberId, name: evaluating.name }} onClose={() => setEvaluating(null)} /> : null}
    </Page>
  );
}
