import { OFFICE_KIND_LABELS, type OfficeKind, ORG_KIND_LABELS, type OrgKind } from '@liandong/domain/org/enums';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createContext, useContext, useEffect } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import { StaffSearchSelect } from '../../components/StaffSearchSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Org, type OrgInput, useCreateOrg, useOrgStaff, useUpdateOrg } from './api';

export type OrgFormTarget = { mode: 'create'; parent?: { id: string; name: string } } | { mode: 'edit'; org: Org };

interface OrgForm {
  code: string;
  nameZh: string;
  shortName: string;
  kind: OrgKind;
  officeKind?: OfficeKind;
  ordinal?: number | null;
  parentId?: string | null;
  regionCode?: string;
  docCode?: string;
  sortOrder?: number;
  validFrom?: Dayjs;
  headUserId?: string | null;
}

/** The org whose staff the head picker searches (StaffSearchSelect wants a stable module-level hook). */
const HeadOrgContext = createContext('');
function useHeadStaffSearch(q: string) {
  return useOrgStaff(useContext(HeadOrgContext), q);
}

function blankToNull(v: string | undefined | null): string | null {
  return v?.trim() ? v.trim() : null;
}

/** 新增/编辑组织: one drawer for both; edits send the version read. */
export function OrgFormDrawer({ target, onClose, onSaved }: { target: OrgFormTarget | null; onClose: () => void; onSaved?: (org: Org) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgForm>();
  const kind = Form.useWatch('kind', form);
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const onError = useApiErrorHandler();
  const editing = target?.mode === 'edit' ? target.org : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const o = target.org;
      form.setFieldsValue({
        code: o.code,
        nameZh: o.nameZh,
        shortName: o.shortName,
        kind: o.kind,
        officeKind: o.officeKind ?? undefined,
        ordinal: o.ordinal,
        parentId: o.parentId,
        regionCode: o.regionCode ?? undefined,
        docCode: o.docCode ?? undefined,
        sortOrder: o.sortOrder,
        validFrom: dayjs(o.validFrom),
        headUserId: o.head?.id ?? null,
      });
    } else {
      form.setFieldsValue({ parentId: target.parent?.id, sortOrder: 0, validFrom: dayjs() });
    }
  }, [target, form]);

  const submit = async (v: OrgForm) => {
    const body: OrgInput = {
      code: v.code.trim(),
      nameZh: v.nameZh.trim(),
      shortName: v.shortName.trim(),
      kind: v.kind,
      officeKind: v.kind === 'INTERNAL_OFFICE' ? (v.officeKind ?? null) : null,
      ordinal: v.ordinal ?? null,
      parentId: v.parentId ?? null,
      regionCode: blankToNull(v.regionCode),
      docCode: blankToNull(v.docCode),
      sortOrder: v.sortOrder ?? 0,
      validFrom: v.validFrom?.format('YYYY-MM-DD'),
    };
    try {
      const saved = editing
        ? await update.mutateAsync({ id: editing.id, version: editing.version, ...body, headUserId: v.headUserId ?? null })
        : await create.mutateAsync(body);
      message.success(editing ? t('common.saved') : t('common.created'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const known = [
    ...(editing?.parentId && editing.parentName ? [{ id: editing.parentId, name: editing.parentName }] : []),
    ...(target?.mode === 'create' && target.parent ? [target.parent] : []),
  ];
  return (
    <Drawer
      open={target !== null}
      title={editing ? t('org.editTitle', { name: editing.nameZh }) : t('org.createTitle')}
      size={640}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="org-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="code" label={t('org.code')} rules={[{ required: true, whitespace: true, message: t('org.codeRequired') }, { max: 40 }]}>
              <Input className="ld-mono" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('org.kindRequired') }]}>
              <Select options={Object.keys(ORG_KIND_LABELS).map((k) => ({ value: k, label: label(ORG_KIND_LABELS, k) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="nameZh" label={t('org.nameZh')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="shortName"
              label={t('org.shortName')}
              rules={[{ required: true, whitespace: true, message: t('org.shortNameRequired') }, { max: 40 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentId" label={t('org.parent')}>
              <OrgSelect known={known} />
            </Form.Item>
          </Col>
          {kind === 'INTERNAL_OFFICE' ? (
            <>
              <Col span={12}>
                <Form.Item name="officeKind" label={t('org.officeKind')} rules={[{ required: true, message: t('org.officeKindRequired') }]}>
                  <Select options={Object.keys(OFFICE_KIND_LABELS).map((k) => ({ value: k, label: label(OFFICE_KIND_LABELS, k) }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="ordinal" label={t('org.ordinal')} extra={t('org.ordinalHint')}>
                  <InputNumber min={1} max={99} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col span={12}>
            <Form.Item name="regionCode" label={t('org.regionCode')} rules={[{ pattern: /^\d{6}$/, message: t('org.regionCodeFormat') }]}>
              <Input maxLength={6} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="docCode" label={t('org.docCode')} extra={t('org.docCodeHint')} rules={[{ max: 20 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sortOrder" label={t('org.sortOrder')}>
              <InputNumber min={0} max={99999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validFrom" label={t('org.validFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {editing ? (
            <Col span={24}>
              <HeadOrgContext.Provider value={editing.id}>
                <Form.Item name="headUserId" label={t('org.head')} extra={t('org.headHint')}>
                  <StaffSearchSelect
                    useSearch={useHeadStaffSearch}
                    known={editing.head ? [{ id: editing.head.id, name: editing.head.name }] : []}
                    placeholder={t('org.headPlaceholder')}
                    data-testid="org-head-select"
                  />
                </Form.Item>
              </HeadOrgContext.Provider>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Drawer>
  );
}
