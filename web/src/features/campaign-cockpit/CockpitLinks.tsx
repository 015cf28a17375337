import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { CLUE_STATE_LABELS } from '@liandong/domain/clues/machine';
import { TASK_STATE_LABELS } from '@liandong/domain/reform/machine';
import { Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n';
import type { CampaignLinks } from './api';

/** Linked clues, cases and tasks: only those the user may open (server), each a link to its own page. */
export function CockpitLinks({ data }: { data: CampaignLinks }) {
  const { t, label } = useI18n();
  return (
    <>
      <Typography.Text type="secondary">{t('cockpit.linksHint')}</Typography.Text>
      <Tabs
        items={[
          {
            key: 'clues',
            label: t('cockpit.linkedClues', { n: data.clues.length }),
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={data.clues}
                pagination={{ pageSize: 10 }}
                columns={[
                  {
                    title: t('cockpit.clueNo'),
                    dataIndex: 'clueNo',
                    render: (v: string | null, r) => <Link to={`/clues/${r.id}`}>{v ?? t('cockpit.unregistered')}</Link>,
                  },
                  { title: t('cockpit.colTitle'), dataIndex: 'title' },
                  { title: t('cockpit.state'), dataIndex: 'state', render: (v: string) => label(CLUE_STATE_LABELS, v) },
                  { title: t('cockpit.receivedOn'), dataIndex: 'receivedOn' },
                ]}
              />
            ),
          },
          {
            key: 'cases',
            label: t('cockpit.linkedCases', { n: data.cases.length }),
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={data.cases}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: t('cockpit.caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
                  { title: t('cockpit.colTitle'), dataIndex: 'title' },
                  { title: t('cockpit.state'), dataIndex: 'state', render: (v: string) => label(CASE_STATE_LABELS, v) },
                  { title: t('cockpit.filedOn'), dataIndex: 'filedOn' },
                ]}
              />
            ),
          },
          {
            key: 'tasks',
            label: t('cockpit.linkedTasks', { n: data.tasks.length }),
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={data.tasks}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: t('cockpit.issue'), dataIndex: 'issue', render: (v: string, r) => <Link to={`/rectification/${r.id}`}>{v}</Link> },
                  { title: t('cockpit.state'), dataIndex: 'state', render: (v: string) => label(TASK_STATE_LABELS, v) },
                  { title: t('cockpit.deadline'), dataIndex: 'deadline' },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
