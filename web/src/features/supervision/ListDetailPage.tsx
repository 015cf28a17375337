import { AimOutlined, DownloadOutlined, EditOutlined, FileWordOutlined, PlusOutlined, SendOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { BASIS_LABELS, LIST_TYPE_LABELS } from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS, type ItemState } from '@liandong/domain/supervision/machine';
import { App, Button, Card, Col, Descriptions, Empty, Flex, List, Popconfirm, Progress, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { EnumTag, EnumTags } from '../../components/EnumTag';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type ListDetail, useList, useListIssue, useListTransition } from './api';
import { ItemsTable, LIST_TYPE_COLORS, percent, STATE_COLORS } from './components';
import { type ItemFormTarget, ItemFormDrawer } from './ItemForm';
import { ConsultationModal, ImportItemsModal, ProgressChart } from './ListParts';
import { type ListFormTarget, LightCounts, ListFormDrawer } from './ListsPage';

/** 清单详情: header, items, 室组会商 records and the progress chart, with the buttons the abilities allow. */
export function ListDetailPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const query = useList(id);
  const [itemTarget, setItemTarget] = useState<ItemFormTarget | null>(null);
  const [listTarget, setListTarget] = useState<ListFormTarget | null>(null);
  const [importing, setImporting] = useState(false);
  const [consulting, setConsulting] = useState(false);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const list = query.data;
  const states = (Object.keys(ITEM_STATE_LABELS) as ItemState[]).filter((s) => (list.stateCounts[s] ?? 0) > 0);
  return (
    <Page
      bare
      testId="list-detail-page"
      title={
        <Space>
          {list.title}
          <EnumTag labels={LIST_TYPE_LABELS} value={list.type} colors={LIST_TYPE_COLORS} />
        </Space>
      }
      description={`${list.year} · ${list.ownerGroupName}`}
      extra={
        <ListToolbar
          list={list}
          onEdit={() => setListTarget({ mode: 'edit', list })}
          onImport={() => setImporting(true)}
          onAdd={(mode) => setItemTarget({ mode, list })}
        />
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={24} align="middle">
          <Col xs={24} lg={17}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'group', label: t('sup.ownerGroup'), children: list.ownerGroupName },
                { key: 'liaison', label: t('sup.liaisonOffice'), children: list.liaisonOfficeName ?? '—' },
                { key: 'coordinator', label: t('sup.coordinatorOffice'), children: list.coordinatorOfficeName ?? '—' },
                { key: 'approvedAt', label: t('sup.approvedAt'), children: list.approvedAt ? formatDate(list.approvedAt) : t('sup.notApproved') },
                {
                  key: 'docNo',
                  label: t('sup.docNo'),
                  children: list.docNo ? (
                    <span data-testid="list-doc-no">
                      {list.docNo}
                      {list.issuedOn ? `（${t('sup.issuedOnSuffix', { date: formatDate(list.issuedOn) })}）` : ''}
                    </span>
                  ) : (
                    t('sup.notIssued')
                  ),
                },
                {
                  key: 'hostUnits',
                  label: t('sup.hostUnits'),
                  span: 'filled',
                  children: list.hostUnits.length ? list.hostUnits.map((h) => <Tag key={h.id}>{h.name}</Tag>) : '—',
                },
                {
                  key: 'bases',
                  label: t('sup.bases'),
                  span: 'filled',
                  children: <EnumTags labels={BASIS_LABELS} values={list.bases} colors={() => 'volcano'} />,
                },
                {
                  key: 'states',
                  label: t('sup.stateCounts'),
                  span: 'filled',
                  children: (
                    <span data-testid="list-state-counts">
                      {states.length
                        ? states.map((s) => (
                            <Tag key={s} color={STATE_COLORS[s]} style={{ marginBlock: 2 }}>
                              {label(ITEM_STATE_LABELS, s)} {list.stateCounts[s]}
                            </Tag>
                          ))
                        : '—'}
                    </span>
                  ),
                },
              ]}
            />
          </Col>
          <Col xs={24} lg={7}>
            <Flex vertical align="center" gap={8}>
              <Progress type="dashboard" percent={percent(list.completionRate)} size={110} aria-label={t('sup.completion')} />
              <Typography.Text type="secondary">
                {t('sup.completion')} · {list.doneCount}/{list.itemCount}
              </Typography.Text>
              <LightCounts lights={list.lights} />
            </Flex>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'items',
              label: `${t('sup.items')} (${list.items.length})`,
              children: (
                <ItemsTable
                  testId="list-items-table"
                  showList={false}
                  dataSource={[...list.items].sort((a, b) => a.seq - b.seq)}
                  rowClassName={(i) => `ld-row-light-${i.light.toLowerCase()}`}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                />
              ),
            },
            {
              key: 'consultations',
              label: `${t('sup.consultations')} (${list.consultations.length})`,
              children: <Consultations list={list} onAdd={() => setConsulting(true)} />,
            },
            { key: 'chart', label: t('sup.chart'), children: <ProgressChart listId={list.id} /> },
          ]}
        />
      </Card>
      <ItemFormDrawer target={itemTarget} onClose={() => setItemTarget(null)} />
      <ListFormDrawer target={listTarget} onClose={() => setListTarget(null)} />
      <ImportItemsModal listId={list.id} open={importing} onClose={() => setImporting(false)} />
      <ConsultationModal listId={list.id} open={consulting} onClose={() => setConsulting(false)} />
    </Page>
  );
}

