import { LINK_TYPE_LABELS as LINK_TYPE } from '@liandong/domain/org/enums';
import { App, Button, Table } from 'antd';
import { useState } from 'react';
import { toColumns } from '../../components/entity';
import { useI18n } from '../../lib/i18n';
import { type OrgLink, useEndLink } from './api';
import { isEnded, linkFields } from './columns';
import { EndDateModal } from './EndDateModal';

interface LinksTableProps {
  links: OrgLink[] | undefined;
  loading?: boolean;
  /** Columns to leave out (e.g. `fromName` on a leader's own list). */
  hide?: string[];
}

/** Links with a 终止 button where the server allows it (`abilities.end`). */
export function LinksTable({ links, loading, hide = [] }: LinksTableProps) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [ending, setEnding] = useState<OrgLink | null>(null);
  const endLink = useEndLink();
  const columns = [
    ...toColumns(linkFields(t, label).filter((f) => !hide.includes(f.key))),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 80,
      render: (_: unknown, l: OrgLink) =>
        l.abilities.end && !isEnded(l.validTo) ? (
          <Button type="link" size="small" danger onClick={() => setEnding(l)} data-testid="link-end">
            {t('link.end')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Table<OrgLink>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={links}
        columns={columns}
        pagination={links && links.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: t('link.none') }}
      />
      <EndDateModal
        open={ending !== null}
        title={t('link.endTitle')}
        warning={ending ? t('link.endWarning', { from: ending.fromName, to: ending.toName, type: label(LINK_TYPE, ending.type) }) : ''}
        minDate={ending?.validFrom}
        onClose={() => setEnding(null)}
        onConfirm={async (validTo) => {
          if (!ending) return;
          await endLink.mutateAsync({ link: ending, validTo });
          message.success(t('link.ended'));
        }}
      />
    </>
  );
}
