import { CASE_STAGE_LABELS, type CaseStage } from '@liandong/domain/cases/contracts';
import { Badge, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { useI18n } from '../../lib/i18n';
import { useCases } from './api';
import { useFilterUpdater } from '../../lib/filters';
import { CaseTable, readCaseFilters } from './CasesPage';

/** The stages a trial officer works in: 审理中, then decided and closed (their cases from the transfer on). */
const TRIAL_TABS: CaseStage[] = ['TRIAL', 'DECIDED', 'CLOSED'];

/**
 * 审理: the 案件审理室's list — the cases transferred to trial (the server shows trial staff only those,
 * never one whose investigation they were on), soonest trial deadline first.
 */
export function TrialPage() {
  const { t, label } = useI18n();
  const [sp] = useSearchParams();
  const filters = readCaseFilters(sp, { stage: 'TRIAL', sort: 'trialDue' });
  const stage = filters.stage && TRIAL_TABS.includes(filters.stage) ? filters.stage : 'TRIAL';
  const update = useFilterUpdater();
  const counts = {
    TRIAL: useCases({ stage: 'TRIAL', page: 1, pageSize: 1 }).data?.total,
    DECIDED: useCases({ stage: 'DECIDED', page: 1, pageSize: 1 }).data?.total,
    CLOSED: useCases({ stage: 'CLOSED', page: 1, pageSize: 1 }).data?.total,
  } satisfies Partial<Record<CaseStage, number | undefined>>;
  return (
    <Page title={t('cases.menuTrial')} description={t('cases.trialHint')} testId="trial-page">
      <Tabs
        activeKey={stage}
        onChange={(key) => update({ stage: key, state: undefined, sort: key === 'TRIAL' ? 'trialDue' : '-filedOn' })}
        items={TRIAL_TABS.map((s) => ({
          key: s,
          label: (
            <span data-testid={`trial-tab-${s}`}>
              {label(CASE_STAGE_LABELS, s)}{' '}
              <Badge count={counts[s as keyof typeof counts] ?? 0} showZero overflowCount={999} color={s === stage ? '#b3161f' : '#bfbfbf'} />
            </span>
          ),
        }))}
      />
      <CaseTable filters={{ ...filters, stage }} testId="trial-table" />
    </Page>
  );
}
