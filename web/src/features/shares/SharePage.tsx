import { ArrowLeftOutlined, SwapRightOutlined } from '@ant-design/icons';
import { SHARE_OBJECT_TYPE_LABELS, SHARE_STATE_LABELS, type ShareState } from '@liandong/domain/shares/enums';
import { SHARE_ACTION_LABELS, type ShareAction } from '@liandong/domain/shares/machine';
import { Alert, Button, Card, Descriptions, Flex, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EventTimeline } from '../../components/EventTimeline';
import { KeywordSearch, ledgerPagination } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { ApproveModal, ReasonModal } from './ActionModals';
import { type ShareDetailResponse, type SharedObject, useShare, useSharedObjects } from './api';
import { ShareDetailTag, ShareKindTag, ShareOriginTag, ShareScope, ShareStateTags } from './shared';

/** 信息共享详情: the facts, what it covers, the buttons the server allows, what the grantee reads, the history. */
export function SharePage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const query = useShare(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoading />;
  const s = query.data;
  const eventName = (action: string, toState: string | null) =>
    action in SHARE_ACTION_LABELS
      ? label(SHARE_ACTION_LABELS, action as ShareAction)
      : toState === 'PENDING'
        ? s.origin === 'PUSH'
          ? t('shares.eventPushed')
          : t('shares.eventRequested')
        : toState
          ? label(SHARE_STATE_LABELS, toState as ShareState)
          : action;
  return (
    <Page
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/shares')} title={t('shares.back')} />
          {t('shares.detailTitle')}
        </Space>
      }
      testId="share-page"
      bare
      extra={<Toolbar share={s} />}
    >
      <Flex vertical gap={12}>
        <Facts share={s} />
        <Covered share={s} />
        <GrantedReading share={s} />
        <Card size="small" title={t('shares.timeline')}>
          <EventTimeline
            entries={s.timeline.map((e, i) => ({
              key: i,
              color: e.toState === 'REFUSED' || e.toState === 'REVOKED' ? 'red' : e.toState === 'APPROVED' ? 'green' : 'blue',
              heading: <strong>{eventName(e.action, e.toState)}</strong>,
              who: e.actor ?? '',
              at: e.at,
              text: e.comment,
            }))}
          />
        </Card>
      </Flex>
    </Page>
  );
}

/** The buttons of the share's abilities (the server decides who may approve, withdraw or revoke). */
function Toolbar({ share }: { share: ShareDetailResponse }) {
  const { label } = useI18n();
  const [approving, setApproving] = useState(false);
  const [acting, setActing] = useState<Exclude<ShareAction, 'approve'> | null>(null);
  return (
    <>
      {share.abilities.actions.map((a) => (
        <Button
          key={a}
          type={a === 'approve' ? 'primary' : 'default'}
          danger={a === 'refuse' || a === 'revoke'}
          onClick={() => (a === 'approve' ? setApproving(true) : setActing(a))}
          data-testid={`share-action-${a}`}
        >
          {label(SHARE_ACTION_LABELS, a)}
        </Button>
      ))}
      {share.abilities.actions.includes('approve') ? <ApproveModal share={share} open={approving} onClose={() => setApproving(false)} /> : null}
      <ReasonModal share={share} action={acting} onClose={() => setActing(null)} />
    </>
  );
}

