import { PlusOutlined } from '@ant-design/icons';
import { LETTER_TYPE_LABELS, type LetterType } from '@liandong/domain/reform/enums';
import { LETTER_STATE_LABELS, type LetterState } from '@liandong/domain/reform/machine';
import { Button, Checkbox, Flex, Select } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { toColumns } from '../../components/entity';
import { EnumMultiSelect, EnumSelect, ExportButton, KeywordSearch, LedgerTable, YearSelect } from '../../components/Ledger';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { canOpen } from '../../lib/access';
import { readCodes, readPaging, readYear, useUrlFilters } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { type LetterFilters, letterUrls, useLetters } from './api';
import { letterFields } from './components';

const STATES = Object.keys(LETTER_STATE_LABELS) as LetterState[];
const TYPES = Object.keys(LETTER_TYPE_LABELS) as LetterType[];
const SORTS = ['-createdAt', '-issuedOn', 'replyDue', '-docNo'] as const;

function readFilters(sp: URLSearchParams): LetterFilters {
  const type = sp.get('type');
  return {
    q: sp.get('q') || undefined,
    state: readCodes(sp, 'state', STATES),
    type: TYPES.includes(type as LetterType) ? (type as LetterType) : undefined,
    recipientOrgId: sp.get('recipientOrgId') || undefined,
    draftingOrgId: sp.get('draftingOrgId') || undefined,
    year: readYear(sp),
    overdueReply: sp.get('overdueReply') === 'true' || undefined,
    campaignId: sp.get('campaignId') || undefined,
    sort: sp.get('sort') || undefined,
    exactTotal: sp.get('exactTotal') === 'true' || undefined,
    ...readPaging(sp),
  };
}

/** 建议书台账: the issuing office's ledger of letters with their reply status (overdue in red); Excel export. */
export function LedgerPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { filters, update } = useUrlFilters(readFilters);
  const query = useLetters(filters);
  const columns = useMemo(() => toColumns(letterFields(t, label)), [t, label]);

  return (
    <Page
      title={t('reform.menuLetters')}
      description={t('letter.ledgerHint')}
      testId="letters-page"
      extra={
        <>
          {canOpen('/letters/new', me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/letters/new')} data-testid="letter-new">
              {t('letter.new')}
            </Button>
          ) : null}
          <ExportButton url={letterUrls.export(filters)} filename={t('letter.ledgerFile')} success={t('letter.exported')} testId="letters-export">
            {t('letter.exportExcel')}
          </ExportButton>
        </>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="letters-filters">
        <KeywordSearch initial={filters.q} width={240} placeholder={t('letter.keyword')} onSearch={(q) => update({ q })} testId="letters-q" />
        <EnumMultiSelect
          labels={LETTER_STATE_LABELS}
          width={220}
          placeholder={t('letter.state')}
          value={filters.state}
          onChange={(v) => update({ state: v?.join(',') })}
          testId="letters-state"
        />
        <EnumSelect
          labels={LETTER_TYPE_LABELS}
          width={170}
          placeholder={t('letter.type')}
          value={filters.type}
          onChange={(type) => update({ type })}
          testId="letters-type"
        />
        <OrgSelect
          style={{ width: 220 }}
          placeholder={t('letter.recipient')}
          aria-label={t('letter.recipient')}
          value={filters.recipientOrgId}
          onChange={(v) => update({ recipientOrgId: typeof v === 'string' ? v : undefined })}
        />
        <CampaignSelect
          style={{ width: 240 }}
          placeholder={t('campaignLink.all')}
          aria-label={t('campaignLink.all')}
          value={filters.campaignId}
          onChange={(v) => update({ campaignId: typeof v === 'string' ? v : undefined })}
        />
        <YearSelect width={110} placeholder={t('letter.year')} value={filters.year} onChange={(year) => update({ year })} />
        <Checkbox
          checked={Boolean(filters.overdueReply)}
          onChange={(e) => update({ overdueReply: e.target.checked ? 'true' : undefined })}
          data-testid="letters-overdue"
        >
          {t('letter.onlyOverdue')}
        </Checkbox>
        <Select
          style={{ width: 180, marginInlineStart: 'auto' }}
          value={filters.sort ?? '-createdAt'}
          onChange={(v) => update({ sort: v === '-createdAt' ? undefined : v })}
          options={SORTS.map((value) => ({ value, label: t(`letter.sort.${value}`) }))}
          aria-label={t('letter.sortLabel')}
        />
      </Flex>
      <LedgerTable
        query={query}
        testId="letters-table"
        columns={columns}
        scroll={{ x: 1700 }}
        rowHref={(l) => `/letters/${l.id}`}
        rowTestId={(l) => `letter-row-${l.id}`}
        paging={filters}
        onPage={(page, pageSize) => update({ page, pageSize })}
        onExactTotal={() => update({ exactTotal: 'true', page: filters.page })}
      />
    </Page>
  );
}
