import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CaseDetail, usePatchCase } from './api';

/** Text fields of a case edited in place (PATCH /cases/:id with the version read). */
export type TextField = 'summary' | 'plan' | 'planMeeting' | 'investigationReport' | 'trialReport';

/** A stale version answer: the server's copy was reloaded; the editor says so and starts again from it. */
function useSave(detail: CaseDetail) {
  const patch = usePatchCase(detail);
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const { t } = useI18n();
  const [stale, setStale] = useState(false);
  /** 'ok', 'stale' (someone else changed the case; the fresh copy is loading) or 'error' (keep the draft). */
  const save = async (body: Parameters<typeof patch.mutateAsync>[0]): Promise<'ok' | 'stale' | 'error'> => {
    setStale(false);
    try {
      await patch.mutateAsync(body);
      message.success(t('common.saved'));
      return 'ok';
    } catch (err) {
      onError(err);
      if (err instanceof ApiError && err.code === 'STALE_VERSION') {
        setStale(true);
        return 'stale';
      }
      return 'error';
    }
  };
  return { save, saving: patch.isPending, stale, clearStale: () => setStale(false) };
}

function StaleAlert() {
  const { t } = useI18n();
  return (
    <Alert type="warning" showIcon title={t('cases.staleTitle')} description={t('cases.staleText')} style={{ marginBottom: 8 }} data-testid="case-stale" />
  );
}

/** A titled text of the case (方案, 审查调查报告, 审理报告 …) with an editor when the caller may change it. */
export function TextSection({
  detail,
  field,
  title,
  editable,
  rows = 8,
  maxLength,
  extra,
}: {
  detail: CaseDetail;
  field: TextField;
  title: string;
  editable: boolean;
  rows?: number;
  maxLength: number;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const value = detail[field] ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const { save, saving, stale, clearStale } = useSave(detail);
  const editing = draft !== null;
  const single = field === 'planMeeting';

  const onSave = async () => {
    const text = (draft ?? '').trim();
    const body = field === 'plan' || field === 'summary' ? { [field]: text } : { [field]: text || null };
    if ((await save(body)) !== 'error') setDraft(null);
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={title}
      data-testid={`case-text-${field}`}
      extra={
        <Space>
          {extra}
          {editable && !editing ? (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => {
                clearStale();
                setDraft(value);
              }}
              data-testid={`case-edit-${field}`}
            >
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {stale ? <StaleAlert /> : null}
      {editing ? (
        <Flex vertical gap={8}>
          {single ? (
            <Input value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={maxLength} data-testid={`case-input-${field}`} />
          ) : (
            <Input.TextArea
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              rows={rows}
              maxLength={maxLength}
              showCount
              data-testid={`case-input-${field}`}
            />
          )}
          <Space>
            <Button type="primary" loading={saving} onClick={() => void onSave()} data-testid={`case-save-${field}`}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
          </Space>
        </Flex>
      ) : value ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{value}</Typography.Paragraph>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notWritten')} />
      )}
    </Card>
  );
}

/** 审理谈话 date: the trial team records when the talk was held (a guard of the deliberation). */
export function TrialTalkField({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Dayjs | null | undefined>(undefined);
  const { save, saving, stale } = useSave(detail);
  const current = detail.deadlines.trialTalkOn;
  if (!detail.abilities.updateTrial) return <span data-testid="trial-talk-on">{current ? formatDate(current) : t('cases.notHeld')}</span>;
  return (
    <Flex vertical gap={4}>
      {stale ? <StaleAlert /> : null}
      <Space wrap>
        <DatePicker
          value={draft === undefined ? (current ? dayjs(current) : null) : draft}
          onChange={(d) => setDraft(d)}
          data-testid="trial-talk-on"
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
        <Button
          type="primary"
          size="small"
          disabled={draft === undefined}
          loading={saving}
          onClick={async () => {
            if ((await save({ trialTalkOn: draft ? (toIsoDay(draft) ?? null) : null })) !== 'error') setDraft(undefined);
          }}
          data-testid="trial-talk-save"
        >
          {t('common.save')}
        </Button>
      </Space>
    </Flex>
  );
}