function ListToolbar({
  list,
  onEdit,
  onImport,
  onAdd,
}: {
  list: ListDetail;
  onEdit: () => void;
  onImport: () => void;
  onAdd: (mode: 'add' | 'order') => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const transition = useListTransition(list);
  const issue = useListIssue(list);
  const [busy, setBusy] = useState<string | null>(null);
  const ab = list.abilities;
  const download = async (kind: 'xlsx' | 'docx') => {
    setBusy(kind);
    try {
      if (kind === 'xlsx') await downloadFile(exportUrls.listXlsx(list.id), `${list.title}.xlsx`);
      else await downloadFile(exportUrls.listDocx(list.id), `${list.docNo ? '' : '草稿-'}${list.title}.docx`);
      message.success(t('sup.exported'));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };
  const act = async (action: 'consult' | 'approve') => {
    try {
      await transition.mutateAsync(action);
      message.success(t('common.done'));
    } catch (err) {
      onError(err);
    }
  };
  const doIssue = async () => {
    try {
      const issued = await issue.mutateAsync();
      message.success(t('sup.listIssued', { docNo: issued.docNo ?? '' }));
    } catch (err) {
      onError(err);
    }
  };
  return (
    <>
      {ab.issue ? (
        <Popconfirm title={t('sup.listIssueConfirm')} onConfirm={doIssue}>
          <Button type="primary" icon={<SendOutlined />} loading={issue.isPending} data-testid="list-issue">
            {t('sup.listIssue')}
          </Button>
        </Popconfirm>
      ) : null}
      {ab.addItem ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onAdd('add')} data-testid="list-add-item">
          {t('sup.addItem')}
        </Button>
      ) : null}
      {ab.order ? (
        <Button icon={<AimOutlined />} onClick={() => onAdd('order')} data-testid="list-order">
          {t('sup.orderItem')}
        </Button>
      ) : null}
      {ab.consult ? (
        <Popconfirm title={t('sup.listConsultConfirm')} onConfirm={() => act('consult')}>
          <Button icon={<TeamOutlined />} loading={transition.isPending && transition.variables === 'consult'} data-testid="list-consult">
            {t('sup.listConsult')}
          </Button>
        </Popconfirm>
      ) : null}
      {ab.approve ? (
        <Popconfirm title={t('sup.listApproveConfirm')} onConfirm={() => act('approve')}>
          <Button type="primary" loading={transition.isPending && transition.variables === 'approve'} data-testid="list-approve">
            {t('sup.listApprove')}
          </Button>
        </Popconfirm>
      ) : null}
      {ab.update ? (
        <Button icon={<EditOutlined />} onClick={onEdit}>
          {t('common.edit')}
        </Button>
      ) : null}
      {ab.addItem ? (
        <Button icon={<UploadOutlined />} onClick={onImport} data-testid="list-import">
          {t('sup.import')}
        </Button>
      ) : null}
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
        {t('sup.exportExcel')}
      </Button>
      {ab.exportDocx ? (
        <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void download('docx')} data-testid="list-export-docx">
          {t('sup.exportDocx')}
        </Button>
      ) : null}
    </>
  );
}

function Consultations({ list, onAdd }: { list: ListDetail; onAdd: () => void }) {
  const { t } = useI18n();
  // Recording a consultation goes with confirming it (室组会商): those who may consult or edit may record.
  const canRecord = list.abilities.consult || list.abilities.update;
  return (
    <div data-testid="list-consultations">
      {canRecord ? (
        <Flex justify="end" style={{ marginBottom: 8 }}>
          <Button icon={<PlusOutlined />} onClick={onAdd} data-testid="consultation-add">
            {t('sup.addConsultation')}
          </Button>
        </Flex>
      ) : null}
      <List
        dataSource={[...list.consultations].sort((a, b) => b.heldOn.localeCompare(a.heldOn))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.noConsultations')} /> }}
        renderItem={(c) => (
          <List.Item key={c.id}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="blue">{formatDate(c.heldOn)}</Tag>
                  {c.place ? <span>{c.place}</span> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {c.createdBy.name} · {formatDateTime(c.createdAt)}
                  </Typography.Text>
                </Space>
              }
              description={
                <div>
                  <div style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary">{t('sup.participants')}：</Typography.Text>
                    {c.participants.map((p) => (
                      <Tag key={`${p.name}-${p.orgName ?? ''}-${p.role ?? ''}`} style={{ marginBlock: 2 }}>
                        {p.name}
                        {p.orgName || p.role ? ` (${[p.orgName, p.role].filter(Boolean).join(' ')})` : ''}
                      </Tag>
                    ))}
                  </div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, color: 'inherit' }}>{c.opinions}</Typography.Paragraph>
                </div>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}
