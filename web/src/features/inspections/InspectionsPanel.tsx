import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { InspectionSummary } from '@liandong/domain/inspections/contracts';
import { INSPECTION_STATE_LABELS, INSPECTION_TYPE_LABELS } from '@liandong/domain/inspections/enums';
import { Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { EnumTag } from '../../components/EnumTag';
import { ExportButton } from '../../components/Ledger';
import { Statlet } from '../../components/Statlet';
import { formatDate, todayIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { exportUrl, useInspectionKpis, useInspections } from './api';
import { InspectionDrawer } from './InspectionDrawer';
import { PlanDrawer } from './PlanDrawer';

const STATE_COLORS = { PLANNED: 'blue', DONE: 'green', CANCELLED: 'default' } as const;
const TYPE_COLORS = { JOINT_SPOT_CHECK: 'geekblue', UNANNOUNCED: 'volcano', FOLLOW_UP: 'purple' } as const;

/**
 * 联合抽查 / 明察暗访 of one campaign: KPIs (from checks whose date has passed), the checks the caller may
 * see (a secret plan is absent for everyone else), the plan form, and each check's detail with its findings.
 * Mounted as a tab of the campaign page and as the screen /campaigns/:id/inspections.
 */
export function InspectionsPanel({ campaignId, openId }: { campaignId: string; openId?: string | null }) {
  const { t } = useI18n();
  const list = useInspections(campaignId);
  const kpis = useInspectionKpis(campaignId);
  const [open, setOpen] = useState<string | null>(openId ?? null);
  const [planning, setPlanning] = useState(false);
  const today = todayIso();
  return (
    <Flex vertical gap={12} data-testid="inspections-panel">
      <Card size="small">
        <Flex gap={32} wrap>
          <Statlet title={t('insp.kpiChecks')}>{kpis.data?.checks ?? '—'}</Statlet>
          <Statlet title={t('insp.kpiUnannounced')}>{kpis.data?.unannouncedVisits ?? '—'}</Statlet>
          <Statlet title={t('insp.kpiUnits')}>{kpis.data?.unitsInspected ?? '—'}</Statlet>
          <Statlet title={t('insp.kpiFindings')}>{kpis.data?.findings ?? '—'}</Statlet>
          <Statlet title={t('insp.kpiHandedOver')}>{kpis.data?.findingsHandedOver ?? '—'}</Statlet>
        </Flex>
      </Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <span style={{ color: '#888' }}>{t('insp.hint')}</span>
        <Flex gap={8}>
          <ExportButton url={exportUrl(campaignId)} filename={t('insp.exportFile')} success={t('insp.exported')} testId="inspections-export">
            {t('insp.export')}
          </ExportButton>
          {list.data?.abilities.plan ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="inspection-plan">
              {t('insp.plan')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Table<InspectionSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('insp.empty') }}
        pagination={false}
        onRow={(r) =>
          ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': `inspection-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('insp.name'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Flex gap={6} align="center">
                {r.visitOn > today && r.state === 'PLANNED' ? (
                  <Tooltip title={t('insp.secretNote')}>
                    <LockOutlined />
                  </Tooltip>
                ) : null}
                <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>
              </Flex>
            ),
          },
          { title: t('insp.type'), dataIndex: 'type', render: (v) => <EnumTag labels={INSPECTION_TYPE_LABELS} value={v} colors={TYPE_COLORS} />, width: 110 },
          { title: t('insp.visitOn'), dataIndex: 'visitOn', render: (v: string) => formatDate(v), width: 120 },
          { title: t('insp.targets'), dataIndex: 'targets', render: (v: InspectionSummary['targets']) => v.map((o) => o.name).join('、') },
          {
            title: t('insp.state'),
            dataIndex: 'state',
            width: 170,
            render: (v, r) => (
              <Flex gap={4}>
                <EnumTag labels={INSPECTION_STATE_LABELS} value={v} colors={STATE_COLORS} />
                {r.state === 'PLANNED' ? <Tag color={r.approved ? 'green' : 'orange'}>{r.approved ? t('insp.approved') : t('insp.notApproved')}</Tag> : null}
              </Flex>
            ),
          },
          { title: t('insp.findingCount'), dataIndex: 'findings', width: 80, align: 'right' },
        ]}
      />
      <PlanDrawer
        campaignId={campaignId}
        open={planning}
        onClose={(id) => {
          setPlanning(false);
          if (id) setOpen(id);
        }}
      />
      <InspectionDrawer campaignId={campaignId} id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
