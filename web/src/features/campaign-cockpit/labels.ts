import { useCallback } from 'react';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';

/**
 * Label of a figure, group or series by its server key (`kpi.<group>_<figure>`), falling back to the
 * server's zh label: groups added by other areas (self-inspection, spot checks) show before they are translated.
 */
export function useKpiLabel() {
  const { t } = useI18n();
  return useCallback(
    (key: string, fallback: string) => {
      const k = `kpi.${key}`;
      const v = t(k as MessageKey);
      return v === k ? fallback : v;
    },
    [t],
  );
}
