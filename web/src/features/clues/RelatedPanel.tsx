import { DISPOSITION_METHOD_LABELS, MERGE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueDetail, type RelatedClues, useRelated } from './api';
import { ClueStateTag } from './components';

type RelatedItem = RelatedClues['items'][number];
const REASON_KEYS = {
  SAME_PERSON: 'clueRel.reasonPerson',
  SAME_NAME: 'clueRel.reasonName',
  SAME_ORG: 'clueRel.reasonOrg',
  SIMILAR_TEXT: 'clueRel.reasonText',
} as const;

function ClueLink({ c }: { c: { id: string; clueNo: string | null; title: string } }) {
  const { t } = useI18n();
  return (
    <Link to={`/clues/${c.id}`}>
      {c.clueNo ?? t('clue.noNumber')} · {c.title}
    </Link>
  );
}

/** 相关线索 (suggestions), 并案 (merged in / merged into) and the 集体排查 meetings that discussed the clue. */
export function RelatedPanel({ clue }: { clue: ClueDetail }) {
  const { t, label } = useI18n();
  const related = useRelated(clue.id);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {clue.mergedInto ? (
        <Alert
          type="info"
          showIcon
          data-testid="clue-merged-into"
          title={
            <span>
              {t('clueRel.mergedInto')}（{label(MERGE_KIND_LABELS, clue.mergeKind)}）：
              <ClueLink c={clue.mergedInto} />
            </span>
          }
        />
      ) : null}
      <Card size="small" title={`${t('clueRel.merged')} (${clue.mergedClues.length})`}>
        {clue.mergedClues.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={clue.mergedClues}
            data-testid="clue-merged"
            columns={[
              { key: 'clue', title: t('clueMeet.clue'), render: (_, c) => <ClueLink c={c} /> },
              { key: 'subject', title: t('clue.subject'), width: 100, dataIndex: 'subjectName' },
              { key: 'kind', title: t('clueAct.mergeKind'), width: 110, render: (_, c) => <Tag>{label(MERGE_KIND_LABELS, c.mergeKind)}</Tag> },
              { key: 'state', title: t('clue.state'), width: 130, render: (_, c) => <ClueStateTag state={c.state} /> },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueRel.none')} />
        )}
      </Card>
      <Card size="small" title={t('clueRel.related')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('clueRel.relatedHint')}
        </Typography.Paragraph>
        <Table<RelatedItem>
          size="small"
          rowKey="id"
          pagination={false}
          loading={related.isFetching}
          dataSource={related.data?.items ?? []}
          data-testid="clue-related"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueRel.none')} /> }}
          columns={[
            { key: 'clue', title: t('clueMeet.clue'), render: (_, c) => <ClueLink c={c} /> },
            { key: 'subject', title: t('clue.subject'), width: 100, dataIndex: 'subjectName' },
            { key: 'unit', title: t('clue.subjectUnit'), width: 160, ellipsis: true, render: (_, c) => c.subjectOrgName ?? '—' },
            { key: 'receivedOn', title: t('clue.receivedOn'), width: 110, render: (_, c) => formatDate(c.receivedOn) },
            { key: 'state', title: t('clue.state'), width: 130, render: (_, c) => <ClueStateTag state={c.state} /> },
            {
              key: 'reasons',
              title: t('clueRel.reason'),
              width: 200,
              render: (_, c) =>
                c.reasons.map((r) => (
                  <Tag key={r} color={r === 'SAME_PERSON' ? 'red' : r === 'SIMILAR_TEXT' ? 'blue' : 'orange'}>
                    {t(REASON_KEYS[r])}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`${t('clueRel.meetings')} (${clue.meetings.length})`}>
        {clue.meetings.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={clue.meetings}
            data-testid="clue-meetings"
            columns={[
              { key: 'heldOn', title: t('clueMeet.heldOn'), width: 110, render: (_, m) => formatDate(m.heldOn) },
              { key: 'title', title: t('clueMeet.title'), render: (_, m) => <Link to={`/clues/meetings?open=${m.id}`}>{m.title}</Link> },
              { key: 'method', title: t('clueMeet.method'), width: 120, render: (_, m) => (m.method ? label(DISPOSITION_METHOD_LABELS, m.method) : '—') },
              { key: 'decision', title: t('clueMeet.decision'), render: (_, m) => <span style={{ whiteSpace: 'pre-wrap' }}>{m.decision}</span> },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueRel.none')} />
        )}
      </Card>
    </Space>
  );
}
