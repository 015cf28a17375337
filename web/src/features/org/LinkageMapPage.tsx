import { LINK_TYPE_LABELS } from '@liandong/domain/org/enums';
import { DEFAULT_LINKAGE_FILTER, type LinkageFilter, selectLinkageView } from '@liandong/domain/org/linkage-view';
import { Button, Checkbox, Empty, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useCallback, useMemo, useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type MapCategory, type MapEdgeType, useLinkageMap } from './api';

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

const CATEGORIES: { key: MapCategory; color: string; size: number }[] = [
  { key: 'leader', color: '#b3161f', size: 34 },
  { key: 'office', color: '#1d4f91', size: 26 },
  { key: 'group', color: '#722ed1', size: 24 },
  { key: 'county', color: '#d4380d', size: 28 },
  { key: 'zone', color: '#389e0d', size: 22 },
  { key: 'township', color: '#d48806', size: 16 },
  { key: 'host', color: '#08979c', size: 16 },
];

const EDGE_STYLES: Record<MapEdgeType, { color: string; type: 'solid' | 'dashed' | 'dotted'; width: number }> = {
  OVERSIGHT: { color: '#b3161f', type: 'solid', width: 2 },
  LIAISON: { color: '#1d4f91', type: 'solid', width: 1.5 },
  DISPATCH: { color: '#722ed1', type: 'dashed', width: 1.2 },
  ZONE_MEMBER: { color: '#389e0d', type: 'dotted', width: 1.2 },
  ZONE_LEAD: { color: '#389e0d', type: 'solid', width: 2 },
};

type Layout = 'force' | 'circular';

/** One labelled row of coloured checkboxes (the kinds, the link types). */
function CheckRow<V extends string>(props: {
  title: string;
  testId: string;
  value: readonly V[];
  onChange: (v: V[]) => void;
  options: { value: V; color: string; text: string }[];
}) {
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text strong>{props.title}</Typography.Text>
      <Checkbox.Group
        aria-label={props.title}
        data-testid={props.testId}
        value={[...props.value]}
        onChange={(v) => props.onChange(v as V[])}
        options={props.options.map((o) => ({ value: o.value, label: <span style={{ color: o.color }}>{o.text}</span> }))}
      />
    </Flex>
  );
}

/**
 * 联动关系图: who oversees, liaises with, is dispatched to, or works in a zone with whom. Filtered by org kind
 * and link type, with an optional focus on one org; by default the command chain only (domain org/linkage-view).
 */
