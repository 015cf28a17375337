import { CLUE_SOURCE_LABELS, type ClueSource, ISSUE_TYPE_LABELS, type IssueType } from '@liandong/domain/clues/enums';
import { CADRE_MANAGEMENT_LABELS, type CadreManagement } from '@liandong/domain/org/enums';
import { App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ClueDetail, useUpdateClue } from './api';
import { TypologySelect } from './typology';
import { DictionarySelect } from '../../components/DictionarySelect';

interface EditValues {
  source: ClueSource;
  receivedOn: Dayjs;
  title: string;
  summary: string;
  issueTypes: IssueType[];
  subjectName: string;
  subjectOrgId?: string | null;
  subjectPosition?: string;
  cadreManagement: CadreManagement;
  isSubordinateTopLeader: boolean;
  proposedUndertakingOrgId?: string | null;
  campaignId?: string | null;
  typology: string[];
  sector?: string | null;
}

const UNDERTAKING_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'] as const;

/**
 * 修改受理信息 (the receiving department or the 案管室, while 已受理 / 已登记编号). The complainant is not
 * edited here: it is sealed at intake.
 */
export function EditIntakeDrawer({ clue, open, onClose }: { clue: ClueDetail; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const update = useUpdateClue(clue);
  const [form] = Form.useForm<EditValues>();
  const source = Form.useWatch('source', form);
  const max = (n: number) => ({ max: n, message: t('clueForm.tooLong', { max: n }) });

  const submit = async (v: EditValues) => {
    try {
      await update.mutateAsync({
        source: v.source,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        title: v.title.trim(),
        summary: v.summary.trim(),
        issueTypes: v.issueTypes,
        subjectName: v.subjectName.trim(),
        subjectOrgId: v.subjectOrgId ?? null,
        subjectPosition: v.subjectPosition?.trim() || null,
        cadreManagement: v.cadreManagement,
        isSubordinateTopLeader: v.isSubordinateTopLeader,
        proposedUndertakingOrgId: v.proposedUndertakingOrgId ?? null,
        // Sent only when changed: an unchanged link is not re-checked against the editor's view.
        ...((v.campaignId ?? null) !== clue.campaignId ? { campaignId: v.campaignId ?? null } : {}),
        typology: v.typology ?? [],
        sector: v.sector ?? null,
      });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Drawer
      open={open}
      title={t('clueForm.editTitle')}
      size={760}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()} data-testid="clue-edit-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          source: clue.source,
          receivedOn: dayjs(clue.receivedOn),
          title: clue.title,
          summary: clue.summary,
          issueTypes: clue.issueTypes,
          subjectName: clue.subjectName,
          subjectOrgId: clue.subjectOrgId,
          subjectPosition: clue.subjectPosition ?? undefined,
          cadreManagement: clue.cadreManagement,
          isSubordinateTopLeader: clue.isSubordinateTopLeader,
          proposedUndertakingOrgId: clue.proposedUndertakingOrg?.id ?? null,
          campaignId: clue.campaignId,
          typology: clue.typology,
          sector: clue.sector,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={t('clueForm.source')} rules={[{ required: true, message: t('clueForm.sourceRequired') }]}>
              <Select options={enumOptions(CLUE_SOURCE_LABELS, label)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receivedOn" label={t('clueForm.receivedOn')} rules={[{ required: true, message: t('clueForm.receivedOnRequired') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('clueForm.title')} rules={[{ required: true, whitespace: true, message: t('clueForm.titleRequired') }, max(200)]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('clueForm.summary')}
          rules={[{ required: true, whitespace: true, message: t('clueForm.summaryRequired') }, max(10_000)]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Form.Item
          name="issueTypes"
          label={t('clueForm.issueTypes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('clueForm.issueTypesRequired') }]}
        >
          <Select mode="multiple" options={enumOptions(ISSUE_TYPE_LABELS, label)} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="campaignId"
              label={t('campaignLink.campaign')}
              rules={[{ required: source === 'CAMPAIGN_SCREENING', message: t('campaignLink.requiredHint') }]}
            >
              <CampaignSelect known={clue.campaignId ? { id: clue.campaignId, name: clue.campaignName ?? '' } : null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="typology" label={t('campaignLink.typology')}>
              <TypologySelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sector" label={t('problem.sector')}>
              <DictionarySelect dictionary="SECTOR" data-testid="clue-edit-sector" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="subjectName"
              label={t('clueForm.subjectName')}
              rules={[{ required: true, whitespace: true, message: t('clueForm.subjectNameRequired') }, max(50)]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="subjectOrgId" label={t('clueForm.subjectOrg')}>
              <OrgSelect known={clue.subjectOrgId && clue.subjectOrgName ? [{ id: clue.subjectOrgId, name: clue.subjectOrgName }] : undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="subjectPosition" label={t('clueForm.subjectPosition')} rules={[max(100)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cadreManagement" label={t('clueForm.cadreManagement')} rules={[{ required: true }]}>
              <Select options={enumOptions(CADRE_MANAGEMENT_LABELS, label)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="isSubordinateTopLeader" label={t('clueForm.subordinateTopLeader')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="proposedUndertakingOrgId" label={t('clueForm.proposedUndertaking')}>
              <OrgSelect kinds={UNDERTAKING_KINDS} known={clue.proposedUndertakingOrg ? [clue.proposedUndertakingOrg] : undefined} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
