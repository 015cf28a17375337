import { EyeInvisibleOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions } from 'antd';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueDetail, type Complainant, useReadComplainant } from './api';

/**
 * 举报人 (信访室 only): the identity is fetched on demand from GET /clues/:id/complainant — each read
 * is audited — and kept in this component's state only, never in the query cache.
 */
export function ComplainantPanel({ clue }: { clue: ClueDetail }) {
  const { t } = useI18n();
  const onError = useApiErrorHandler();
  const read = useReadComplainant(clue.id);
  const [shown, setShown] = useState<Complainant | null>(null);
  if (!clue.abilities.readComplainant) return null;

  const show = async () => {
    try {
      setShown(await read.mutateAsync());
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Card
      size="small"
      data-testid="clue-complainant-panel"
      title={
        <span>
          <LockOutlined /> {t('clueComp.title')}
        </span>
      }
      extra={
        shown ? (
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setShown(null)} data-testid="clue-complainant-hide">
            {t('clueComp.hide')}
          </Button>
        ) : (
          <Button size="small" type="primary" icon={<EyeOutlined />} loading={read.isPending} onClick={() => void show()} data-testid="clue-complainant-show">
            {t('clueComp.show')}
          </Button>
        )
      }
      style={{ marginBottom: 12 }}
    >
      <Alert type="warning" showIcon title={t('clueComp.loggedNotice')} style={{ marginBottom: shown ? 12 : 0 }} />
      {shown ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          data-testid="clue-complainant"
          items={[
            { key: 'name', label: t('clueComp.name'), children: <span data-testid="clue-complainant-name">{shown.name}</span> },
            { key: 'idNumber', label: t('clueComp.idNumber'), children: orDash(shown.idNumber) },
            { key: 'phone', label: t('clueComp.phone'), children: orDash(shown.phone) },
            { key: 'relation', label: t('clueComp.relation'), children: orDash(shown.relation) },
            { key: 'address', label: t('clueComp.address'), children: orDash(shown.address), span: 2 },
          ]}
        />
      ) : null}
    </Card>
  );
}