function Facts({ share: s }: { share: ShareDetailResponse }) {
  const { t } = useI18n();
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('shares.state')}>
          <ShareStateTags share={s} />
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.kind')}>
          <ShareKindTag value={s.kind} />
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.origin')}>
          <ShareOriginTag value={s.origin} />
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.ownerToGrantee')}>
          <span data-testid="share-orgs">
            {s.ownerOrg.name} <SwapRightOutlined /> {s.granteeOrg.name}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.period')}>
          <span data-testid="share-period-text">
            {formatDate(s.startsOn)} ~ {formatDate(s.endsOn)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.detail')}>
          <ShareDetailTag value={s.detail} />
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.startedBy')}>
          {s.startedBy.name}（{formatDateTime(s.createdAt)}）
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.approver')}>
          {s.approver ? `${s.approver.name}${s.decidedAt ? `（${formatDateTime(s.decidedAt)}）` : ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.scope')}>
          <ShareScope share={s} />
        </Descriptions.Item>
        <Descriptions.Item label={t('shares.purpose')} span={3}>
          {s.purpose}
        </Descriptions.Item>
        {s.decisionComment ? (
          <Descriptions.Item label={t('shares.decisionComment')} span={3}>
            {s.decisionComment}
          </Descriptions.Item>
        ) : null}
        {s.revokedAt ? (
          <Descriptions.Item label={t('shares.revoked')} span={3}>
            {formatDateTime(s.revokedAt)} {orDash(s.revokeReason)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/** 共享范围: the named objects (编号, title, state), or the category of the owner org. */
function Covered({ share: s }: { share: ShareDetailResponse }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('shares.covered')}>
      {s.categoryTypes.length ? (
        <Space wrap data-testid="share-category">
          {t('shares.categoryOf', { org: s.ownerOrg.name })}
          {s.categoryTypes.map((c) => (
            <Tag key={c}>{label(SHARE_OBJECT_TYPE_LABELS, c)}</Tag>
          ))}
        </Space>
      ) : null}
      {!s.objects.length && s.objectCount ? <span data-testid="share-objects-hidden">{t('shares.objectsHidden', { count: s.objectCount })}</span> : null}
      {s.objects.length ? (
        <Table<SharedObject>
          size="small"
          rowKey={(o) => `${o.type}:${o.id}`}
          pagination={false}
          dataSource={s.objects}
          data-testid="share-objects"
          columns={[
            { key: 'type', title: t('shares.objectType'), width: 130, render: (_, o) => label(SHARE_OBJECT_TYPE_LABELS, o.type) },
            { key: 'number', title: t('shares.objectNumber'), width: 200, render: (_, o) => orDash(o.number) },
            { key: 'title', title: t('shares.objectTitle'), render: (_, o) => o.title },
            { key: 'state', title: t('shares.objectState'), width: 140, render: (_, o) => orDash(o.state) },
          ]}
        />
      ) : null}
    </Card>
  );
}

/**
 * 共享信息: for the grantee while the grant is in force, the objects it opens, each linking to the object's
 * own page (read there under the grant, audited with the grant id). Outside its dates the server says 404.
 */
function GrantedReading({ share: s }: { share: ShareDetailResponse }) {
  const { t, label } = useI18n();
  const me = useMe();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20, q: undefined as string | undefined });
  const isGrantee = me.user.org.id === s.granteeOrg.id;
  const inForce = s.state === 'APPROVED' && s.effect === 'ACTIVE';
  const objects = useSharedObjects(s.id, paging, isGrantee && inForce);
  if (!isGrantee || s.state !== 'APPROVED') return null;
  if (!inForce)
    return (
      <Alert
        type="info"
        showIcon
        data-testid="share-not-in-force"
        title={s.effect === 'EXPIRED' ? t('shares.expiredHint', { date: formatDate(s.endsOn) }) : t('shares.notStartedHint', { date: formatDate(s.startsOn) })}
      />
    );
  return (
    <Card
      size="small"
      title={t('shares.reading')}
      extra={<KeywordSearch placeholder={t('shares.readingSearch')} width={240} onSearch={(q) => setPaging((p) => ({ ...p, page: 1, q }))} />}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('shares.readingHint', { date: formatDate(s.endsOn) })} />
      {objects.isError ? (
        <QueryError error={objects.error} onRetry={() => void objects.refetch()} />
      ) : (
        <Table<SharedObject>
          size="small"
          rowKey={(o) => `${o.type}:${o.id}`}
          loading={objects.isFetching}
          dataSource={objects.data?.items ?? []}
          data-testid="share-reading"
          locale={{ emptyText: t('shares.readingEmpty') }}
          pagination={ledgerPagination(t, paging, objects.data?.total ?? 0, (page, pageSize) => setPaging((p) => ({ ...p, page, pageSize })))}
          columns={[
            { key: 'type', title: t('shares.objectType'), width: 130, render: (_, o) => label(SHARE_OBJECT_TYPE_LABELS, o.type) },
            {
              key: 'number',
              title: t('shares.objectNumber'),
              width: 200,
              render: (_, o) => (
                <Link to={o.link} data-testid={`share-object-${o.id}`}>
                  {o.number || t('shares.open')}
                </Link>
              ),
            },
            { key: 'title', title: t('shares.objectTitle'), render: (_, o) => <Link to={o.link}>{o.title}</Link> },
            { key: 'state', title: t('shares.objectState'), width: 140, render: (_, o) => orDash(o.state) },
          ]}
        />
      )}
    </Card>
  );
}
