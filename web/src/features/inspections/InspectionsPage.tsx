import { useParams, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { useI18n } from '../../lib/i18n';
import { InspectionsPanel } from './InspectionsPanel';

/** Screen /campaigns/:id/inspections: the campaign's checks on their own (the campaign page shows the same panel as a tab). */
export function InspectionsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  return (
    <Page title={t('insp.title')} description={t('insp.secretNote')} testId="inspections-page" bare>
      <InspectionsPanel campaignId={id} openId={search.get('open')} />
    </Page>
  );
}
