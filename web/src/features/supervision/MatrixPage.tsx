import { SendOutlined } from '@ant-design/icons';
import {
  type Basis,
  BASIS_LABELS,
  type Frequency,
  FREQUENCY_LABELS,
  type Light,
  LIGHT_LABELS,
  type Method,
  METHOD_LABELS,
} from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS } from '@liandong/domain/supervision/machine';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Select,
  Table,
  type TableColumnType,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ExportButton } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type Matrix, useCommonItems, useCreateCommonItem, useMatrix } from './api';
import { currentYear, enumOptions, LIGHT_COLORS, percent, yearOptions } from './components';

type Group = Matrix['groups'][number];
type Cell = Matrix['cells'][number];

const CELL_BG: Record<Light, string> = { GREEN: '#f6ffed', YELLOW: '#fffbe6', RED: '#fff1f0', DONE: '#e6f4ff', NONE: '#fafafa' };

/** 共性事项矩阵: groups × common items, coloured by light, with completion per row, column and overall. */
export function MatrixPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || currentYear();
  const query = useMatrix(year);
  const common = useCommonItems(year);
  const [issuing, setIssuing] = useState(false);
  const data = query.data;

  const cellMap = useMemo(() => {
    const m = new Map<string, Cell>();
    for (const c of data?.cells ?? []) m.set(`${c.groupId}|${c.commonItemId}`, c);
    return m;
  }, [data]);

  const columns = useMemo<TableColumnType<Group>[]>(() => {
    if (!data) return [];
    return [
      {
        key: 'group',
        title: t('sup.group'),
        fixed: 'left',
        width: 200,
        render: (_, g) => (
          <Flex vertical>
            <Typography.Text strong>{g.name}</Typography.Text>
            {g.liaisonOfficeName ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('sup.liaisonOffice')}：{g.liaisonOfficeName}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      ...data.commonItems.map<TableColumnType<Group>>((ci) => ({
        key: ci.id,
        width: 110,
        align: 'center',
        title: (
          <Tooltip title={`${ci.seq}. ${ci.matter}${ci.dueDate ? ` (${t('sup.dueDate')} ${formatDate(ci.dueDate)})` : ''}`}>
            <div className="ld-matrix-head">
              <span className="ld-matrix-seq">{ci.seq}</span>
              <span className="ld-matrix-matter">{ci.matter}</span>
            </div>
          </Tooltip>
        ),
        onCell: (g) => {
          const cell = cellMap.get(`${g.id}|${ci.id}`);
          return { style: { background: cell ? CELL_BG[cell.light] : undefined, padding: 4 } };
        },
        render: (_, g) => {
          const cell = cellMap.get(`${g.id}|${ci.id}`);
          if (!cell) return <Typography.Text type="secondary">—</Typography.Text>;
          return (
            <Tooltip title={`${label(LIGHT_LABELS, cell.light)} · ${label(ITEM_STATE_LABELS, cell.state)}`}>
              <button
                type="button"
                className="ld-matrix-cell"
                data-testid={`matrix-cell-${g.id}-${ci.id}`}
                data-light={cell.light}
                data-state={cell.state}
                onClick={() => void navigate(`/supervision/items/${cell.itemId}`)}
              >
                <span className="ld-light-dot" style={{ background: LIGHT_COLORS[cell.light] }} />
                <span>{label(ITEM_STATE_LABELS, cell.state)}</span>
              </button>
            </Tooltip>
          );
        },
      })),
      {
        key: 'rate',
        title: t('sup.completion'),
        fixed: 'right',
        width: 150,
        render: (_, g) => <Progress percent={percent(data.completion.byGroup[g.id])} size="small" aria-label={`${g.name} ${t('sup.completion')}`} />,
      },
    ];
  }, [data, cellMap, t, label, navigate]);

  return (
    <Page
      title={t('menu.supMatrix')}
      description={t('sup.matrixHint')}
      bare
      testId="matrix-page"
      extra={
        <>
          <Select
            style={{ width: 110 }}
            value={year}
            options={yearOptions()}
            onChange={(y) => setSp({ year: String(y) }, { replace: true })}
            aria-label={t('sup.year')}
            data-testid="matrix-year"
          />
          {common.data?.abilities.create ? (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setIssuing(true)} data-testid="common-item-create">
              {t('sup.issueCommon')}
            </Button>
          ) : null}
          <ExportButton url={exportUrls.matrix(year)} filename={t('sup.matrixFile', { year })} success={t('sup.exported')} disabled={!data}>
            {t('sup.exportExcel')}
          </ExportButton>
        </>
      }
    >
      {query.isError ? (
        <Card size="small">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={24} md={8}>
              <Card size="small" loading={query.isPending}>
                <Flex align="center" gap={16}>
                  <Progress
                    type="circle"
                    size={72}
                    percent={percent(data?.completion.overall)}
                    aria-label={t('sup.overallCompletion')}
                    data-testid="matrix-overall"
                  />
                  <Flex vertical>
                    <Typography.Text type="secondary">{t('sup.overallCompletion')}</Typography.Text>
                    <Typography.Title level={3} style={{ margin: 0 }}>
                      <span data-testid="matrix-overall-value">{percent(data?.completion.overall)}%</span>
                    </Typography.Title>
                  </Flex>
                </Flex>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card size="small" loading={query.isPending}>
                <LightSummary cells={data?.cells ?? []} groups={data?.groups.length ?? 0} items={data?.commonItems.length ?? 0} />
              </Card>
            </Col>
          </Row>
          <Card size="small">
            {data && data.commonItems.length === 0 ? (
              <Empty description={t('sup.noCommonItems')} />
            ) : (
              <div data-testid="matrix-table">
                <Table<Group>
                  rowKey="id"
                  size="small"
                  bordered
                  loading={query.isFetching}
                  dataSource={data?.groups ?? []}
                  columns={columns}
                  pagination={false}
                  scroll={{ x: 'max-content', y: 'calc(100vh - 380px)' }}
                  summary={() =>
                    data ? (
                      <Table.Summary fixed>
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0}>
                            <Typography.Text strong>{t('sup.itemCompletion')}</Typography.Text>
                          </Table.Summary.Cell>
                          {data.commonItems.map((ci, i) => (
                            <Table.Summary.Cell key={ci.id} index={i + 1} align="center">
                              <span data-testid={`matrix-col-rate-${ci.id}`}>{percent(data.completion.byItem[ci.id])}%</span>
                            </Table.Summary.Cell>
                          ))}
                          <Table.Summary.Cell index={data.commonItems.length + 1}>
                            <Typography.Text strong>{percent(data.completion.overall)}%</Typography.Text>
                          </Table.Summary.Cell>
                        </Table.Summary.Row>
                      </Table.Summary>
                    ) : null
                  }
                />
              </div>
            )}
          </Card>
        </>
      )}
      <CommonItemModal open={issuing} year={year} groups={data?.groups ?? []} onClose={() => setIssuing(false)} />
    </Page>
  );
}

