import type { IntegritySummary } from '@liandong/domain/integrity/contracts';
import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n';

/**
 * 回复期限 light of a reply not yet issued: red 已逾期 past its due date, yellow 临期 within 3 working days
 * (the window of the daily reminder), nothing otherwise.
 */
export function DueTag({ r }: { r: Pick<IntegritySummary, 'overdue' | 'dueSoon'> }) {
  const { t } = useI18n();
  if (r.overdue)
    return (
      <Tag color="red" data-testid="integrity-overdue">
        {t('integrity.overdue')}
      </Tag>
    );
  if (r.dueSoon)
    return (
      <Tag color="gold" data-testid="integrity-due-soon">
        {t('integrity.dueSoon')}
      </Tag>
    );
  return null;
}
