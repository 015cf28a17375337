import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { currentYear } from '../../lib/options';
import { useI18n } from '../../lib/i18n';
import type { CockpitDimension, CockpitFilters } from './api';
import { CockpitView } from './CockpitView';

const DIMENSIONS: readonly CockpitDimension[] = ['office', 'group', 'county', 'sector'];

/** Reads the cockpit's filters from the address (so a link or the back button restores the view). */
export function readCockpitFilters(sp: URLSearchParams): CockpitFilters {
  const year = Number(sp.get('year'));
  const dimension = sp.get('dimension') as CockpitDimension | null;
  return {
    year: Number.isInteger(year) && year > 2000 ? year : currentYear(),
    dimension: dimension && DIMENSIONS.includes(dimension) ? dimension : 'office',
    sector: sp.get('sector') ?? undefined,
  };
}

export function writeCockpitFilters(f: CockpitFilters): URLSearchParams {
  const sp = new URLSearchParams({ year: String(f.year), dimension: f.dimension });
  if (f.sector) sp.set('sector', f.sector);
  return sp;
}

/** 监督质效: the leadership cockpit (issue 15). */
export function CockpitPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  return (
    <Page title={t('leaderCockpit.title')} description={t('leaderCockpit.hint')} testId="cockpit-page">
      <CockpitView filters={readCockpitFilters(sp)} onChange={(f) => setSp(writeCockpitFilters(f), { replace: true })} />
    </Page>
  );
}
