import { DownloadOutlined } from '@ant-design/icons';
import { CAMPAIGN_STATE_LABELS } from '@liandong/domain/campaigns/enums';
import { Button, Card, Col, DatePicker, Flex, Row, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { NotFound, PageLoading } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { exportKpis, type KpiGroup, useKpiSeries, useKpis, useLinks } from './api';
import { CampaignBulletins } from './CampaignBulletins';
import { CockpitLinks } from './CockpitLinks';
import { KpiChart } from './KpiChart';
import { useKpiLabel } from './labels';

/** Phase colours along c.4: planning grey, running blue, handling orange, finished green. */
const PHASE_COLOR: Record<string, string> = {
  PLANNED: 'default',
  LAUNCHED: 'blue',
  SELF_INSPECTION: 'cyan',
  CHECKING: 'geekblue',
  CONCENTRATED_HANDLING: 'orange',
  CONSOLIDATING: 'purple',
  EVALUATED: 'green',
  CLOSED: 'green',
  NORMALISED: 'green',
};

/**
 * 专项整治驾驶舱 (issue 10): the campaign's phase, its figures computed from the linked records, the
 * figures per month, the linked clues / cases / tasks the user may open, the 建章立制 register and the
 * periodic 通报. The campaign detail page mounts it as its first tab; /campaigns/:id/cockpit shows it alone.
 */
export function CampaignCockpit({ campaignId }: { campaignId: string }) {
  const { t, label } = useI18n();
  const onError = useApiErrorHandler();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>([null, null]);
  const kpis = useKpis(campaignId);
  const series = useKpiSeries(campaignId, range[0]?.format('YYYY-MM'), range[1]?.format('YYYY-MM'));
  const links = useLinks(campaignId);

  if (kpis.isLoading) return <PageLoading />;
  if (kpis.isError || !kpis.data) return <NotFound />;
  const k = kpis.data;

  return (
    <Flex vertical gap={12} data-testid="campaign-cockpit">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8}>
          <Typography.Text strong>{t('cockpit.phase')}</Typography.Text>
          <Tag color={PHASE_COLOR[k.state] ?? 'default'} data-testid="campaign-phase">
            {label(CAMPAIGN_STATE_LABELS, k.state)}
          </Tag>
          <Typography.Text type="secondary">{t('cockpit.asOf', { day: k.asOf })}</Typography.Text>
        </Flex>
        <Button icon={<DownloadOutlined />} onClick={() => exportKpis(campaignId).catch(onError)}>
          {t('cockpit.exportKpis')}
        </Button>
      </Flex>
      <KpiCards groups={k.groups} />
      <Card
        size="small"
        title={t('cockpit.series')}
        extra={
          <DatePicker.RangePicker
            picker="month"
            allowEmpty={[true, true]}
            value={range}
            placeholder={[t('cockpit.seriesFrom'), t('cockpit.seriesTo')]}
            onChange={(v) => setRange(v ? [v[0], v[1]] : [null, null])}
          />
        }
      >
        {series.data ? <KpiChart data={series.data} /> : <PageLoading />}
      </Card>
      <Card size="small" title={t('cockpit.links')}>
        {links.data ? <CockpitLinks data={links.data} /> : <PageLoading />}
      </Card>
      {/* The 建章立制 register has its own tab on the campaign page (?tab=rules); its count is among the figures. */}
      <Card size="small" title={t('cockpit.bulletins')}>
        <CampaignBulletins campaignId={campaignId} />
      </Card>
    </Flex>
  );
}

/** One card per group of figures (groups of other areas appear as the server adds them). */
function KpiCards({ groups }: { groups: KpiGroup[] }) {
  const { t } = useI18n();
  const kpiLabel = useKpiLabel();
  const suffix = (unit: string) =>
    unit === 'YUAN' ? t('cockpit.unitYuan') : unit === 'PERSON' ? t('cockpit.unitPerson') : unit === 'PERCENT' ? '%' : t('cockpit.unitCount');
  return (
    <Row gutter={[12, 12]} data-testid="campaign-kpi-cards">
      {groups.map((g) => (
        <Col key={g.key} xs={24} md={12} xl={8}>
          <Card size="small" title={kpiLabel(g.key, g.label)} style={{ height: '100%' }}>
            <Row gutter={[8, 8]}>
              {g.figures.map((f) => (
                <Col key={f.key} span={f.unit === 'YUAN' ? 24 : 8}>
                  <Statistic
                    title={kpiLabel(`${g.key}_${f.key}`, f.label)}
                    value={f.value}
                    precision={f.unit === 'YUAN' ? 2 : f.unit === 'PERCENT' ? 1 : 0}
                    suffix={suffix(f.unit)}
                    valueStyle={{ fontSize: 20 }}
                  />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
