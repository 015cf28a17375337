import type { SharedAccess } from '@liandong/domain/shares/contracts';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n';

/**
 * The banner of an object's page opened under 信息互通 grants (the detail's `shared`): read-only, what a
 * summary grant withholds, and a link to the grant(s). Nothing when the reader sees the object in their own right.
 */
export function SharedNotice({ shared }: { shared: SharedAccess | undefined }) {
  const { t } = useI18n();
  if (!shared) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="shared-notice"
      title={shared.detail === 'FULL' ? t('shares.sharedNoticeFull') : t('shares.sharedNoticeSummary')}
      description={shared.shareIds.map((id) => (
        <Link key={id} to={`/shares/${id}`} style={{ marginRight: 12 }}>
          {t('shares.sharedNoticeLink')}
        </Link>
      ))}
    />
  );
}
