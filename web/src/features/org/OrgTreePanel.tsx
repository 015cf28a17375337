import { ORG_KIND_LABELS } from '@liandong/domain/org/enums';
import { Empty, Flex, Input, Skeleton, Switch, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { type Key, type ReactNode, useMemo, useState } from 'react';
import { QueryError } from '../../components/Results';
import { ORG_KIND_COLORS } from '../../lib/colors';
import { useI18n } from '../../lib/i18n';
import { type OrgTreeNode, useOrgTree } from './api';
import { OrgKindIcon } from './columns';

function highlight(name: string, q: string): ReactNode {
  const i = q ? name.indexOf(q) : -1;
  if (i < 0) return name;
  return (
    <>
      {name.slice(0, i)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{name.slice(i, i + q.length)}</mark>
      {name.slice(i + q.length)}
    </>
  );
}

/** Up to this many nodes the whole tree is expanded and rendered (a scoped user's tree is small). */
const SMALL_TREE = 300;

/**
 * Keeps the nodes that match (and their ancestors); returns the keys to expand so that every match
 * is visible. A small tree opens fully; a large one opens its first two levels.
 */
function filterTree(nodes: OrgTreeNode[], q: string, showRetired: boolean, render: (n: OrgTreeNode) => ReactNode) {
  const expand: string[] = [];
  let matches = 0;
  let count = 0;
  const walk = (list: OrgTreeNode[], depth: number): TreeDataNode[] => {
    const out: TreeDataNode[] = [];
    for (const n of list) {
      if (n.retired && !showRetired) continue;
      const children = walk(n.children, depth + 1);
      const hit = q !== '' && n.nameZh.includes(q);
      if (hit) matches += 1;
      if (q && !hit && children.length === 0) continue;
      count += 1;
      if (children.length > 0) expand.push(`${depth}|${n.id}`);
      out.push({ key: n.id, title: render(n), children, isLeaf: children.length === 0 });
    }
    return out;
  };
  const data = walk(nodes, 0);
  const small = count <= SMALL_TREE;
  const keys = expand.filter((k) => q || small || Number(k.split('|')[0]) < 2).map((k) => k.slice(k.indexOf('|') + 1));
  return { data, expand: keys, matches, small };
}

/** 组织树 with search (name fragment), kind icons and tags, retired nodes on request. */
export function OrgTreePanel({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const { t, label } = useI18n();
  const query = useOrgTree();
  const [q, setQ] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const search = q.trim();
  const { data, expand, matches, small } = useMemo(
    () =>
      filterTree(query.data?.nodes ?? [], search, showRetired, (n) => (
        <span className="ld-tree-node" data-testid={`org-node-${n.id}`}>
          <OrgKindIcon kind={n.kind} />
          <span className={n.retired ? 'ld-tree-retired' : undefined}>{highlight(n.nameZh, search)}</span>
          <Tag color={ORG_KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {label(ORG_KIND_LABELS, n.kind)}
          </Tag>
        </span>
      )),
    [query.data, search, showRetired, label],
  );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div data-testid="org-tree">
      <Input.Search
        allowClear
        placeholder={t('org.searchTree')}
        onChange={(e) => {
          setQ(e.target.value);
          setExpanded(null);
        }}
        style={{ marginBottom: 8 }}
        data-testid="org-tree-search"
      />
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {search ? t('org.matches', { count: matches }) : t('org.treeHint')}
        </Typography.Text>
        <Flex align="center" gap={4}>
          <Switch size="small" checked={showRetired} onChange={setShowRetired} />
          <Typography.Text style={{ fontSize: 12 }}>{t('org.showRetired')}</Typography.Text>
        </Flex>
      </Flex>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={search ? t('common.noMatch') : t('org.emptyTree')} />
      ) : (
        <Tree
          blockNode
          showLine
          height={small ? undefined : 640}
          virtual={!small}
          treeData={data}
          expandedKeys={expanded ?? expand}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(String(key));
          }}
        />
      )}
    </div>
  );
}
