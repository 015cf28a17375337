import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS, type LinkType, type OrgKind } from '@liandong/domain/org/enums';
import { App, Button, Card, Checkbox, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { QueryError } from '../../components/Results';
import { EnumTag } from '../../components/EnumTag';
import { EntityDescriptions } from '../../components/entity';
import { ORG_KIND_COLORS } from '../../lib/colors';
import { useI18n } from '../../lib/i18n';
import { type Org, useLinks, useOrg, useRetireOrg } from './api';
import { OrgKindIcon, orgFields } from './columns';
import { EndDateModal } from './EndDateModal';
import { LinkFormModal, type LinkPreset } from './LinkFormModal';
import { LinksTable } from './LinksTable';

/** Link types an org of this kind takes part in (for the 新增关联 dialog). */
function linkTypesFor(kind: OrgKind): LinkType[] {
  switch (kind) {
    case 'INTERNAL_OFFICE':
      return ['LIAISON', 'OVERSIGHT'];
    case 'DISPATCHED_GROUP':
      return ['DISPATCH', 'LIAISON'];
    case 'HOST_UNIT':
      return ['DISPATCH', 'ZONE_MEMBER'];
    case 'COUNTY_COMMISSION':
    case 'NEW_AREA_COMMISSION':
      return ['LIAISON', 'ZONE_MEMBER'];
    default:
      return ['ZONE_MEMBER'];
  }
}

interface OrgDetailPanelProps {
  id: string | null;
  canCreate: boolean;
  onEdit: (org: Org) => void;
  onCreateChild: (org: Org) => void;
}

/** The right-hand panel of the tree: details, links, and the actions the server allows. */
export function OrgDetailPanel({ id, canCreate, onEdit, onCreateChild }: OrgDetailPanelProps) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const query = useOrg(id);
  const [withHistory, setWithHistory] = useState(false);
  // The list endpoint carries abilities.create (新增关联) and, on request, the ended links.
  const links = useLinks({ orgId: id ?? undefined, includeEnded: withHistory }, Boolean(id));
  const retire = useRetireOrg();
  const [retiring, setRetiring] = useState(false);
  const [linking, setLinking] = useState(false);
  const org = query.data;
  const preset = useMemo<LinkPreset>(
    () => (org ? { types: linkTypesFor(org.kind), anchor: { id: org.id, name: org.nameZh, kind: org.kind } } : { types: ['LIAISON'] }),
    [org],
  );
  const fields = useMemo(() => orgFields(t, label), [t, label]);

  if (!id) return <Empty style={{ marginTop: 80 }} description={t('org.selectHint')} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || !org) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <div data-testid="org-detail">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8}>
          <OrgKindIcon kind={org.kind} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {org.nameZh}
          </Typography.Title>
          <EnumTag labels={ORG_KIND_LABELS} value={org.kind} colors={ORG_KIND_COLORS} />
          {org.retired ? <Tag>{t('org.retired')}</Tag> : null}
        </Flex>
        <Flex gap={8} wrap>
          {canCreate && !org.retired ? (
            <Button icon={<PlusOutlined />} onClick={() => onCreateChild(org)} data-testid="org-create-child">
              {t('org.createChild')}
            </Button>
          ) : null}
          {org.abilities.update ? (
            <Button icon={<EditOutlined />} onClick={() => onEdit(org)} data-testid="org-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {links.data?.abilities.create && !org.retired ? (
            <Button icon={<LinkOutlined />} onClick={() => setLinking(true)} data-testid="org-add-link">
              {t('link.add')}
            </Button>
          ) : null}
          {org.abilities.retire && !org.retired ? (
            <Button danger icon={<DeleteOutlined />} onClick={() => setRetiring(true)} data-testid="org-retire">
              {t('org.retire')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <EntityDescriptions fields={fields} record={org} column={2} />
      <Card
        size="small"
        title={t('org.links')}
        style={{ marginTop: 16 }}
        extra={
          <Checkbox checked={withHistory} onChange={(e) => setWithHistory(e.target.checked)}>
            {t('link.withHistory')}
          </Checkbox>
        }
      >
        <LinksTable links={links.data?.items ?? org.links} loading={links.isFetching} />
      </Card>
      <EndDateModal
        open={retiring}
        title={t('org.retireTitle', { name: org.nameZh })}
        warning={t('org.retireWarning')}
        minDate={org.validFrom}
        onClose={() => setRetiring(false)}
        onConfirm={async (validTo) => {
          await retire.mutateAsync({ id: org.id, version: org.version, validTo });
          message.success(t('org.retiredDone'));
        }}
      />
      <LinkFormModal open={linking} preset={preset} onClose={() => setLinking(false)} />
    </div>
  );
}
