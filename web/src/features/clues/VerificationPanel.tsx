import { CheckCircleTwoTone, EditOutlined, EditTwoTone, UserAddOutlined } from '@ant-design/icons';
import type { WorkCalendar } from '@liandong/domain/calendar/calendar';
import { VERIFICATION_MEASURE_LABELS, VERIFICATION_PROPOSAL_LABELS } from '@liandong/domain/clues/enums';
import { App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueTeamMember, type ClueVerification, useAddTeamMember, useRemoveTeamMember, useSignReport } from './api';
import { DueText } from './components';
import { StaffSelect } from './pickers';
import { PlanModal, ReportModal } from './VerificationForms';

/** 初步核实 rounds: plan and measures, the 核查组, the report and who signed it. */
export function VerificationPanel({ verifications, cal }: { verifications: ClueVerification[]; cal: WorkCalendar | null }) {
  const { t } = useI18n();
  if (!verifications.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueVer.none')} />;
  const rounds = [...verifications].sort((a, b) => b.round - a.round);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="clue-verifications">
      {rounds.map((v) => (
        <VerificationCard key={v.id} v={v} cal={cal} />
      ))}
    </Space>
  );
}

function VerificationCard({ v, cal }: { v: ClueVerification; cal: WorkCalendar | null }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const sign = useSignReport(v.id);
  const [dialog, setDialog] = useState<'plan' | 'report' | null>(null);
  const r = v.report;
  return (
    <Card
      size="small"
      data-testid={`clue-verification-${v.round}`}
      title={
        <Space>
          {t('clueVer.round', { n: v.round })}
          {v.proposal ? <Tag color="magenta">{label(VERIFICATION_PROPOSAL_LABELS, v.proposal)}</Tag> : null}
          {v.reportedOn ? <Tag color="green">{`${t('clueVer.reportedOn')} ${formatDate(v.reportedOn)}`}</Tag> : null}
        </Space>
      }
      extra={
        v.abilities.update ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('plan')} data-testid={`clue-verification-plan-edit-${v.round}`}>
            {t('clueVer.plan')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'startedOn', label: t('clueVer.startedOn'), children: formatDate(v.startedOn) },
          { key: 'targetDue', label: t('clueVer.targetDue'), children: <DueText due={v.targetDue} cal={cal} done={Boolean(v.reportedOn)} /> },
          {
            key: 'measures',
            label: t('clueVer.measures'),
            span: 2,
            children: v.measures.length ? v.measures.map((m) => <Tag key={m}>{label(VERIFICATION_MEASURE_LABELS, m)}</Tag>) : '—',
          },
          { key: 'plan', label: t('clueVer.plan'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(v.plan)}</span> },
        ]}
      />
      <TeamSection v={v} />
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }} wrap gap={8}>
        <Typography.Text strong>{t('clueVer.report')}</Typography.Text>
        <Space>
          {v.abilities.sign ? (
            <Popconfirm
              title={t('clueVer.signConfirm')}
              okButtonProps={{ 'data-testid': 'clue-verification-sign-confirm' }}
              onConfirm={async () => {
                try {
                  await sign.mutateAsync();
                  message.success(t('clueVer.signed'));
                } catch (err) {
                  onError(err);
                }
              }}
            >
              <Button type="primary" icon={<EditTwoTone twoToneColor="#fff" />} loading={sign.isPending} data-testid="clue-verification-sign">
                {t('clueVer.sign')}
              </Button>
            </Popconfirm>
          ) : null}
          {v.abilities.update ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog('report')} data-testid={`clue-verification-report-edit-${v.round}`}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {r ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          data-testid={`clue-verification-report-${v.round}`}
          items={[
            { key: 'subjectBasics', label: t('clueVer.subjectBasics'), children: <Pre text={r.subjectBasics} /> },
            { key: 'mainAllegations', label: t('clueVer.mainAllegations'), children: <Pre text={r.mainAllegations} /> },
            { key: 'basis', label: t('clueVer.basis'), children: <Pre text={r.basis} /> },
            { key: 'findings', label: t('clueVer.findings'), children: <Pre text={r.findings} /> },
            { key: 'doubts', label: t('clueVer.doubts'), children: <Pre text={r.doubts} /> },
            { key: 'proposal', label: t('clueVer.proposal'), children: label(VERIFICATION_PROPOSAL_LABELS, r.proposal) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('clueVer.noReport')}</Typography.Text>
      )}
      <Signatures team={v.team} allSigned={v.allSigned} />
      <PlanModal v={dialog === 'plan' ? v : null} onClose={() => setDialog(null)} />
      <ReportModal v={dialog === 'report' ? v : null} onClose={() => setDialog(null)} />
    </Card>
  );
}

