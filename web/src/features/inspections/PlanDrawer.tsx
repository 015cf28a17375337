import { INSPECTION_TYPE_LABELS, TEAM_ROLE_LABELS } from '@liandong/domain/inspections/enums';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import type dayjs from 'dayjs';
import { useDeferredValue, useState } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useInspectionStaff, usePlanInspection } from './api';

interface Values {
  type: 'JOINT_SPOT_CHECK' | 'UNANNOUNCED' | 'FOLLOW_UP';
  title: string;
  visitOn: dayjs.Dayjs;
  leader: string;
  members?: string[];
  targetOrgIds: string[];
}

/** A searchable picker of accounts that can be on a check team. */
function StaffSelect(props: { value?: string | string[]; onChange?: (v: string | string[]) => void; mode?: 'multiple'; testId: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const staff = useInspectionStaff(q);
  return (
    <Select
      {...props}
      data-testid={props.testId}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      placeholder={t('insp.pickStaff')}
      loading={staff.isFetching}
      options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.orgName}）` }))}
    />
  );
}

/** 制定检查计划: type, title, date, the team (one 组长) and the target host units. */
export function PlanDrawer({ campaignId, open, onClose }: { campaignId: string; open: boolean; onClose: (createdId?: string) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const plan = usePlanInspection(campaignId);
  const submit = (v: Values) =>
    plan.mutate(
      {
        type: v.type,
        title: v.title,
        visitOn: toIsoDay(v.visitOn) ?? '',
        team: [{ userId: v.leader, role: 'LEADER' }, ...(v.members ?? []).filter((m) => m !== v.leader).map((userId) => ({ userId, role: 'MEMBER' as const }))],
        targetOrgIds: v.targetOrgIds,
      },
      {
        onSuccess: (r) => {
          message.success(t('insp.planned'));
          form.resetFields();
          onClose(r.id);
        },
        onError: (err) => onError(err, form),
      },
    );
  return (
    <Drawer title={t('insp.plan')} open={open} onClose={() => onClose()} width={560} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'JOINT_SPOT_CHECK' }} data-testid="inspection-plan-form">
        <Form.Item name="type" label={t('insp.type')} rules={[{ required: true }]}>
          <Select options={Object.keys(INSPECTION_TYPE_LABELS).map((k) => ({ value: k, label: label(INSPECTION_TYPE_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('insp.name')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="visitOn" label={t('insp.visitOn')} rules={[{ required: true }]} extra={t('insp.secretNote')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="leader" label={label(TEAM_ROLE_LABELS, 'LEADER')} rules={[{ required: true }]}>
          <StaffSelect testId="inspection-leader" />
        </Form.Item>
        <Form.Item name="members" label={t('insp.members')}>
          <StaffSelect mode="multiple" testId="inspection-members" />
        </Form.Item>
        <Form.Item name="targetOrgIds" label={t('insp.targets')} rules={[{ required: true }]}>
          <OrgSelect kinds={['HOST_UNIT']} mode="multiple" placeholder={t('insp.pickUnits')} />
        </Form.Item>
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={plan.isPending}>
            {t('insp.plan')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
