import { SEARCH_KIND_LABELS, SEARCH_MAX_LENGTH, type SearchKind } from '@liandong/domain/casework/contracts';
import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { CLUE_STATE_LABELS } from '@liandong/domain/clues/machine';
import { Empty, Flex, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type SearchHit, type SnippetPart, useSearch } from './api';

const KINDS = Object.keys(SEARCH_KIND_LABELS) as SearchKind[];

/** Text with the matched tokens highlighted (the server marks them; nothing is parsed as HTML). */
function Marked({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <mark key={i} className="ld-search-mark" style={{ background: '#fff1b8', padding: '0 1px' }}>
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

function HitItem({ hit }: { hit: SearchHit }) {
  const { t, label } = useI18n();
  const href = hit.kind === 'clue' ? `/clues/${hit.id}` : `/cases/${hit.id}`;
  const stateText = hit.kind === 'clue' ? label(CLUE_STATE_LABELS, hit.state) : label(CASE_STATE_LABELS, hit.state);
  return (
    <List.Item data-testid={`search-hit-${hit.kind}-${hit.id}`} data-kind={hit.kind}>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Space size={8} wrap>
          <Tag color={hit.kind === 'clue' ? 'geekblue' : 'volcano'}>{label(SEARCH_KIND_LABELS, hit.kind)}</Tag>
          <Link to={href} data-testid="search-hit-link">
            <Typography.Text strong>
              <Marked parts={hit.titleParts.length ? hit.titleParts : [{ text: hit.title, mark: false }]} />
            </Typography.Text>
          </Link>
        </Space>
        {hit.snippet.length ? (
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="search-hit-snippet">
            <Marked parts={hit.snippet} />
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[hit.no ?? t('cwk.noNumber'), hit.subjectName, stateText, hit.date ? formatDate(hit.date) : null].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** 全文检索: Chinese full-text search over the clues and cases the user may see, best matches first. */
export function SearchPage() {
  const { t, label } = useI18n();
  const [sp, setSp] = useSearchParams();
  const q = sp.get('q') ?? '';
  const kindParam = sp.get('kind') as SearchKind | null;
  const kind: SearchKind = kindParam && KINDS.includes(kindParam) ? kindParam : 'all';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const query = useSearch({ q, kind, page, pageSize: 20 });

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: !('q' in patch) });
  };

  return (
    <Page title={t('cases.menuSearch')} description={t('cwk.searchHint')} testId="search-page">
      <Flex vertical gap={12}>
        <Input.Search
          size="large"
          enterButton={t('common.search')}
          allowClear
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={t('cwk.searchPlaceholder')}
          aria-label={t('cwk.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          data-testid="search-input"
        />
        <Flex wrap gap={12} align="center">
          <Segmented<SearchKind>
            value={kind}
            onChange={(v) => set({ kind: v === 'all' ? undefined : v })}
            options={KINDS.map((k) => ({ value: k, label: label(SEARCH_KIND_LABELS, k) }))}
            data-testid="search-kind"
          />
          {query.data && q ? (
            <Typography.Text type="secondary" data-testid="search-summary">
              {t(query.data.totalCapped ? 'cwk.searchSummaryCapped' : 'cwk.searchSummary', { total: query.data.total.toLocaleString() })}
              {query.data.tokens.length ? ` · ${t('cwk.tokens')}: ${query.data.tokens.join(' / ')}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
        {!q ? (
          <Empty description={t('cwk.searchEmpty')} />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="search-results"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            rowKey={(h) => `${h.kind}-${h.id}`}
            locale={{ emptyText: <Empty description={t('cwk.noHits')} /> }}
            renderItem={(hit) => <HitItem hit={hit} />}
            pagination={
              (query.data?.total ?? 0) > 20
                ? { current: page, pageSize: 20, total: query.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }
                : false
            }
          />
        )}
      </Flex>
    </Page>
  );
}