function Pre({ text }: { text: string }) {
  return <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(text)}</span>;
}

/** 核查组: members with their role and dates; add and remove for the undertaking department. */
function TeamSection({ v }: { v: ClueVerification }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddTeamMember(v.id);
  const remove = useRemoveTeamMember(v.id);
  const [userId, setUserId] = useState<string | undefined>();
  const [role, setRole] = useState<'LEAD' | 'MEMBER'>('MEMBER');
  const roleLabel = (r: ClueTeamMember['role']) => (r === 'LEAD' ? t('clueVer.lead') : t('clueVer.memberRole'));
  return (
    <>
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }} wrap gap={8}>
        <Typography.Text strong>{t('clueVer.team')}</Typography.Text>
        {v.abilities.manageTeam ? (
          <Space.Compact>
            <StaffSelect
              value={userId}
              onChange={(id) => setUserId(typeof id === 'string' ? id : undefined)}
              style={{ width: 240 }}
              data-testid="clue-team-user"
            />
            <Select<'LEAD' | 'MEMBER'>
              value={role}
              onChange={setRole}
              style={{ width: 90 }}
              options={[
                { value: 'MEMBER', label: t('clueVer.memberRole') },
                { value: 'LEAD', label: t('clueVer.lead') },
              ]}
            />
            <Button
              icon={<UserAddOutlined />}
              disabled={!userId}
              loading={add.isPending}
              data-testid="clue-team-add"
              onClick={async () => {
                if (!userId) return;
                try {
                  await add.mutateAsync({ userId, role });
                  setUserId(undefined);
                  message.success(t('common.done'));
                } catch (err) {
                  onError(err);
                }
              }}
            >
              {t('clueVer.addMember')}
            </Button>
          </Space.Compact>
        ) : null}
      </Flex>
      <Table<ClueTeamMember>
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={v.team}
        data-testid={`clue-team-${v.round}`}
        rowClassName={(m) => (m.leftOn ? 'ld-row-muted' : '')}
        columns={[
          { key: 'name', title: t('clueVer.member'), render: (_, m) => (m.leftOn ? <Typography.Text delete>{m.name}</Typography.Text> : m.name) },
          { key: 'org', title: t('clue.receivingOrg'), render: (_, m) => orDash(m.orgName) },
          { key: 'role', title: t('clueVer.role'), width: 80, render: (_, m) => <Tag color={m.role === 'LEAD' ? 'red' : undefined}>{roleLabel(m.role)}</Tag> },
          { key: 'joinedOn', title: t('clueVer.joinedOn'), width: 110, render: (_, m) => formatDate(m.joinedOn) },
          { key: 'leftOn', title: t('clueVer.leftOn'), width: 110, render: (_, m) => formatDate(m.leftOn) },
          ...(v.abilities.manageTeam
            ? [
                {
                  key: 'ops',
                  title: t('common.actions'),
                  width: 80,
                  render: (_: unknown, m: ClueTeamMember) =>
                    m.leftOn ? null : (
                      <Popconfirm
                        title={t('clueVer.removeConfirm')}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(m.userId);
                            message.success(t('common.done'));
                          } catch (err) {
                            onError(err);
                          }
                        }}
                      >
                        <Button type="link" size="small" danger data-testid={`clue-team-remove-${m.userId}`}>
                          {t('clueVer.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** Who of the active team signed the current report (the report goes up only when all have). */
function Signatures({ team, allSigned }: { team: ClueTeamMember[]; allSigned: boolean }) {
  const { t } = useI18n();
  const active = team.filter((m) => !m.leftOn);
  return (
    <div style={{ marginTop: 12 }} data-testid="clue-signatures" data-all-signed={allSigned}>
      <Typography.Text strong>{t('clueVer.signatures')}</Typography.Text> {allSigned ? <Tag color="green">{t('clueVer.allSigned')}</Tag> : null}
      <Flex wrap gap={12} style={{ marginTop: 6 }}>
        {active.map((m) => (
          <span key={m.userId}>
            {m.signedAt ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <Typography.Text type="secondary">○</Typography.Text>} {m.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.signedAt ? formatDateTime(m.signedAt) : t('clueVer.unsigned')}
            </Typography.Text>
          </span>
        ))}
      </Flex>
    </div>
  );
}