export function LinkageMapPage() {
  const { t, label } = useI18n();
  const query = useLinkageMap();
  const [layout, setLayout] = useState<Layout>('force');
  const [filter, setFilter] = useState<LinkageFilter>(DEFAULT_LINKAGE_FILTER);
  const view = useMemo(() => (query.data ? selectLinkageView(query.data, filter) : null), [query.data, filter]);
  const edgeName = useCallback((type: MapEdgeType) => (type === 'ZONE_LEAD' ? t('map.zoneLead') : label(LINK_TYPE_LABELS, type)), [t, label]);

  const option = useMemo(() => {
    if (!view) return null;
    const index = new Map(CATEGORIES.map((c, i) => [c.key, i]));
    const names = new Map(view.nodes.map((n) => [n.id, n.name]));
    const nameOf = (id: string) => names.get(id) ?? id;
    const degree = new Map<string, number>();
    for (const e of view.edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    }
    return {
      tooltip: {
        formatter: (p: { dataType: string; data: { name?: string; sourceName?: string; targetName?: string; typeName?: string } }) =>
          p.dataType === 'edge' ? `${p.data.sourceName} → ${p.data.targetName}<br/>${p.data.typeName}` : p.data.name,
      },
      legend: [{ data: CATEGORIES.filter((c) => filter.categories.includes(c.key)).map((c) => t(`map.category.${c.key}` as MessageKey)), top: 0 }],
      animationDurationUpdate: 600,
      series: [
        {
          type: 'graph',
          layout,
          roam: true,
          draggable: true,
          circular: { rotateLabel: true },
          force: { repulsion: 220, edgeLength: [60, 160], gravity: 0.08 },
          categories: CATEGORIES.map((c) => ({ name: t(`map.category.${c.key}` as MessageKey), itemStyle: { color: c.color } })),
          label: { show: true, position: 'right', fontSize: 12, formatter: '{b}' },
          labelLayout: { hideOverlap: true },
          emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          data: view.nodes.map((n) => {
            const cat = CATEGORIES[index.get(n.category) ?? 1]!;
            return { id: n.id, name: n.name, category: index.get(n.category) ?? 1, symbolSize: cat.size + Math.min(10, degree.get(n.id) ?? 0) };
          }),
          links: view.edges.map((e) => {
            const style = EDGE_STYLES[e.type];
            return {
              source: e.source,
              target: e.target,
              sourceName: nameOf(e.source),
              targetName: nameOf(e.target),
              typeName: edgeName(e.type),
              lineStyle: { color: style.color, type: style.type, width: style.width, opacity: 0.75, curveness: 0.08 },
            };
          }),
        },
      ],
    };
  }, [view, filter.categories, layout, t, edgeName]);

  return (
    <Page
      title={t('menu.orgMap')}
      description={t('map.description')}
      extra={
        <Segmented<Layout>
          value={layout}
          onChange={setLayout}
          options={[
            { value: 'force', label: t('map.force') },
            { value: 'circular', label: t('map.circular') },
          ]}
        />
      }
    >
      <Flex vertical gap={6} style={{ marginBottom: 8 }} data-testid="linkage-filters">
        <CheckRow
          title={t('map.kinds')}
          testId="linkage-kinds"
          value={filter.categories}
          onChange={(v) => setFilter((f) => ({ ...f, categories: v }))}
          options={CATEGORIES.map((c) => ({
            value: c.key,
            color: c.color,
            text: `${t(`map.category.${c.key}` as MessageKey)}${view ? ` (${view.counts[c.key]})` : ''}`,
          }))}
        />
        <CheckRow
          title={t('map.links')}
          testId="linkage-links"
          value={filter.edgeTypes}
          onChange={(v) => setFilter((f) => ({ ...f, edgeTypes: v }))}
          options={(Object.keys(EDGE_STYLES) as MapEdgeType[]).map((type) => ({
            value: type,
            color: EDGE_STYLES[type].color,
            text: `${EDGE_STYLES[type].type === 'solid' ? '——' : EDGE_STYLES[type].type === 'dashed' ? '- - -' : '·····'} ${edgeName(type)}`,
          }))}
        />
        <Flex gap={8} wrap align="center">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('map.focus')}
            placeholder={t('map.focus')}
            style={{ minWidth: 260 }}
            data-testid="linkage-focus"
            value={filter.focusId ?? undefined}
            onChange={(id?: string) => setFilter((f) => ({ ...f, focusId: id ?? null }))}
            options={(query.data?.nodes ?? [])
              .filter((n) => filter.categories.includes(n.category))
              .map((n) => ({ value: n.id, label: `${n.name}（${t(`map.category.${n.category}` as MessageKey)}）` }))}
          />
          <Button onClick={() => setFilter(DEFAULT_LINKAGE_FILTER)} data-testid="linkage-reset">
            {t('map.reset')}
          </Button>
          <Typography.Text type="secondary" data-testid="linkage-shown">
            {view && query.data ? t('map.shown', { shown: view.nodes.length, total: query.data.nodes.length }) : null}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('map.hint')}
          </Typography.Text>
        </Flex>
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending || !option || !view ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : view.nodes.length === 0 ? (
        <Empty description={t('map.empty')} />
      ) : (
        <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 'calc(100vh - 220px)', minHeight: 520 }} data-testid="linkage-map" />
      )}
    </Page>
  );
}
