import { ArrowLeftOutlined, FileAddOutlined } from '@ant-design/icons';
import { REFORM_ORIGIN_LABELS, REFORM_STATE_LABELS } from '@liandong/domain/reform/enums';
import { App, Button, Card, Col, Descriptions, Flex, Modal, Popconfirm, Row, Space, Steps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ReformRecordDetail, type ReformState, usePatchRecord, useRecord } from './api';
import { ReformStateTag } from './components';
import { CausesCard, LettersCard, ProblemsCard, RecordTasksCard, SimilarCard } from './RecordSections';

const STATES = Object.keys(REFORM_STATE_LABELS) as ReformState[];

/** 以案促改: the problem list, root-cause analysis, similar cases, letters and tasks, and the record's progression. */
export function RecordPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const query = useRecord(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const record = query.data;
  return (
    <Page
      bare
      testId="reform-record-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('letter.back')} />
          <span data-testid="reform-title">{record.title}</span>
        </Space>
      }
      description={`${label(REFORM_ORIGIN_LABELS, record.origin)} · ${record.unit.name} · ${record.ownerOrgs.map((o) => o.name).join('、')}`}
      extra={
        record.abilities.draftLetter ? (
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            onClick={() => void navigate(`/letters/new?recordId=${record.id}`)}
            data-testid="reform-draft-letter"
          >
            {t('reform.draftLetter')}
          </Button>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={16} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            style={{ flex: 1, minWidth: 300 }}
            items={[
              {
                key: 'state',
                label: t('reform.state'),
                children: (
                  <span data-testid="reform-state" data-state={record.state}>
                    <ReformStateTag state={record.state} />
                  </span>
                ),
              },
              {
                key: 'origin',
                label: t('reform.origin'),
                children: record.case ? (
                  <Link to={`/cases/${record.case.id}`}>{`${record.case.caseNo ?? ''} ${record.case.title}`}</Link>
                ) : (
                  (record.campaignName ?? label(REFORM_ORIGIN_LABELS, record.origin))
                ),
              },
              { key: 'campaign', label: t('campaignLink.campaign'), children: record.campaignName ?? '—' },
              { key: 'createdAt', label: t('reform.createdAt'), children: formatDate(record.createdAt) },
              {
                key: 'owners',
                label: t('reform.ownerOrgs'),
                span: 3,
                children: (
                  <Space wrap>
                    <span data-testid="reform-owner-orgs">
                      {record.ownerOrgs.map((o, i) => (i === 0 ? `${o.name}${t('reform.leadMark')}` : o.name)).join('、')}
                    </span>
                    <CoOwnersButton record={record} />
                  </Space>
                ),
              },
            ]}
          />
          <StateButtons record={record} />
        </Flex>
        <Steps
          size="small"
          current={STATES.indexOf(record.state)}
          status={record.state === 'CLOSED' ? 'finish' : 'process'}
          items={STATES.map((s) => ({ key: s, title: label(REFORM_STATE_LABELS, s) }))}
          data-testid="reform-steps"
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <ProblemsCard record={record} />
          <CausesCard record={record} />
          <LettersCard record={record} />
          <RecordTasksCard record={record} />
        </Col>
        <Col xs={24} xl={9}>
          <SimilarCard record={record} />
        </Col>
      </Row>
    </Page>
  );
}

/**
 * 调整共同承办部门 (the lead owner org and the commission-wide roles): a jointly run 以案促改 — e.g. the
 * 专案组's office and group with the inspection office that analyses the causes after the decision.
 */
function CoOwnersButton({ record }: { record: ReformRecordDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const patch = usePatchRecord(record);
  const coOwners = record.ownerOrgs.slice(1);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string[]>([]);
  if (!record.abilities.manageOwners) return null;
  return (
    <>
      <Button
        size="small"
        type="link"
        onClick={() => {
          setValue(coOwners.map((o) => o.id));
          setOpen(true);
        }}
        data-testid="reform-co-owners-edit"
      >
        {t('reform.editCoOwners')}
      </Button>
      <Modal
        open={open}
        title={t('reform.editCoOwners')}
        okButtonProps={{ loading: patch.isPending, 'data-testid': 'reform-co-owners-save' }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            await patch.mutateAsync({ coOwnerOrgIds: value });
            message.success(t('common.done'));
            setOpen(false);
          } catch (err) {
            onError(err);
          }
        }}
        destroyOnHidden
      >
        <OrgSelect
          mode="multiple"
          directory
          style={{ width: '100%' }}
          kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION']}
          known={coOwners}
          value={value}
          onChange={(v) => setValue(Array.isArray(v) ? v.filter((id) => id !== record.ownerOrg.id) : [])}
          placeholder={t('reform.coOwnersHint')}
          aria-label={t('reform.coOwnersHint')}
          data-testid="reform-co-owners-select"
        />
      </Modal>
    </>
  );
}

/** Moves the record on (问题收集中 → 已剖析原因 → 已提出建议 → 已完成) as the server allows. */
function StateButtons({ record }: { record: ReformRecordDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const patch = usePatchRecord(record);
  if (!record.abilities.nextStates.length) return null;
  return (
    <Space wrap>
      {record.abilities.nextStates.map((s) => (
        <Popconfirm
          key={s}
          title={t('reform.moveConfirm', { state: label(REFORM_STATE_LABELS, s) })}
          onConfirm={async () => {
            try {
              await patch.mutateAsync({ state: s });
              message.success(t('common.done'));
            } catch (err) {
              onError(err);
            }
          }}
        >
          <Button loading={patch.isPending} data-testid={`reform-move-${s}`}>
            {t('reform.moveTo', { state: label(REFORM_STATE_LABELS, s) })}
          </Button>
        </Popconfirm>
      ))}
    </Space>
  );
}
