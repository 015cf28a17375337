import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { DECISION_STATE_LABELS } from '@liandong/domain/meetings/enums';
import { Flex, Segmented } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { EnumSelect, ExportButton, LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useListFilters } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { type Decision, type DecisionFilters, exportUrls, useDecisions } from './api';
import { DecisionStateTag, LightTag } from './shared';

const LIGHTS: Light[] = ['RED', 'YELLOW', 'GREEN', 'DONE'];
const VIEWS: DecisionFilters['view'][] = ['all', 'chaired', 'owned'];

/** 议定事项督办: every decision the user may see with its light — the chair's board (我主持的会议), the owner org's list. */
export function DecisionsPage() {
  const { t, label } = useI18n();
  // View and light come from the address too: the 工作台's card links here filtered (?view=owned&light=RED).
  const [sp] = useSearchParams();
  const view = VIEWS.find((v) => v === sp.get('view')) ?? 'all';
  const light = LIGHTS.find((l) => l === sp.get('light'));
  const { filters, set, onPage } = useListFilters<DecisionFilters>({ page: 1, pageSize: 20, view, light });
  const query = useDecisions(filters);
  const counts = query.data?.counts;
  return (
    <Page
      title={t('meeting.menuDecisions')}
      description={t('meeting.boardHint')}
      testId="decisions-page"
      extra={
        <ExportButton url={exportUrls.decisions(filters)} filename={t('meeting.boardFile')} success={t('meeting.exported')} testId="decisions-export">
          {t('meeting.exportExcel')}
        </ExportButton>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={filters.view ?? 'all'}
          onChange={(v) => set({ view: v as DecisionFilters['view'] })}
          data-testid="decisions-view"
          options={[
            { value: 'all', label: t('meeting.viewAll') },
            { value: 'chaired', label: t('meeting.viewChaired') },
            { value: 'owned', label: t('meeting.viewOwned') },
          ]}
        />
        <Segmented
          value={filters.light ?? 'ALL'}
          onChange={(v) => set({ light: v === 'ALL' ? undefined : (v as Light) })}
          data-testid="decisions-lights"
          options={[
            { value: 'ALL', label: t('meeting.allLights') },
            ...LIGHTS.map((l) => ({ value: l, label: `${label(LIGHT_LABELS, l)}${counts ? ` ${counts[l as keyof typeof counts]}` : ''}` })),
          ]}
        />
        <EnumSelect labels={DECISION_STATE_LABELS} width={140} placeholder={t('meeting.state')} value={filters.state} onChange={(state) => set({ state })} />
      </Flex>
      <LedgerTable<Decision>
        query={query}
        testId="decisions-table"
        paging={filters}
        onPage={onPage}
        rowHref={(d) => `/meetings/decisions/${d.id}`}
        rowTestId={(d) => `decision-row-${d.id}`}
        columns={[
          { key: 'light', title: t('meeting.light'), width: 80, render: (_, d) => <LightTag value={d.light} /> },
          { key: 'content', title: t('meeting.decisionContent'), render: (_, d) => <Link to={`/meetings/decisions/${d.id}`}>{d.content}</Link> },
          { key: 'meeting', title: t('meeting.meeting'), width: 260, render: (_, d) => `${d.meeting.title}（${formatDateTime(d.meeting.startsAt)}）` },
          { key: 'owner', title: t('meeting.ownerOrg'), width: 180, render: (_, d) => d.ownerOrg.name },
          { key: 'deadline', title: t('meeting.deadline'), width: 110, render: (_, d) => formatDate(d.deadline) },
          { key: 'state', title: t('meeting.state'), width: 100, render: (_, d) => <DecisionStateTag value={d.state} /> },
          { key: 'lastReport', title: t('meeting.lastReport'), width: 240, ellipsis: true, render: (_, d) => orDash(d.lastReport) },
        ]}
      />
    </Page>
  );
}
