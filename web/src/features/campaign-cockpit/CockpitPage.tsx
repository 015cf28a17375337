import { useParams } from 'react-router';
import { Page } from '../../components/Page';
import { useI18n } from '../../lib/i18n';
import { CampaignCockpit } from './CampaignCockpit';

/** /campaigns/:id/cockpit — the cockpit on its own page (the campaign detail shows it as its first tab). */
export function CockpitPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  return (
    <Page title={t('cockpit.title')} bare testId="campaign-cockpit-page">
      <CampaignCockpit campaignId={id} />
    </Page>
  );
}
