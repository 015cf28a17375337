import { PlusOutlined, SwapRightOutlined } from '@ant-design/icons';
import { SHARE_BOX_LABELS, SHARE_KIND_LABELS, SHARE_STATE_LABELS, type ShareBox, ShareBoxSchema } from '@liandong/domain/shares/enums';
import { Badge, Button, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EnumSelect, ExportButton, LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ShareFilters, type ShareSummary, shareUrls, useShares } from './api';
import { CreateDrawer } from './CreateDrawer';
import { ShareDetailTag, ShareKindTag, ShareOriginTag, ShareScope, ShareStateTags } from './shared';

const BOXES = ShareBoxSchema.options;
const FIRST_PAGE: ShareFilters = { page: 1, pageSize: 20 };

/**
 * 信息互通: the four boxes (我发起的 / 待我审批 with its count / 共享给我的 / 我共享出去的), each with filters,
 * paging and its Excel ledger; 申请共享 or 主动推送 from the toolbar. The box lives in the address (?box=).
 */
export function SharesPage() {
  const { t, label } = useI18n();
  const [sp, setSp] = useSearchParams();
  const parsed = ShareBoxSchema.safeParse(sp.get('box'));
  const box: ShareBox = parsed.success ? parsed.data : 'mine';
  const [filters, setFilters] = useState<ShareFilters>(FIRST_PAGE);
  const [creating, setCreating] = useState(false);
  const query = useShares(box, filters);
  const toApprove = query.data?.toApprove ?? 0;
  const set = (patch: Partial<ShareFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  const table = (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <EnumSelect
          labels={SHARE_KIND_LABELS}
          width={180}
          placeholder={t('shares.kind')}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          testId="shares-filter-kind"
        />
        <EnumSelect
          labels={SHARE_STATE_LABELS}
          width={150}
          placeholder={t('shares.state')}
          value={filters.state}
          onChange={(state) => set({ state })}
          testId="shares-filter-state"
        />
        <ExportButton
          url={shareUrls.export(box, filters)}
          filename={`${t('shares.ledgerFile')}-${label(SHARE_BOX_LABELS, box)}.xlsx`}
          success={t('shares.exported')}
          testId="shares-export"
        >
          {t('shares.exportExcel')}
        </ExportButton>
      </Flex>
      <LedgerTable<ShareSummary>
        query={query}
        testId="shares-table"
        paging={filters}
        onPage={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
        rowHref={(s) => `/shares/${s.id}`}
        rowTestId={(s) => `share-row-${s.id}`}
        locale={{ emptyText: t('shares.empty') }}
        columns={[
          { key: 'kind', title: t('shares.kind'), width: 130, render: (_, s) => <ShareKindTag value={s.kind} /> },
          { key: 'origin', title: t('shares.origin'), width: 100, render: (_, s) => <ShareOriginTag value={s.origin} /> },
          {
            key: 'orgs',
            title: t('shares.ownerToGrantee'),
            render: (_, s) => (
              <Link to={`/shares/${s.id}`}>
                {s.ownerOrg.name} <SwapRightOutlined /> {s.granteeOrg.name}
              </Link>
            ),
          },
          {
            key: 'purpose',
            title: t('shares.purpose'),
            render: (_, s) => (
              <Typography.Text ellipsis={{ tooltip: s.purpose }} style={{ maxWidth: 260 }}>
                {s.purpose}
              </Typography.Text>
            ),
          },
          { key: 'scope', title: t('shares.scope'), width: 150, render: (_, s) => <ShareScope share={s} /> },
          { key: 'period', title: t('shares.period'), width: 210, render: (_, s) => `${formatDate(s.startsOn)} ~ ${formatDate(s.endsOn)}` },
          { key: 'state', title: t('shares.state'), width: 150, render: (_, s) => <ShareStateTags share={s} /> },
          { key: 'detail', title: t('shares.detail'), width: 80, render: (_, s) => <ShareDetailTag value={s.detail} /> },
        ]}
      />
    </>
  );

  return (
    <Page
      title={t('shares.title')}
      description={<Typography.Text type="secondary">{t('shares.hint')}</Typography.Text>}
      testId="shares-page"
      extra={
        query.data?.abilities.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="share-new">
            {t('shares.new')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={box}
        destroyOnHidden
        onChange={(key) => {
          setFilters(FIRST_PAGE);
          setSp({ box: key }, { replace: true });
        }}
        items={BOXES.map((b) => ({
          key: b,
          label: (
            <span data-testid={`shares-tab-${b}`} data-count={b === 'toApprove' ? toApprove : undefined}>
              {label(SHARE_BOX_LABELS, b)}
              {b === 'toApprove' ? <Badge count={toApprove} size="small" offset={[6, -2]} /> : null}
            </span>
          ),
          children: b === box ? table : null,
        }))}
      />
      <CreateDrawer open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
