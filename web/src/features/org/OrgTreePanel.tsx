import { ORG_KIND_LABELS } from '@liandong/domain/org/enums';
import { Empty, Flex, Input, Skeleton, Switch, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { type Key, type ReactNode, useMemo, useState } from 'react';
import { QueryError } from '../../components/Results';
import { ORG_KIND_COLORS } from '../../lib/colors';
import { useI18n } from '../../lib/i18n';
import { type OrgTreeNode, useOrgTree } from './api';
import { OrgKindIcon } from './columns';

/** Up to this many nodes the whole tree is expanded and rendered (a scoped user's tree is small). */
const SMALL_TREE = 300;

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

/**
 * Builds antd tree data keyed by path: a host unit can sit under several dispatched groups, so one org
 * id may occur more than once. Keeps the nodes that match the search (and their ancestors) and returns
 * the keys to expand so that every match is visible; a small tree opens fully, a large one two levels.
 */
function buildTree(nodes: OrgTreeNode[], q: string, render: (n: OrgTreeNode) => ReactNode) {
  const expand: { key: string; depth: number }[] = [];
  const idOfKey = new Map<string, string>();
  let matches = 0;
  const walk = (list: OrgTreeNode[], parentKey: string, depth: number): TreeDataNode[] => {
    const out: TreeDataNode[] = [];
    for (const n of list) {
      const key = parentKey ? `${parentKey}/${n.id}` : n.id;
      const children = walk(n.children, key, depth + 1);
      const hit = q !== '' && n.nameZh.includes(q);
      if (hit) matches += 1;
      if (q && !hit && children.length === 0) continue;
      idOfKey.set(key, n.id);
      if (children.length > 0) expand.push({ key, depth });
      out.push({ key, title: render(n), children, isLeaf: children.length === 0 });
    }
    return out;
  };
  const data = walk(nodes, '', 0);
  const small = idOfKey.size <= SMALL_TREE;
  const expanded = expand.filter((e) => q || small || e.depth < 2).map((e) => e.key);
  return { data, expanded, idOfKey, matches, small };
}

/** 组织树 with search (name fragment), kind icons and tags, retired nodes on request. */
export function OrgTreePanel({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const { t, label } = useI18n();
  const [showRetired, setShowRetired] = useState(false);
  const query = useOrgTree(showRetired);
  const [q, setQ] = useState('');
  const [expandedKeys, setExpandedKeys] = useState<Key[] | null>(null);
  const search = q.trim();
  const tree = useMemo(
    () =>
      buildTree(query.data?.nodes ?? [], search, (n) => (
        <span className="ld-tree-node" data-testid={`org-node-${n.id}`}>
          <OrgKindIcon kind={n.kind} />
          <span className={n.retired ? 'ld-tree-retired' : undefined}>{highlight(n.nameZh, search)}</span>
          <Tag color={ORG_KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {label(ORG_KIND_LABELS, n.kind)}
          </Tag>
        </span>
      )),
    [query.data, search, label],
  );
  // Every occurrence of the selected org is highlighted.
  const selectedKeys = useMemo(() => (selectedId ? [...tree.idOfKey].filter(([, id]) => id === selectedId).map(([key]) => key) : []), [tree, selectedId]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div data-testid="org-tree">
      <Input.Search
        allowClear
        placeholder={t('org.searchTree')}
        onChange={(e) => {
          setQ(e.target.value);
          setExpandedKeys(null);
        }}
        style={{ marginBottom: 8 }}
        data-testid="org-tree-search"
      />
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {search ? t('org.matches', { count: tree.matches }) : t('org.treeHint')}
        </Typography.Text>
        <Flex align="center" gap={4}>
          <Switch
            size="small"
            aria-label={t('org.showRetired')}
            checked={showRetired}
            onChange={(v) => {
              setShowRetired(v);
              setExpandedKeys(null);
            }}
          />
          <Typography.Text style={{ fontSize: 12 }}>{t('org.showRetired')}</Typography.Text>
        </Flex>
      </Flex>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : tree.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={search ? t('common.noMatch') : t('org.emptyTree')} />
      ) : (
        <Tree
          blockNode
          showLine
          height={tree.small ? undefined : 640}
          virtual={!tree.small}
          treeData={tree.data}
          expandedKeys={expandedKeys ?? tree.expanded}
          onExpand={(keys) => setExpandedKeys(keys)}
          selectedKeys={selectedKeys}
          onSelect={(_keys, info) => {
            const id = tree.idOfKey.get(String(info.node.key));
            if (id) onSelect(id);
          }}
        />
      )}
    </div>
  );
}
