import { App, Button, DatePicker, Drawer, Flex, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type TaskForceView, useCreateTaskForce, usePatchTaskForce } from './api';
import { type Candidate, FromOrgSelect, UserPicker } from './pickers';

interface Values {
  name: string;
  note?: string;
  validFrom: Dayjs;
  validTo: Dayjs;
  coLeaders: { userId?: string; fromOrgId?: string }[];
}

/**
 * Drawer to form the 专班 (POST) or change it (PATCH with the version read): name, note, dates and the two
 * co-leaders (双组长). The server checks the pair and answers field paths (`coLeaders.1.fromOrgId`) that land
 * on the matching inputs.
 */
export function TaskForceForm({ view, open, onClose }: { view: TaskForceView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<(Candidate | undefined)[]>([]);
  const tf = view.taskForce;
  const create = useCreateTaskForce(view.campaign.id);
  const patch = usePatchTaskForce(view.campaign.id);
  // The pair in office, as the server counts it: not ended, serving today or to the 专班's end.
  const leaders = (tf?.members ?? []).filter(
    (m) => m.role === 'CO_LEADER' && !m.ended && (m.validTo >= dayjs().format('YYYY-MM-DD') || m.validTo === tf?.validTo),
  );
  const initial: Partial<Values> = tf
    ? {
        name: tf.name,
        note: tf.note,
        validFrom: dayjs(tf.validFrom),
        validTo: tf.validTo ? dayjs(tf.validTo) : undefined,
        coLeaders: leaders.map((m) => ({ userId: m.user.id, fromOrgId: m.fromOrg?.id })),
      }
    : {
        name: `${view.campaign.name}工作专班`,
        validFrom: view.campaign.startsOn ? dayjs(view.campaign.startsOn) : dayjs(),
        validTo: view.campaign.endsOn ? dayjs(view.campaign.endsOn) : undefined,
        coLeaders: [{}, {}],
      };

  const submit = async (v: Values) => {
    const coLeaders = v.coLeaders.map((c) => ({ userId: c.userId ?? '', fromOrgId: c.fromOrgId ?? null }));
    const common = { name: v.name, note: v.note ?? '', validFrom: toIsoDay(v.validFrom) ?? '', validTo: toIsoDay(v.validTo) ?? '' };
    try {
      if (tf) {
        const changed =
          JSON.stringify(coLeaders) !== JSON.stringify(initial.coLeaders?.map((c) => ({ userId: c.userId ?? '', fromOrgId: c.fromOrgId ?? null })));
        await patch.mutateAsync({ version: tf.version, ...common, ...(changed ? { coLeaders } : {}) });
        message.success(t('taskforce.saved'));
      } else {
        await create.mutateAsync({ purpose: 'CAMPAIGN', ...common, coLeaders });
        message.success(t('taskforce.formed'));
      }
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const leaderField = (i: 0 | 1) => (
    <Flex gap={8} key={i}>
      <Form.Item
        name={['coLeaders', i, 'userId']}
        label={t(i === 0 ? 'taskforce.officeLeader' : 'taskforce.groupLeader')}
        rules={[{ required: true }]}
        style={{ flex: 3 }}
      >
        <UserPicker
          testId={`tf-leader-${i}`}
          known={leaders[i] ? { id: leaders[i].user.id, label: `${leaders[i].user.name}（${leaders[i].fromOrg?.name ?? ''}）` } : undefined}
          onPick={(c) => {
            setPicked((p) => Object.assign([...p], { [i]: c }));
            form.setFieldValue(['coLeaders', i, 'fromOrgId'], undefined);
          }}
        />
      </Form.Item>
      <Form.Item name={['coLeaders', i, 'fromOrgId']} label={t('taskforce.fromOrg')} style={{ flex: 2 }}>
        <FromOrgSelect candidate={picked[i]} known={leaders[i]?.fromOrg} />
      </Form.Item>
    </Flex>
  );

  return (
    <Drawer
      title={t(tf ? 'taskforce.edit' : 'taskforce.form')}
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={
        <Button type="primary" loading={create.isPending || patch.isPending} onClick={() => form.submit()} data-testid="tf-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="name" label={t('taskforce.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="validFrom" label={t('taskforce.validFrom')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validTo" label={t('taskforce.validTo')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('taskforce.coLeaders')} style={{ marginBottom: 0 }}>
          <div>
            {leaderField(0)}
            {leaderField(1)}
          </div>
        </Form.Item>
        <Form.Item name="note" label={t('taskforce.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
