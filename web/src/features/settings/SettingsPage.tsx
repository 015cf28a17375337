import { UndoOutlined } from '@ant-design/icons';
import { App, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Setting, useSaveSetting, useSettings } from './api';

/**
 * 系统配置: the commission's settings — numbers (limits, sizes), names (the organs' formal short names, the
 * 印发机关; empty: derived from the commission's name) and choices (the objection period's unit); each row
 * saves on its own (security keys: 安全管理员).
 */
/** Bytes as people read them (附件大小上限 20 MB, not 20971520 字节). */
function humanBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

/** A setting's value in its unit; sizes in bytes as KB/MB; a choice by its label. */
function shown(s: Setting, v: number | string, lang: string, derived: string): string {
  if (typeof v === 'string') {
    const option = s.options?.find((o) => o.value === v);
    if (option) return lang === 'zh-CN' ? option.labelZh : option.labelEn;
    return v || derived;
  }
  return s.unit === '字节' ? humanBytes(v) : `${v} ${s.unit}`.trim();
}

export function SettingsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const query = useSettings();
  const save = useSaveSetting();
  const onError = useApiErrorHandler();
  const [drafts, setDrafts] = useState<Record<string, number | string | null>>({});
  const show = (s: Setting, v: number | string) => shown(s, v, lang, t('settings.derived'));

  const commit = async (s: Setting, value: number | string) => {
    try {
      // Version 0 means the default applies and nothing is stored yet.
      await save.mutateAsync({ key: s.key, value, version: s.version > 0 ? s.version : undefined });
      setDrafts(({ [s.key]: _, ...rest }) => rest);
      message.success(t('common.saved'));
    } catch (err) {
      onError(err);
    }
  };

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Page title={t('menu.adminSettings')} description={t('settings.hint')}>
      <Table<Setting>
        rowKey="key"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items}
        pagination={false}
        columns={[
          {
            key: 'label',
            title: t('settings.item'),
            render: (_, s) => (
              <>
                <div>{lang === 'zh-CN' ? s.labelZh : s.labelEn}</div>
                <Typography.Text type="secondary" className="ld-mono">
                  {s.key}
                </Typography.Text>
              </>
            ),
          },
          {
            key: 'value',
            title: t('settings.value'),
            width: 320,
            render: (_, s) => {
              const draft = drafts[s.key];
              const dirty = draft !== undefined && draft !== null && draft !== s.value;
              const label = lang === 'zh-CN' ? s.labelZh : s.labelEn;
              if (!s.editable) {
                return (
                  <Space>
                    <span>{show(s, s.value)}</span>
                    <Tag>{t('settings.readOnly')}</Tag>
                  </Space>
                );
              }
              const hint = lang === 'zh-CN' ? s.hintZh : s.hintEn;
              const input =
                s.kind === 'choice' ? (
                  <Select
                    value={String(draft ?? s.value)}
                    options={s.options?.map((o) => ({ value: o.value, label: lang === 'zh-CN' ? o.labelZh : o.labelEn }))}
                    onChange={(v) => setDrafts((d) => ({ ...d, [s.key]: v }))}
                    style={{ width: 220 }}
                    aria-label={label}
                    data-testid={`setting-${s.key}`}
                  />
                ) : s.kind === 'text' ? (
                  <Input
                    value={String(draft ?? s.value)}
                    maxLength={s.max}
                    placeholder={hint}
                    onChange={(e) => setDrafts((d) => ({ ...d, [s.key]: e.target.value }))}
                    style={{ width: 220 }}
                    aria-label={label}
                    data-testid={`setting-${s.key}`}
                  />
                ) : (
                  <InputNumber
                    value={Number(draft ?? s.value)}
                    min={s.min}
                    max={s.max}
                    precision={0}
                    suffix={s.unit || undefined}
                    onChange={(v) => setDrafts((d) => ({ ...d, [s.key]: v }))}
                    style={{ width: 160 }}
                    aria-label={label}
                    data-testid={`setting-${s.key}`}
                  />
                );
              return (
                <Space>
                  {input}
                  {s.unit === '字节' ? <Typography.Text type="secondary">{humanBytes(Number(draft ?? s.value))}</Typography.Text> : null}
                  <Button
                    type="primary"
                    size="small"
                    disabled={!dirty}
                    loading={save.isPending && save.variables?.key === s.key}
                    onClick={() => dirty && void commit(s, draft)}
                  >
                    {t('common.save')}
                  </Button>
                  {s.value !== s.default ? (
                    <Button size="small" icon={<UndoOutlined />} onClick={() => void commit(s, s.default)} title={t('settings.restore')} />
                  ) : null}
                </Space>
              );
            },
          },
          {
            key: 'range',
            title: t('settings.range'),
            width: 160,
            render: (_, s) =>
              s.kind === 'choice'
                ? '—'
                : s.kind === 'text'
                  ? t('settings.maxChars', { max: s.max })
                  : s.unit === '字节'
                    ? `${humanBytes(s.min)} – ${humanBytes(s.max)}`
                    : `${s.min} – ${s.max}`,
          },
          {
            key: 'default',
            title: t('settings.default'),
            width: 140,
            render: (_, s) => (s.value === s.default ? show(s, s.default) : <Tag color="orange">{show(s, s.default)}</Tag>),
          },
        ]}
      />
    </Page>
  );
}
