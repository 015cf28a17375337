import { SELF_LIGHT_LABELS, type SelfLight } from '@liandong/domain/self-inspection/enums';
import { App, Button, Card, Drawer, Empty, Flex, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../components/Ledger';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type MatrixRow, type Overview, type SelfResponse, useMatrix, useResponseAction, useResponses } from './api';
import { AnswerView, LightCounts, SelfLightDot } from './shared';

/** The unit × aspect matrix of one round with its lights, counts, exports and the drill-down to a unit. */
export function MatrixTab({ overview }: { overview: Overview }) {
  const { t, label } = useI18n();
  const [roundId, setRoundId] = useState<string | undefined>(overview.rounds[0]?.id);
  const [light, setLight] = useState<SelfLight | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [unit, setUnit] = useState<MatrixRow | null>(null);
  const query = useMatrix(overview.campaignId, { roundId, light, ...page });
  if (!overview.rounds.length) return <Empty description={t('selfInspection.noRounds')} />;
  const m = query.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Select
          style={{ width: 300 }}
          value={roundId}
          onChange={(v) => {
            setRoundId(v);
            setPage({ ...page, page: 1 });
          }}
          options={overview.rounds.map((r) => ({ value: r.id, label: `${t('selfInspection.roundSeq', { seq: r.seq })} ${r.title}` }))}
          aria-label={t('selfInspection.round')}
          data-testid="self-round-select"
        />
        <Select<SelfLight>
          allowClear
          style={{ width: 160 }}
          placeholder={t('selfInspection.filterLight')}
          aria-label={t('selfInspection.filterLight')}
          value={light}
          onChange={(v) => {
            setLight(v);
            setPage({ ...page, page: 1 });
          }}
          options={(Object.keys(SELF_LIGHT_LABELS) as SelfLight[]).map((l) => ({ value: l, label: label(SELF_LIGHT_LABELS, l) }))}
        />
        {m ? <LightCounts counts={m.counts} /> : null}
        <ExportButton
          url={exportUrls(overview.campaignId, roundId).matrix}
          filename="自查自纠矩阵.xlsx"
          success={t('selfInspection.exported')}
          testId="self-export-matrix"
        >
          {t('selfInspection.exportMatrix')}
        </ExportButton>
        <ExportButton url={exportUrls(overview.campaignId).responses} filename="自查反馈台账.xlsx" success={t('selfInspection.exported')}>
          {t('selfInspection.exportResponses')}
        </ExportButton>
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<MatrixRow>
          rowKey="unitId"
          size="small"
          bordered
          scroll={{ x: true }}
          loading={query.isFetching}
          dataSource={m?.items ?? []}
          data-testid="self-matrix"
          onRow={(row) =>
            ({ onClick: () => setUnit(row), style: { cursor: 'pointer' }, 'data-testid': `self-matrix-row-${row.unitId}` }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { key: 'unit', title: t('selfInspection.unit'), fixed: 'left', width: 220, render: (_, row) => <Typography.Link>{row.unitName}</Typography.Link> },
            ...(m?.aspects ?? []).map((a) => ({
              key: a.id,
              title: a.title,
              width: 90,
              align: 'center' as const,
              render: (_: unknown, row: MatrixRow) => {
                const cell = row.cells.find((c) => c.aspectId === a.id);
                return cell ? <SelfLightDot light={cell.light} text="" /> : null;
              },
            })),
            { key: 'problems', title: t('selfInspection.problems'), width: 90, align: 'right' as const, render: (_, row) => row.problems },
            { key: 'corrected', title: t('selfInspection.corrected'), width: 90, align: 'right' as const, render: (_, row) => row.corrected },
          ]}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: m?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
        />
      )}
      <UnitDrawer roundId={roundId} unit={unit} onClose={() => setUnit(null)} />
    </Space>
  );
}

/** A unit's answers of the round, each with accept / return when the caller reviews. */
function UnitDrawer({ roundId, unit, onClose }: { roundId?: string; unit: MatrixRow | null; onClose: () => void }) {
  const { t } = useI18n();
  const query = useResponses(unit ? roundId : undefined, unit?.unitId);
  return (
    <Drawer open={unit !== null} onClose={onClose} width={720} title={unit ? t('selfInspection.answersOf', { unit: unit.unitName }) : ''} destroyOnHidden>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {(query.data?.items ?? []).map((r) => (
          <Card key={r.id} size="small" title={r.aspect.title} extra={<ReviewButtons r={r} />} data-testid={`self-answer-${r.aspect.code}`}>
            <AnswerView r={r} />
          </Card>
        ))}
      </Space>
    </Drawer>
  );
}

function ReviewButtons({ r }: { r: SelfResponse }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const action = useResponseAction();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  if (!r.abilities.review) return null;
  const act = async (body: Parameters<typeof action.mutateAsync>[0]['body'], done: string) => {
    try {
      await action.mutateAsync({ id: r.id, body });
      message.success(done);
      setReturning(false);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Space>
      <Button
        size="small"
        type="primary"
        loading={action.isPending}
        onClick={() => void act({ action: 'accept', version: r.version }, t('selfInspection.accepted'))}
        data-testid="self-accept"
      >
        {t('selfInspection.accept')}
      </Button>
      <Button size="small" danger onClick={() => setReturning(true)} data-testid="self-return">
        {t('selfInspection.return')}
      </Button>
      <Modal
        open={returning}
        title={t('selfInspection.return')}
        onCancel={() => setReturning(false)}
        okButtonProps={{ disabled: !comment.trim(), 'data-testid': 'self-return-confirm' }}
        confirmLoading={action.isPending}
        onOk={() => void act({ action: 'return', version: r.version, comment: comment.trim() }, t('selfInspection.returned'))}
      >
        <Input.TextArea
          rows={4}
          placeholder={t('selfInspection.returnComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={1000}
          showCount
        />
      </Modal>
    </Space>
  );
}
