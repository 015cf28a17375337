import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import type { WorkbenchCard } from '@liandong/domain/workbench/contracts';
import { Badge, Button, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { useWorkbench } from './api';

/** 督办灯 as antd badge states (the light's name is written beside the dot: colour is never the only cue). */
const LIGHT_STATUS: Record<Light, 'error' | 'warning' | 'success' | 'processing' | 'default'> = {
  RED: 'error',
  YELLOW: 'warning',
  GREEN: 'success',
  DONE: 'processing',
  NONE: 'default',
};

/**
 * 我的待办: one card per to-do kind of the user's roles, each with its count, its first rows and the link to the
 * filtered ledger that shows exactly those rows. Cards with nothing waiting fold into one line.
 */
export function WorkbenchCards() {
  const { t } = useI18n();
  const query = useWorkbench(true);
  const [showEmpty, setShowEmpty] = useState(false);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.isError) {
    return (
      <Typography.Text type="danger">
        {t('workbench.loadError')}：{(query.error as Error).message}
      </Typography.Text>
    );
  }
  const cards = query.data.cards;
  const busy = cards.filter((c) => c.count > 0);
  const empty = cards.filter((c) => c.count === 0);
  const titleOf = (c: WorkbenchCard) => t(`workbench.card.${c.key}` as MessageKey);
  return (
    <section aria-labelledby="workbench-todo" data-testid="workbench">
      <Typography.Title level={2} id="workbench-todo" style={{ fontSize: 16, margin: '0 0 12px' }}>
        {t('workbench.todo')}
      </Typography.Title>
      {busy.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.allEmpty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {busy.map((c) => (
            <Col key={c.key} xs={24} md={12} xl={8}>
              <TodoCard card={c} title={titleOf(c)} />
            </Col>
          ))}
        </Row>
      )}
      {empty.length > 0 ? (
        <div style={{ marginTop: 12 }} data-testid="workbench-empty">
          <Flex wrap gap={8} align="center">
            <Typography.Text type="secondary">
              {t('workbench.empty')}：{empty.map(titleOf).join('、')}
            </Typography.Text>
            <Button size="small" type="link" onClick={() => setShowEmpty((v) => !v)} aria-expanded={showEmpty}>
              {showEmpty ? t('workbench.hideEmpty') : t('workbench.showEmpty')}
            </Button>
          </Flex>
          {showEmpty ? (
            <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
              {empty.map((c) => (
                <Col key={c.key} xs={24} md={12} xl={8}>
                  <TodoCard card={c} title={titleOf(c)} />
                </Col>
              ))}
            </Row>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function TodoCard({ card, title }: { card: WorkbenchCard; title: string }) {
  const { t, label } = useI18n();
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid={`wb-card-${card.key}`}
      title={
        <Link to={card.ledger} data-testid={`wb-ledger-${card.key}`}>
          {title}
        </Link>
      }
      extra={
        <Link to={card.ledger} aria-label={t('workbench.countLabel', { title, count: card.count })}>
          <Typography.Text strong style={{ fontSize: 20, color: card.count > 0 ? '#cf1322' : undefined }} data-testid={`wb-count-${card.key}`}>
            {card.count}
          </Typography.Text>
        </Link>
      }
    >
      {card.rows.length === 0 ? (
        <Typography.Text type="secondary">{t('workbench.empty')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {card.rows.map((r) => (
            <li key={r.id} style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`wb-row-${card.key}`}>
              <Flex justify="space-between" gap={8}>
                <Link to={r.link} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.title}>
                  {r.title}
                </Link>
                <Flex gap={6} align="center" style={{ flex: 'none' }}>
                  {r.light ? <Badge status={LIGHT_STATUS[r.light]} text={label(LIGHT_LABELS, r.light)} /> : null}
                  {r.due ? <Typography.Text type="secondary">{t('workbench.due', { date: formatDate(r.due) })}</Typography.Text> : null}
                </Flex>
              </Flex>
              {r.number ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.number}
                </Typography.Text>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {card.count > card.rows.length ? (
        <div style={{ marginTop: 8 }}>
          <Link to={card.ledger}>{t('workbench.openLedger', { count: card.count })}</Link>
        </div>
      ) : null}
    </Card>
  );
}
