import type { ShareCreateBody, ShareObjectRef } from '@liandong/domain/shares/contracts';
import {
  SHARE_DETAIL_LABELS,
  SHARE_KIND_LABELS,
  SHARE_KIND_OBJECT_TYPES,
  SHARE_MAX_DAYS,
  SHARE_OBJECT_TYPE_LABELS,
  SHARE_ORIGIN_LABELS,
  type ShareDetail,
  type ShareKind,
  type ShareObjectType,
  type ShareOrigin,
} from '@liandong/domain/shares/enums';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { enumOptions } from '../../lib/options';
import { useCreateShare, useShareOrgs } from './api';
import { ObjectPicker, toFormFields } from './shared';

interface Values {
  origin: ShareOrigin;
  kind: ShareKind;
  ownerOrgId?: string;
  granteeOrgId?: string;
  purpose: string;
  period: [Dayjs, Dayjs];
  categoryTypes?: ShareObjectType[];
  objects?: ShareObjectRef[];
  detail: ShareDetail;
}

/**
 * 申请共享 / 主动推送: a request names the side that holds the information and the category types it asks
 * for (the requester cannot see the owner's objects; the approver may narrow them to named objects); a
 * push names the receiving side and the caller's own objects. Both go to the owner side's overseeing leader.
 */
export function CreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const create = useCreateShare();
  const orgs = useShareOrgs(open);
  const [form] = Form.useForm<Values>();
  const origin = Form.useWatch('origin', form) ?? 'REQUEST';
  const kind = Form.useWatch('kind', form) ?? 'DISCIPLINARY_REVIEW';
  const orgOptions = (orgs.data?.items ?? []).filter((o) => o.id !== me.user.org.id).map((o) => ({ value: o.id, label: o.name }));

  const submit = async (v: Values) => {
    const body: ShareCreateBody = {
      origin: v.origin,
      kind: v.kind,
      ownerOrgId: v.origin === 'REQUEST' ? v.ownerOrgId : null,
      granteeOrgId: v.origin === 'PUSH' ? v.granteeOrgId : null,
      purpose: v.purpose.trim(),
      detail: v.detail,
      startsOn: v.period[0].format('YYYY-MM-DD'),
      endsOn: v.period[1].format('YYYY-MM-DD'),
      ...(v.origin === 'REQUEST' ? { categoryTypes: v.categoryTypes ?? [] } : { objects: v.objects ?? [] }),
    };
    try {
      const created = await create.mutateAsync(body);
      message.success(v.origin === 'REQUEST' ? t('shares.requested') : t('shares.pushed'));
      form.resetFields();
      onClose();
      void navigate(`/shares/${created.id}`);
    } catch (err) {
      onError(toFormFields(err), form);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={t('shares.new')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="share-submit">
            {t('shares.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        data-testid="share-form"
        initialValues={{
          origin: 'REQUEST',
          kind: 'DISCIPLINARY_REVIEW',
          detail: 'SUMMARY',
          period: [dayjs(), dayjs().add(3, 'month')],
          categoryTypes: SHARE_KIND_OBJECT_TYPES.DISCIPLINARY_REVIEW,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          // A new kind covers other object types: offer all of them again and drop objects of the old kind.
          if (changed.kind) form.setFieldsValue({ categoryTypes: [...SHARE_KIND_OBJECT_TYPES[changed.kind]], objects: [] });
          if (changed.origin) form.setFieldsValue({ objects: [] });
        }}
      >
        <Form.Item name="origin" label={t('shares.origin')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={enumOptions(SHARE_ORIGIN_LABELS, label)} data-testid="share-origin" />
        </Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={origin === 'REQUEST' ? t('shares.requestHint') : t('shares.pushHint')} />
        <Form.Item name="kind" label={t('shares.kind')} rules={[{ required: true }]}>
          <Radio.Group options={enumOptions(SHARE_KIND_LABELS, label)} data-testid="share-kind" />
        </Form.Item>
        {origin === 'REQUEST' ? (
          <Form.Item name="ownerOrgId" label={t('shares.ownerOrg')} rules={[{ required: true, message: t('shares.ownerRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={orgOptions} loading={orgs.isLoading} data-testid="share-owner-org" />
          </Form.Item>
        ) : (
          <Form.Item name="granteeOrgId" label={t('shares.granteeOrg')} rules={[{ required: true, message: t('shares.granteeRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={orgOptions} loading={orgs.isLoading} data-testid="share-grantee-org" />
          </Form.Item>
        )}
        <Form.Item
          name="purpose"
          label={t('shares.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('shares.purposeRequired') },
            { min: 4, max: 500, message: t('shares.purposeLength') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('shares.purposePlaceholder')} data-testid="share-purpose" />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('shares.period')}
          extra={t('shares.periodHint', { days: SHARE_MAX_DAYS })}
          rules={[
            { required: true, message: t('shares.periodRequired') },
            {
              validator: (_, v?: [Dayjs, Dayjs]) =>
                v && v[1].diff(v[0], 'day') >= SHARE_MAX_DAYS
                  ? Promise.reject(new Error(t('shares.periodTooLong', { days: SHARE_MAX_DAYS })))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker.RangePicker data-testid="share-period" />
        </Form.Item>
        {origin === 'REQUEST' ? (
          <Form.Item
            name="categoryTypes"
            label={t('shares.categoryTypes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('shares.categoryRequired') }]}
          >
            <Checkbox.Group
              options={SHARE_KIND_OBJECT_TYPES[kind].map((c) => ({ value: c, label: label(SHARE_OBJECT_TYPE_LABELS, c) }))}
              data-testid="share-category-types"
            />
          </Form.Item>
        ) : (
          <Form.Item name="objects" label={t('shares.objects')} rules={[{ required: true, type: 'array', min: 1, message: t('shares.objectsRequired') }]}>
            <ObjectPicker kind={kind} testId="share-objects" />
          </Form.Item>
        )}
        <Form.Item name="detail" label={t('shares.detail')} extra={t('shares.detailHint')} rules={[{ required: true }]}>
          <Radio.Group options={enumOptions(SHARE_DETAIL_LABELS, label)} data-testid="share-detail" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
