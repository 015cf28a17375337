import { FILE_REQUEST_STATE_LABELS, type FileRequestState } from '@liandong/domain/integrity-files/enums';
import { Tag } from 'antd';
import { EnumTag } from '../../components/EnumTag';
import { useT } from '../../lib/i18n';
import type { RequestRow } from './api';

const COLORS: Record<FileRequestState, string> = { PENDING: 'processing', APPROVED: 'success', REJECTED: 'error', WITHDRAWN: 'default', REVOKED: 'warning' };

/** The request's state; an approval past its end date reads 已过期. */
export function RequestStateTag({ r }: { r: RequestRow }) {
  const t = useT();
  if (r.expired) return <Tag>{t('integrityFile.expired')}</Tag>;
  return <EnumTag labels={FILE_REQUEST_STATE_LABELS} value={r.state} colors={COLORS} />;
}
