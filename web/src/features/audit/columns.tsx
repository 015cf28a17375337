import { AUDIT_EVENT_LABELS } from '@liandong/domain/platform/audit';
import type { AuditEvent } from '@liandong/domain/platform/audit';
import { Tag, Tooltip } from 'antd';
import type { FieldDef } from '../../components/entity';
import { formatTimestamp, orDash } from '../../lib/format';
import type { TFunction } from '../../lib/i18n';

/** Colour by the event's area (auth., user., org. …). */
const AREA_COLORS: Record<string, string> = {
  auth: 'blue',
  user: 'geekblue',
  org: 'cyan',
  link: 'cyan',
  zone: 'cyan',
  leader: 'cyan',
  person: 'red',
  audit: 'purple',
  setting: 'orange',
  calendar: 'green',
  dictionary: 'green',
};

type LabelFn = (labels: typeof AUDIT_EVENT_LABELS, code: string) => string;

/** 审计事件 */
export function auditFields(t: TFunction, label: LabelFn): FieldDef<AuditEvent>[] {
  return [
    { key: 'id', title: t('audit.id'), width: 80 },
    { key: 'at', title: t('audit.at'), width: 170, render: (e) => formatTimestamp(e.at) },
    { key: 'actorName', title: t('audit.actor'), width: 120, render: (e) => orDash(e.actorName) },
    {
      key: 'type',
      title: t('audit.type'),
      width: 160,
      render: (e) => (
        <Tooltip title={e.type}>
          <Tag color={AREA_COLORS[e.type.split('.')[0] ?? ''] ?? 'default'}>{label(AUDIT_EVENT_LABELS, e.type)}</Tag>
        </Tooltip>
      ),
    },
    { key: 'objectType', title: t('audit.objectType'), width: 110, render: (e) => orDash(e.objectType) },
    { key: 'objectId', title: t('audit.objectId'), width: 180, ellipsis: true, render: (e) => <span className="ld-mono">{orDash(e.objectId)}</span> },
    { key: 'ip', title: t('audit.ip'), width: 130, render: (e) => orDash(e.ip) },
    { key: 'requestId', title: t('audit.requestId'), detailOnly: true, render: (e) => <span className="ld-mono">{orDash(e.requestId)}</span> },
    { key: 'hash', title: t('audit.hash'), detailOnly: true, render: (e) => <span className="ld-mono">{e.hash}</span> },
    {
      key: 'payload',
      title: t('audit.payload'),
      detailOnly: true,
      render: (e) => (
        <pre className="ld-mono" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {JSON.stringify(e.payload, null, 2)}
        </pre>
      ),
    },
  ];
}
