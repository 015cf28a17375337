import type { AccountabilityStats } from '@liandong/domain/reform/contracts';
import { ACCOUNTABILITY_METHOD_LABELS, ACCOUNTABILITY_TARGET_LABELS, type AccountabilityMethod } from '@liandong/domain/reform/enums';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Statistic, Table, type TableColumnsType } from 'antd';
import { api } from '../../api/client';
import { canOpen } from '../../lib/access';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';

interface Row {
  method: AccountabilityMethod;
  PARTY_ORG: number;
  LEADER: number;
}

/**
 * 追责问责 on the dashboard: accountability records decided in the year, by target and method (问责条例),
 * over what the caller sees (GET /api/v1/accountabilities/stats). Not asked at all by roles the 问责 register
 * is closed to (the 信访室, the 干部监督室: the server answers them 403), so no refused request hides behind it.
 */
export function AccountabilityCard({ year }: { year: number }) {
  const { t, label } = useI18n();
  const allowed = canOpen('/accountability', useMe());
  const query = useQuery({
    queryKey: ['casework', 'accountability-stats', year],
    queryFn: ({ signal }) => api.get<AccountabilityStats>('/api/v1/accountabilities/stats', { year }, signal),
    enabled: allowed,
    retry: false,
  });
  if (!allowed || query.isError || !query.data) return null;
  const s = query.data;
  const rows: Row[] = (Object.keys(ACCOUNTABILITY_METHOD_LABELS) as AccountabilityMethod[])
    .map((method) => ({
      method,
      PARTY_ORG: s.byTargetMethod.find((r) => r.method === method && r.targetKind === 'PARTY_ORG')?.count ?? 0,
      LEADER: s.byTargetMethod.find((r) => r.method === method && r.targetKind === 'LEADER')?.count ?? 0,
    }))
    .filter((r) => r.PARTY_ORG + r.LEADER > 0);
  const columns: TableColumnsType<Row> = [
    { title: t('cwk.accMethod'), dataIndex: 'method', render: (m: AccountabilityMethod) => label(ACCOUNTABILITY_METHOD_LABELS, m) },
    { title: label(ACCOUNTABILITY_TARGET_LABELS, 'PARTY_ORG'), dataIndex: 'PARTY_ORG', align: 'right', width: 120 },
    { title: label(ACCOUNTABILITY_TARGET_LABELS, 'LEADER'), dataIndex: 'LEADER', align: 'right', width: 120 },
  ];
  return (
    <Card size="small" title={t('cwk.accountability')} data-testid="dashboard-accountability">
      <Flex gap={32} style={{ marginBottom: 8 }}>
        <Statistic title={t('cwk.accTotal')} value={s.total} />
        <Statistic title={label(ACCOUNTABILITY_TARGET_LABELS, 'PARTY_ORG')} value={s.byTarget.PARTY_ORG ?? 0} />
        <Statistic title={label(ACCOUNTABILITY_TARGET_LABELS, 'LEADER')} value={s.byTarget.LEADER ?? 0} />
      </Flex>
      {rows.length ? (
        <Table size="small" rowKey="method" pagination={false} columns={columns} dataSource={rows} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cwk.accNone')} />
      )}
    </Card>
  );
}
