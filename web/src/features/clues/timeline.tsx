import { CLUE_ACTION_LABELS, CLUE_STATE_LABELS } from '@liandong/domain/clues/machine';
import { Empty, Space, Typography, Timeline } from 'antd';
import { formatDateTime } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import type { ClueEvent } from './api';
import { ClueStateTag } from './components';

type LabelFn = ReturnType<typeof useI18n>['label'];

/** The words of a timeline entry: machine actions, requests (报批), decisions, intake and edits. */
export function eventLabel(action: string, t: TFunction, label: LabelFn): string {
  const [kind, rest] = action.includes(':') ? (action.split(':', 2) as [string, string]) : [action, ''];
  const act = (a: string) => (a in CLUE_ACTION_LABELS ? label(CLUE_ACTION_LABELS, a) : a);
  if (kind === 'request') return t('clue.requestApproval', { action: act(rest) });
  if (kind === 'approve') return t('clueReq.approveTitle', { action: act(rest) });
  if (kind === 'reject') return t('clueReq.rejectTitle', { action: act(rest) });
  if (kind === 'receive') return t('clueEv.receive');
  if (kind === 'update') return t('clueEv.update');
  if (kind === 'acknowledge') return t('clueAct.acknowledge');
  if (kind === 'feedback') return t('clueAct.feedback');
  return act(action);
}

function eventColor(e: ClueEvent): string {
  if (e.action.startsWith('reject')) return 'red';
  if (e.action.startsWith('approve')) return 'green';
  if (e.action.startsWith('request')) return 'orange';
  return 'blue';
}

/** 办理记录: every event of the clue, newest first, with the state change it made. */
export function ClueTimeline({ events }: { events: ClueEvent[] }) {
  const { t, label } = useI18n();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Timeline
      data-testid="clue-timeline"
      items={sorted.map((e) => ({
        key: e.id,
        color: eventColor(e),
        content: (
          <div data-testid={`clue-event-${e.action}`}>
            <Space size={4} wrap>
              <Typography.Text strong>{eventLabel(e.action, t, label)}</Typography.Text>
              {e.toState && e.fromState !== e.toState ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.fromState ? `${label(CLUE_STATE_LABELS, e.fromState)} → ` : ''}
                  <ClueStateTag state={e.toState} />
                </Typography.Text>
              ) : null}
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actor?.name ?? t('clue.system')} · {formatDateTime(e.at)}
              </Typography.Text>
            </div>
            {e.comment ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.comment}</Typography.Paragraph> : null}
          </div>
        ),
      }))}
    />
  );
}