function LightSummary({ cells, groups, items }: { cells: Cell[]; groups: number; items: number }) {
  const { t, label } = useI18n();
  const counts: Record<Light, number> = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0, NONE: 0 };
  for (const c of cells) counts[c.light] += 1;
  return (
    <Flex wrap gap={24} align="center" style={{ minHeight: 72 }}>
      <Flex vertical>
        <Typography.Text type="secondary">{t('sup.groups')}</Typography.Text>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {groups}
        </Typography.Title>
      </Flex>
      <Flex vertical>
        <Typography.Text type="secondary">{t('sup.commonItems')}</Typography.Text>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {items}
        </Typography.Title>
      </Flex>
      {(['RED', 'YELLOW', 'GREEN', 'DONE'] as Light[]).map((l) => (
        <Flex vertical key={l}>
          <Typography.Text type="secondary">
            <span className="ld-light-dot" style={{ background: LIGHT_COLORS[l] }} /> {label(LIGHT_LABELS, l)}
          </Typography.Text>
          <Typography.Title level={4} style={{ margin: 0, color: l === 'RED' && counts[l] ? LIGHT_COLORS.RED : undefined }}>
            {counts[l]}
          </Typography.Title>
        </Flex>
      ))}
    </Flex>
  );
}

interface CommonItemValues {
  matter: string;
  bases: Basis[];
  methods: Method[];
  frequency?: Frequency;
  dueDate?: Dayjs | null;
  groupIds: string[];
}

/** 下发共性事项: written once, issued to every group (or the chosen ones). */
function CommonItemModal({ open, year, groups, onClose }: { open: boolean; year: number; groups: Group[]; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const create = useCreateCommonItem();
  const [form] = Form.useForm<CommonItemValues>();
  const submit = async (v: CommonItemValues) => {
    try {
      const chosen = v.groupIds ?? [];
      const all = chosen.length === 0 || chosen.length === groups.length;
      const res = await create.mutateAsync({
        year,
        matter: v.matter.trim(),
        bases: v.bases ?? [],
        methods: v.methods,
        frequency: v.frequency ?? null,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        groupIds: all ? undefined : chosen,
      });
      message.success(t('sup.issued', { count: res.issued }));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sup.issueCommonTitle', { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('sup.issue')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'common-item-submit' }}
      width={680}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ groupIds: groups.map((g) => g.id), bases: [], methods: [] }}>
        <Form.Item name="matter" label={t('sup.matter')} rules={[{ required: true, whitespace: true, message: t('sup.matterRequired') }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="common-item-matter" />
        </Form.Item>
        <Form.Item name="bases" label={t('sup.bases')}>
          <Select mode="multiple" options={enumOptions(BASIS_LABELS, label)} />
        </Form.Item>
        <Form.Item name="methods" label={t('sup.methods')} rules={[{ required: true, type: 'array', min: 1, message: t('sup.methodsRequired') }]}>
          <Select mode="multiple" options={enumOptions(METHOD_LABELS, label)} data-testid="common-item-methods" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="frequency" label={t('sup.frequency')}>
              <Select allowClear options={enumOptions(FREQUENCY_LABELS, label)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dueDate" label={t('sup.dueDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="groupIds" label={t('sup.issueTo')} extra={t('sup.issueToHint')}>
          <Select mode="multiple" maxTagCount="responsive" options={groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
