import { RESPONSE_STATUS_LABELS, SELF_LIGHT_LABELS, type SelfLight } from '@liandong/domain/self-inspection/enums';
import { Badge, Descriptions, Tag, Typography } from 'antd';
import { useI18n } from '../../lib/i18n';
import type { SelfResponse } from './api';

/** Colours of the 自查灯: green accepted, blue submitted, yellow draft/returned, red overdue, grey not started. */
export const SELF_LIGHT_COLORS: Record<SelfLight, string> = {
  GREEN: '#52c41a',
  BLUE: '#1677ff',
  YELLOW: '#faad14',
  RED: '#ff4d4f',
  GREY: '#bfbfbf',
};

export function SelfLightDot({ light, text }: { light: SelfLight; text?: string }) {
  const { label } = useI18n();
  return <Badge color={SELF_LIGHT_COLORS[light]} text={text ?? label(SELF_LIGHT_LABELS, light)} data-testid={`self-light-${light}`} />;
}

/** Counts per light as coloured tags (the matrix header). */
export function LightCounts({ counts }: { counts: Record<SelfLight, number> }) {
  const { label } = useI18n();
  return (
    <>
      {(Object.keys(SELF_LIGHT_COLORS) as SelfLight[]).map((l) => (
        <Tag key={l} color={SELF_LIGHT_COLORS[l]} data-testid={`self-count-${l}`}>
          {label(SELF_LIGHT_LABELS, l)} {counts[l]}
        </Tag>
      ))}
    </>
  );
}

/** One answer as read by the 专班 (and by the unit after submitting). */
export function AnswerView({ r }: { r: SelfResponse }) {
  const { t, label } = useI18n();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('selfInspection.status')}>
        <SelfLightDot light={r.light} text={label(RESPONSE_STATUS_LABELS, r.status)} />
      </Descriptions.Item>
      <Descriptions.Item label={t('selfInspection.problemsCount')}>{r.problemsCount}</Descriptions.Item>
      <Descriptions.Item label={t('selfInspection.problemsText')}>
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.problemsText || '—'}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('selfInspection.correctedCount')}>{r.correctedCount}</Descriptions.Item>
      <Descriptions.Item label={t('selfInspection.correctedText')}>{r.correctedText || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('selfInspection.plan')}>{r.plan || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('selfInspection.evidence')}>
        {r.evidence.length
          ? r.evidence.map((e) => (
              <div key={e.id}>
                <a href={`/api/v1/attachments/${e.id}/content`}>{e.filename}</a>
              </div>
            ))
          : '—'}
      </Descriptions.Item>
      {r.reviewComment ? <Descriptions.Item label={t('selfInspection.reviewComment')}>{r.reviewComment}</Descriptions.Item> : null}
    </Descriptions>
  );
}
