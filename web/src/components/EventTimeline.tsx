import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format';

/*
 * The history of a record (流转记录, 办理记录, 整改过程): each entry with its heading, who and when, the
 * comment and any files.
 */

export interface TimelineEntry {
  key: string | number;
  color: string;
  testId?: string;
  heading: ReactNode;
  who: string;
  at: string;
  text?: string | null;
  attachments?: { id: string; filename: string }[];
}

export function EventTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.key,
        color: e.color,
        content: (
          <div data-testid={e.testId}>
            {e.heading}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.who} · {formatDateTime(e.at)}
              </Typography.Text>
            </div>
            {e.text ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph> : null}
            {e.attachments?.map((f) => (
              <div key={f.id}>
                <a href={`/api/v1/attachments/${f.id}/content`}>
                  <PaperClipOutlined /> {f.filename}
                </a>
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}

/** An entry's heading: what was done and, when the state changed, "from → to". */
export function StateChangeHeading<S extends string>({
  action,
  from,
  to,
  stateLabel,
  stateTag,
}: {
  action: ReactNode;
  from: S | null;
  to: S | null;
  stateLabel: (s: S) => string;
  stateTag: (s: S) => ReactNode;
}) {
  return (
    <Space size={4} wrap>
      <Typography.Text strong>{action}</Typography.Text>
      {to && from !== to ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {from ? `${stateLabel(from)} → ` : ''}
          {stateTag(to)}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

export interface StateEvent {
  id: number;
  action: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  actor: { name: string } | null;
  at: string;
}

interface EventTimelineCardProps<E extends StateEvent> {
  title: string;
  testId: string;
  /** In the order shown. */
  events: E[];
  color: (e: E) => string;
  actionText: (e: E) => ReactNode;
  stateLabel: (s: NonNullable<E['toState']>) => string;
  stateTag: (s: NonNullable<E['toState']>) => ReactNode;
  /** Who did what the system did. */
  systemName: string;
  eventTestId?: (e: E) => string;
}

/** The record's events in a card: each with its state change, who and when, and the comment. */
export function EventTimelineCard<E extends StateEvent>({
  title,
  testId,
  events,
  color,
  actionText,
  stateLabel,
  stateTag,
  systemName,
  eventTestId,
}: EventTimelineCardProps<E>) {
  type S = NonNullable<E['toState']>;
  return (
    <Card size="small" title={title} data-testid={testId}>
      {events.length ? (
        <EventTimeline
          entries={events.map((e) => ({
            key: e.id,
            color: color(e),
            testId: eventTestId?.(e),
            heading: (
              <StateChangeHeading<S>
                action={actionText(e)}
                from={e.fromState as S | null}
                to={e.toState as S | null}
                stateLabel={stateLabel}
                stateTag={stateTag}
              />
            ),
            who: e.actor?.name ?? systemName,
            at: e.at,
            text: e.comment,
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}
