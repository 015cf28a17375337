import { ArrowLeftOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { FINDING_DISPOSITION_LABELS } from '@liandong/domain/supervision/enums';
import { ITEM_ACTION_LABELS, ITEM_STATE_LABELS } from '@liandong/domain/supervision/machine';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useOrg } from '../../api/structure';
import { EntityDescriptions } from '../../components/entity';
import { EnumTag } from '../../components/EnumTag';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { Statlet } from '../../components/Statlet';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ItemDetail, useItem } from './api';
import { itemFields, LightBadge, STATE_COLORS, StateTag } from './components';
import { HandOverModal } from './HandOverModal';
import { ItemActions } from './ItemActions';
import { type ItemFormTarget, ItemFormDrawer } from './ItemForm';
import { SharedNotice } from '../shares/SharedNotice';

const DISPOSITION_COLORS = { RECTIFY: 'orange', CLUE: 'red', RECOMMENDATION: 'purple', NONE: 'default' } as const;

/** 事项详情: the item, its light and state, the actions the user may take, history, progress and findings. */
export function ItemDetailPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const query = useItem(id);
  const [editing, setEditing] = useState<ItemFormTarget | null>(null);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const item = query.data;
  const fields = itemFields(t, label).filter((f) => !['state', 'dueDate', 'lastProgressAt', 'seq', 'matter'].includes(f.key));
  return (
    <Page
      bare
      testId="item-detail-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('sup.back')} />
          <span>
            {t('sup.itemNo', { seq: item.seq })} {item.matter}
          </span>
        </Space>
      }
      description={
        <Space wrap size={4}>
          <Link to={`/supervision/lists/${item.listId}`}>{item.listTitle}</Link>
          <span>·</span>
          <span>{item.year}</span>
        </Space>
      }
      extra={
        item.abilities.update ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', item })} data-testid="item-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <SharedNotice shared={item.shared} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={24} align="center" justify="space-between">
          <Flex wrap gap={24} align="center">
            <Statlet title={t('sup.light')}>
              <LightBadge light={item.light} itemId={item.id} />
            </Statlet>
            <Statlet title={t('sup.state')}>
              <span data-testid="item-state" data-state={item.state}>
                <StateTag state={item.state} />
              </span>
            </Statlet>
            <Statlet title={t('sup.dueDate')}>{formatDate(item.dueDate)}</Statlet>
            <Statlet title={t('sup.lastProgress')}>{formatDateTime(item.lastProgressAt)}</Statlet>
          </Flex>
          <ItemActions item={item} />
        </Flex>
        {item.pendingAdjustment ? <AdjustmentAlert item={item} /> : null}
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('sup.itemInfo')} style={{ marginBottom: 12 }}>
            <EntityDescriptions fields={fields} record={item} column={2} />
          </Card>
          <ProgressCard item={item} />
          <FindingsCard item={item} />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('sup.history')}>
            <Timeline
              data-testid="item-timeline"
              items={[...item.events]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((e) => ({
                  key: e.id,
                  color: e.toState === 'CANCELLED' ? 'gray' : e.action === 'reopen' || e.action === 'rejectAdjust' ? 'red' : 'blue',
                  content: (
                    <div>
                      <Space size={4} wrap>
                        <Typography.Text strong>{label(ITEM_ACTION_LABELS, e.action) || e.action}</Typography.Text>
                        {e.fromState && e.fromState !== e.toState ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {label(ITEM_STATE_LABELS, e.fromState)} → <EnumTag labels={ITEM_STATE_LABELS} value={e.toState} colors={STATE_COLORS} />
                          </Typography.Text>
                        ) : null}
                      </Space>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {e.actor?.name ?? t('sup.system')} · {formatDateTime(e.at)}
                        </Typography.Text>
                      </div>
                      {e.comment ? <Typography.Paragraph style={{ margin: '4px 0 0' }}>{e.comment}</Typography.Paragraph> : null}
                    </div>
                  ),
                }))}
            />
            {item.events.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
          </Card>
        </Col>
      </Row>
      <ItemFormDrawer target={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}

function OrgName({ id }: { id: string }) {
  const org = useOrg(id);
  return <>{org.data?.nameZh ?? '…'}</>;
}

function AdjustmentAlert({ item }: { item: ItemDetail }) {
  const { t } = useI18n();
  const a = item.pendingAdjustment;
  if (!a) return null;
  // The reason is the comment of the latest requestAdjust event.
  const reason = [...item.events].filter((e) => e.action === 'requestAdjust').sort((x, y) => y.at.localeCompare(x.at))[0]?.comment;
  const items = [
    a.matter ? { key: 'matter', label: t('sup.newMatter'), children: <>{a.matter}</> } : null,
    a.dueDate ? { key: 'dueDate', label: t('sup.newDueDate'), children: <>{formatDate(a.dueDate)}</> } : null,
    a.leadOrgId ? { key: 'lead', label: t('sup.newLeadOrg'), children: <OrgName id={a.leadOrgId} /> } : null,
    a.assistOrgId ? { key: 'assist', label: t('sup.newAssistOrg'), children: <OrgName id={a.assistOrgId} /> } : null,
    reason ? { key: 'comment', label: t('sup.adjustReason'), children: <>{reason}</> } : null,
  ].filter((x) => x !== null);
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="warning"
      showIcon
      title={t('sup.pendingAdjustment')}
      description={items.length ? <Descriptions size="small" column={1} items={items} /> : null}
      data-testid="item-pending-adjustment"
    />
  );
}

