import { useParams } from 'react-router';
import { Page } from '../../components/Page';
import { useT } from '../../lib/i18n';
import { useTaskForce } from './api';
import { TaskForcePanel } from './TaskForcePanel';

/** /campaigns/:id/task-force — the campaign's 工作专班 on a page of its own. */
export function TaskForcePage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useTaskForce(id);
  return (
    <Page title={query.data ? `${query.data.campaign.name} · ${t('taskforce.title')}` : t('taskforce.pageTitle')} testId="tf-page">
      <TaskForcePanel campaignId={id} />
    </Page>
  );
}
