import { UndoOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Setting, useSaveSetting, useSettings } from './api';

/** 系统配置: numeric settings of the commission; each row saves on its own (security keys: 安全管理员). */
/** Bytes as people read them (附件大小上限 20 MB, not 20971520 字节). */
function humanBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

/** A setting's value in its unit; sizes in bytes as KB/MB. */
function shown(v: number, unit: string): string {
  return unit === '字节' ? humanBytes(v) : `${v} ${unit}`.trim();
}

export function SettingsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const query = useSettings();
  const save = useSaveSetting();
  const onError = useApiErrorHandler();
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});

  const commit = async (s: Setting, value: number) => {
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
              if (!s.editable) {
                return (
                  <Space>
                    <span>{shown(s.value, s.unit)}</span>
                    <Tag>{t('settings.readOnly')}</Tag>
                  </Space>
                );
              }
              return (
                <Space>
                  <InputNumber
                    value={draft ?? s.value}
                    min={s.min}
                    max={s.max}
                    precision={0}
                    suffix={s.unit || undefined}
                    onChange={(v) => setDrafts((d) => ({ ...d, [s.key]: v }))}
                    style={{ width: 160 }}
                    aria-label={lang === 'zh-CN' ? s.labelZh : s.labelEn}
                    data-testid={`setting-${s.key}`}
                  />
                  {s.unit === '字节' ? <Typography.Text type="secondary">{humanBytes(draft ?? s.value)}</Typography.Text> : null}
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
            render: (_, s) => (s.unit === '字节' ? `${humanBytes(s.min)} – ${humanBytes(s.max)}` : `${s.min} – ${s.max}`),
          },
          {
            key: 'default',
            title: t('settings.default'),
            width: 140,
            render: (_, s) => (s.value === s.default ? shown(s.default, s.unit) : <Tag color="orange">{shown(s.default, s.unit)}</Tag>),
          },
        ]}
      />
    </Page>
  );
}