function ProgressCard({ item }: { item: ItemDetail }) {
  const { t } = useI18n();
  const reports = [...item.progress].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  return (
    <Card size="small" title={`${t('sup.progress')} (${reports.length})`} style={{ marginBottom: 12 }}>
      <List
        data-testid="progress-list"
        dataSource={reports}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.noProgress')} /> }}
        renderItem={(p) => (
          <List.Item key={p.id}>
            <List.Item.Meta
              title={
                <Space size={8} wrap>
                  {p.period ? <Tag color="blue">{p.period}</Tag> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {p.reportedBy.name} · {formatDateTime(p.reportedAt)}
                  </Typography.Text>
                </Space>
              }
              description={
                <div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4, color: 'inherit' }}>{p.content}</Typography.Paragraph>
                  {p.attachments.map((a) => (
                    <a key={a.id} href={`/api/v1/attachments/${a.id}/content`} style={{ marginInlineEnd: 12 }}>
                      <PaperClipOutlined /> {a.filename}
                    </a>
                  ))}
                </div>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function FindingsCard({ item }: { item: ItemDetail }) {
  const { t, label } = useI18n();
  const [handingOver, setHandingOver] = useState<ItemDetail['findings'][number] | null>(null);
  return (
    <Card size="small" title={`${t('sup.findings')} (${item.findings.length})`} style={{ marginBottom: 12 }}>
      <List
        data-testid="findings-list"
        dataSource={item.findings}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.noFindings')} /> }}
        renderItem={(f) => (
          <List.Item
            key={f.id}
            actions={
              f.disposition === 'CLUE' && !f.handedOver
                ? [
                    <Button key="hand-over" size="small" danger onClick={() => setHandingOver(f)} data-testid={`hand-over-${f.id}`}>
                      {t('sup.handOver')}
                    </Button>,
                  ]
                : f.handedOver?.type === 'clue'
                  ? [
                      <Link key="clue" to={`/clues/${f.handedOver.id}`}>
                        {t('sup.openClue')}
                      </Link>,
                    ]
                  : undefined
            }
          >
            <List.Item.Meta
              title={
                <Space size={8} wrap>
                  <Tag color={DISPOSITION_COLORS[f.disposition]}>{label(FINDING_DISPOSITION_LABELS, f.disposition)}</Tag>
                  {f.hostUnit ? <Tag>{f.hostUnit.name}</Tag> : null}
                  {f.handedOver ? <Tag color="green">{t('sup.handedOver', { date: formatDate(f.handedOver.at) })}</Tag> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {f.createdBy.name} · {formatDateTime(f.createdAt)}
                  </Typography.Text>
                </Space>
              }
              description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, color: 'inherit' }}>{f.description}</Typography.Paragraph>}
            />
          </List.Item>
        )}
      />
      <HandOverModal finding={handingOver} onClose={() => setHandingOver(null)} />
    </Card>
  );
}
