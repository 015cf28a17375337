import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { IntegrityCreateBody } from '@liandong/domain/integrity/contracts';
import { Button, DatePicker, Flex, Form, Input } from 'antd';
import type dayjs from 'dayjs';
import { OrgSelect } from '../../components/OrgSelect';
import { FormDrawer } from '../../components/FormDrawer';
import { toIsoDay } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useCreateReply } from './api';
import { PersonPicker } from '../../components/PersonPicker';

interface FormValues extends Omit<IntegrityCreateBody, 'receivedOn' | 'dueOn'> {
  receivedOn: dayjs.Dayjs;
  dueOn: dayjs.Dayjs;
}

/** 登记征求意见函: the organisation department's request and the cadres it names (the 干部监督室). */
export function CreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateReply();
  return (
    <FormDrawer<FormValues>
      open={open}
      onClose={onClose}
      width={720}
      title={t('integrity.create')}
      form={form}
      initialValues={{ cadres: [{}] } as Partial<FormValues>}
      create={(v) => create.mutateAsync({ ...v, receivedOn: toIsoDay(v.receivedOn) ?? '', dueOn: toIsoDay(v.dueOn) ?? '' })}
      saving={create.isPending}
      created={t('integrity.created')}
      to={(id) => `/integrity/${id}`}
      submitTestId="integrity-submit-create"
    >
      <Form.Item name="requestingOrg" label={t('integrity.requestingOrg')} rules={[{ required: true }]}>
        <Input maxLength={100} placeholder="中共兰州市委组织部" data-testid="integrity-requesting-org" />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="requestDocNo" label={t('integrity.requestDocNo')} style={{ flex: 1 }}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="purpose" label={t('integrity.purpose')} rules={[{ required: true }]} style={{ flex: 2 }}>
          <Input maxLength={200} placeholder="拟提拔任用" data-testid="integrity-purpose" />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item name="receivedOn" label={t('integrity.receivedOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="integrity-received-on" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('integrity.dueOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="integrity-due-on" />
        </Form.Item>
      </Flex>
      <Form.List name="cadres">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="baseline" wrap>
                <Form.Item name={[f.name, 'personId']} label={t('integrity.person')}>
                  <PersonPicker
                    testId={`integrity-cadre-${f.name}-person`}
                    onPick={(p) => {
                      if (!p) return;
                      // Prefill what the request usually names; the drafter may still correct it.
                      form.setFieldValue(['cadres', f.name, 'name'], p.nameZh);
                      if (p.unitName) form.setFieldValue(['cadres', f.name, 'unitName'], p.unitName);
                      if (p.unitId) form.setFieldValue(['cadres', f.name, 'unitOrgId'], p.unitId);
                      if (p.position) form.setFieldValue(['cadres', f.name, 'position'], p.position);
                    }}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} label={t('integrity.cadreName')} rules={[{ required: true }]}>
                  <Input maxLength={50} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'unitName']} label={t('integrity.unitName')} rules={[{ required: true }]}>
                  <Input maxLength={100} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'unitOrgId']} label={t('integrity.unitOrg')}>
                  <OrgSelect style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'position']} label={t('integrity.position')} rules={[{ required: true }]}>
                  <Input maxLength={100} style={{ width: 140 }} data-testid={`integrity-cadre-${f.name}-position`} />
                </Form.Item>
                <Form.Item name={[f.name, 'idNumber']} label={t('integrity.idNumber')}>
                  <Input maxLength={18} style={{ width: 180 }} />
                </Form.Item>
                {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} title={t('integrity.remove')} /> : null}
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('integrity.addCadre')}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}
