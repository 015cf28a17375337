import { useParams } from 'react-router';
import { Page } from '../../components/Page';
import { useI18n } from '../../lib/i18n';
import { useOverview } from './api';
import { SelfInspectionPanel } from './SelfInspectionPanel';

/** /campaigns/:id/self-inspection — the panel on a page of its own (links from notices land here). */
export function SelfInspectionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const overview = useOverview(id);
  return (
    <Page title={overview.data ? t('selfInspection.pageTitle', { name: overview.data.campaignName }) : t('selfInspection.title')} testId="self-inspection-page">
      <SelfInspectionPanel campaignId={id} />
    </Page>
  );
}
