import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ExportButton } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { useT } from '../../lib/i18n';
import { useOrgAbilities } from './api';
import { ImportOrgsModal } from './ImportOrgsModal';
import { OrgDetailPanel } from './OrgDetailPanel';
import { type OrgFormTarget, OrgFormDrawer } from './OrgFormDrawer';
import { OrgListTab } from './OrgListTab';
import { OrgTreePanel } from './OrgTreePanel';

/** 组织树: browse and maintain the organisation structure (tree + detail, or the filtered list). */
export function OrgTreePage() {
  const t = useT();
  const abilities = useOrgAbilities();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const [tab, setTab] = useState(params.get('tab') === 'list' ? 'list' : 'tree');
  const [formTarget, setFormTarget] = useState<OrgFormTarget | null>(null);
  const [importing, setImporting] = useState(false);

  const select = (id: string) => setParams({ id }, { replace: true });

  return (
    <Page
      title={t('menu.orgTree')}
      bare
      extra={
        <>
          {abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="org-create">
              {t('org.create')}
            </Button>
          ) : null}
          {abilities.import ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="org-import">
              {t('org.import')}
            </Button>
          ) : null}
          <ExportButton url="/api/v1/orgs/export.xlsx" filename="组织结构.xlsx" success={t('org.exported')} testId="org-export">
            {t('org.export')}
          </ExportButton>
        </>
      }
    >
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'tree',
              label: t('org.tabTree'),
              children: (
                <Row gutter={16}>
                  <Col xs={24} lg={9} xxl={7} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
                    <OrgTreePanel selectedId={selectedId} onSelect={select} />
                  </Col>
                  <Col xs={24} lg={15} xxl={17}>
                    <OrgDetailPanel
                      id={selectedId}
                      canCreate={Boolean(abilities.create)}
                      onEdit={(org) => setFormTarget({ mode: 'edit', org })}
                      onCreateChild={(org) => setFormTarget({ mode: 'create', parent: { id: org.id, name: org.nameZh } })}
                    />
                  </Col>
                </Row>
              ),
            },
            {
              key: 'list',
              label: t('org.tabList'),
              children: (
                <OrgListTab
                  onOpen={(id) => {
                    select(id);
                    setTab('tree');
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      <OrgFormDrawer target={formTarget} onClose={() => setFormTarget(null)} onSaved={(org) => select(org.id)} />
      <ImportOrgsModal open={importing} onClose={() => setImporting(false)} />
    </Page>
  );
}
