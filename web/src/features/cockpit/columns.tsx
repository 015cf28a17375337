import {
  COCKPIT_AREA_LABELS,
  COCKPIT_DIMENSION_LABELS,
  COCKPIT_METRIC_AREA,
  COCKPIT_METRIC_LABELS,
  COCKPIT_METRICS,
  type CockpitArea,
} from '@liandong/domain/cockpit/contracts';
import { type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n';
import { type Cockpit, type CockpitCell, type CockpitMetric, screenHref } from './api';

/*
 * The cockpit table's columns and figures, apart from the screen's charts: the home summary of the 书记 and the
 * standing committee (CockpitSummary) draws the table only, and must not pull ECharts into their first load
 * (issue 12: the signed-in home ≤ 400 KB).
 */

const AREAS = Object.keys(COCKPIT_AREA_LABELS) as CockpitArea[];
/** The figures of the home summary and of the bar chart. */
export const COCKPIT_MAIN_METRICS: readonly CockpitMetric[] = [
  'itemsTotal',
  'itemsRed',
  'cluesReceived',
  'casesFiled',
  'lettersIssued',
  'lettersOverdue',
  'tasksOverdue',
  'campaignsActive',
];

/** A figure: a link to its ledger when the server gave one, plain otherwise (standing committee, no sector). */
export function Figure({ cell, label, testId }: { cell: CockpitCell; label: string; testId: string }) {
  const { t } = useI18n();
  if (cell.value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!cell.link) return <span data-testid={testId}>{cell.value}</span>;
  return (
    <Link to={screenHref(cell.link)} data-testid={testId} aria-label={t('leaderCockpit.drill', { label })}>
      {cell.value}
    </Link>
  );
}

export function useCockpitColumns(data: Cockpit | undefined, metrics: readonly CockpitMetric[] = COCKPIT_METRICS) {
  const { t, label } = useI18n();
  return useMemo((): TableColumnsType<{ key: string; name: string; cells: Cockpit['total'] }> => {
    const dim = data ? label(COCKPIT_DIMENSION_LABELS, data.dimension) : t('leaderCockpit.name');
    const groups = AREAS.filter((a) => metrics.some((m) => COCKPIT_METRIC_AREA[m] === a)).map((area) => ({
      title: label(COCKPIT_AREA_LABELS, area) + (area === 'tasks' ? `（${t('leaderCockpit.current')}）` : ''),
      key: area,
      children: metrics
        .filter((m) => COCKPIT_METRIC_AREA[m] === area)
        .map((m) => ({
          title: label(COCKPIT_METRIC_LABELS, m),
          key: m,
          align: 'right' as const,
          width: 92,
          render: (_: unknown, r: { key: string; name: string; cells: Cockpit['total'] }) => (
            <Figure cell={r.cells[m]} label={`${r.name} ${label(COCKPIT_METRIC_LABELS, m)}`} testId={`cockpit-cell-${r.key}-${m}`} />
          ),
        })),
    }));
    return [{ title: dim, dataIndex: 'name', key: 'name', fixed: 'left' as const, width: 180 }, ...groups];
  }, [data, metrics, t, label]);
}
