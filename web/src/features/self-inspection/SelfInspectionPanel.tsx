import { Tabs } from 'antd';
import { QueryError } from '../../components/Results';
import { useI18n } from '../../lib/i18n';
import { useOverview } from './api';
import { MatrixTab } from './MatrixTab';
import { RoundsTab, TemplateTab, UnitsTab } from './SetupTabs';

/**
 * 自查自纠 of one campaign — the tab the campaign detail page mounts, and the body of the standalone page:
 * the unit × aspect matrix (lights, counts, drill-down with review, Excel exports), the checklist, the
 * target units with their Excel import, and the rounds. Buttons follow the server's abilities.
 */
export function SelfInspectionPanel({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const query = useOverview(campaignId);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const overview = query.data;
  if (!overview) return null;
  return (
    <Tabs
      data-testid="self-inspection-panel"
      items={[
        { key: 'matrix', label: t('selfInspection.tabMatrix'), children: <MatrixTab overview={overview} /> },
        { key: 'template', label: t('selfInspection.tabTemplate'), children: <TemplateTab key={overview.template?.version ?? 0} overview={overview} /> },
        { key: 'units', label: `${t('selfInspection.tabUnits')} (${overview.targetUnits})`, children: <UnitsTab overview={overview} /> },
        { key: 'rounds', label: t('selfInspection.tabRounds'), children: <RoundsTab overview={overview} /> },
      ]}
    />
  );
}
