import { UndoOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Setting, useSaveSetting, useSettings } from './api';

/** 系统配置: numeric settings of the commission; each row saves on its own. */
export function SettingsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const query = useSettings();
  const save = useSaveSetting();
  const onError = useApiErrorHandler();
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});

  const commit = async (s: Setting, value: number) => {
    try {
      await save.mutateAsync({ key: s.key, value });
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
            width: 280,
            render: (_, s) => {
              const draft = drafts[s.key];
              const dirty = draft !== undefined && draft !== null && draft !== s.value;
              return s.editable ? (
                <Space>
                  <InputNumber
                    value={draft ?? s.value}
                    min={0}
                    onChange={(v) => setDrafts((d) => ({ ...d, [s.key]: v }))}
                    style={{ width: 120 }}
                    data-testid={`setting-${s.key}`}
                  />
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
              ) : (
                <Space>
                  <span>{s.value}</span>
                  <Tag>{t('settings.readOnly')}</Tag>
                </Space>
              );
            },
          },
          {
            key: 'default',
            title: t('settings.default'),
            width: 120,
            render: (_, s) => (s.value === s.default ? s.default : <Tag color="orange">{s.default}</Tag>),
          },
        ]}
      />
    </Page>
  );
}
