import { LockOutlined } from '@ant-design/icons';
import { CLUE_SOURCE_LABELS, type ClueSource, ISSUE_TYPE_LABELS, type IssueType, PETITION_SOURCES } from '@liandong/domain/clues/enums';
import { CADRE_MANAGEMENT_LABELS, type CadreManagement } from '@liandong/domain/org/enums';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Form, Input, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { useCreateClue } from './api';
import { TypologySelect } from './typology';
import { DictionarySelect } from '../../components/DictionarySelect';

interface IntakeValues {
  source: ClueSource;
  receivedOn: Dayjs;
  realName: boolean;
  complainant?: { name: string; idNumber?: string; phone?: string; address?: string; relation?: string };
  title: string;
  summary: string;
  issueTypes: IssueType[];
  subjectName: string;
  subjectOrgId?: string;
  subjectPosition?: string;
  cadreManagement: CadreManagement;
  isSubordinateTopLeader: boolean;
  proposedUndertakingOrgId?: string;
  /** 所属专项整治: required for 专项整治排查. */
  campaignId?: string;
  typology?: string[];
  /** 行业领域 (SECTOR dictionary). */
  sector?: string;
}

/** Departments that can undertake a clue (offices, groups, counties). */
const UNDERTAKING_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'] as const;
const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^[\d+\-() ]{5,30}$/;

function blankToUndefined(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

/**
 * 受理登记: the intake form. The 信访室 receives the four 信访举报 channels (归口受理); a department
 * that finds a clue itself files it here for the 案管室 to register. A real-name complainant's identity
 * is sealed by the server and shown to the 信访室 only.
 */
export function IntakePage() {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const create = useCreateClue();
  const [form] = Form.useForm<IntakeValues>();
  const realName = Form.useWatch('realName', form);
  const source = Form.useWatch('source', form);

  const petition = me.user.roles.includes('PETITION_OFFICER');
  const other = me.user.roles.some((r) => r !== 'PETITION_OFFICER');
  const sources = (Object.keys(CLUE_SOURCE_LABELS) as ClueSource[]).filter((s) => (PETITION_SOURCES.includes(s) ? petition : other || !petition));
  const max = (n: number) => ({ max: n, message: t('clueForm.tooLong', { max: n }) });

  const submit = async (v: IntakeValues) => {
    try {
      const created = await create.mutateAsync({
        source: v.source,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        realName: v.realName,
        complainant:
          v.realName && v.complainant
            ? {
                name: v.complainant.name.trim(),
                idNumber: blankToUndefined(v.complainant.idNumber)?.toUpperCase(),
                phone: blankToUndefined(v.complainant.phone),
                address: blankToUndefined(v.complainant.address),
                relation: blankToUndefined(v.complainant.relation),
              }
            : undefined,
        title: v.title.trim(),
        summary: v.summary.trim(),
        issueTypes: v.issueTypes ?? [],
        subjectName: v.subjectName.trim(),
        subjectOrgId: v.subjectOrgId ?? null,
        subjectPosition: blankToUndefined(v.subjectPosition) ?? null,
        cadreManagement: v.cadreManagement,
        isSubordinateTopLeader: Boolean(v.isSubordinateTopLeader),
        proposedUndertakingOrgId: v.proposedUndertakingOrgId ?? null,
        campaignId: v.campaignId ?? null,
        typology: v.typology ?? [],
        sector: v.sector ?? null,
      });
      message.success(t('clueForm.created'));
      void navigate(`/clues/${created.id}`);
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Page title={t('clue.menuIntake')} description={t('clue.intakeHint')} testId="clue-intake-page">
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          source: sources[0],
          receivedOn: dayjs(),
          realName: false,
          cadreManagement: 'OTHER',
          isSubordinateTopLeader: false,
          issueTypes: [],
        }}
        scrollToFirstError
        data-testid="clue-intake-form"
        style={{ maxWidth: 960 }}
      >
        <Divider titlePlacement="start">{t('clueForm.sectionSource')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="source" label={t('clueForm.source')} rules={[{ required: true, message: t('clueForm.sourceRequired') }]}>
              <Select options={sources.map((s) => ({ value: s, label: label(CLUE_SOURCE_LABELS, s) }))} data-testid="clue-source" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="receivedOn"
              label={t('clueForm.receivedOn')}
              rules={[
                { required: true, message: t('clueForm.receivedOnRequired') },
                {
                  validator: (_, v: Dayjs | null) =>
                    v?.isAfter(dayjs(), 'day') ? Promise.reject(new Error(t('clueForm.receivedOnFuture'))) : Promise.resolve(),
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="clue-received-on" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="realName" label={t('clueForm.realName')} valuePropName="checked" extra={t('clueForm.realNameHint')}>
              <Switch data-testid="clue-real-name" />
            </Form.Item>
          </Col>
        </Row>

        {realName ? (
          <Card
            size="small"
            title={
              <span>
                <LockOutlined /> {t('clueForm.sectionComplainant')}
              </span>
            }
            style={{ marginBottom: 16, borderColor: '#faad14' }}
            data-testid="clue-complainant-fields"
          >
            <Alert type="warning" showIcon title={t('clueForm.complainantNotice')} style={{ marginBottom: 12 }} />
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['complainant', 'name']}
                  label={t('clueForm.complainantName')}
                  rules={[{ required: true, whitespace: true, message: t('clueForm.complainantNameRequired') }, max(50)]}
                >
                  <Input autoComplete="off" data-testid="clue-complainant-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['complainant', 'idNumber']}
                  label={t('clueForm.idNumber')}
                  rules={[{ pattern: ID_NUMBER, message: t('clueForm.idNumberInvalid') }]}
                >
                  <Input autoComplete="off" maxLength={18} data-testid="clue-complainant-id" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['complainant', 'phone']} label={t('clueForm.phone')} rules={[{ pattern: PHONE, message: t('clueForm.phoneInvalid') }]}>
                  <Input autoComplete="off" data-testid="clue-complainant-phone" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name={['complainant', 'address']} label={t('clueForm.address')} rules={[max(200)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['complainant', 'relation']} label={t('clueForm.relation')} rules={[max(100)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        ) : null}

        <Divider titlePlacement="start">{t('clueForm.sectionContent')}</Divider>
        <Form.Item name="title" label={t('clueForm.title')} rules={[{ required: true, whitespace: true, message: t('clueForm.titleRequired') }, max(200)]}>
          <Input placeholder={t('clueForm.titlePlaceholder')} data-testid="clue-title" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('clueForm.summary')}
          rules={[{ required: true, whitespace: true, message: t('clueForm.summaryRequired') }, max(10_000)]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} showCount maxLength={10_000} data-testid="clue-summary" />
        </Form.Item>
        <Form.Item
          name="issueTypes"
          label={t('clueForm.issueTypes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('clueForm.issueTypesRequired') }]}
        >
          <Select
            mode="multiple"
            options={(Object.keys(ISSUE_TYPE_LABELS) as IssueType[]).map((v) => ({ value: v, label: label(ISSUE_TYPE_LABELS, v) }))}
            data-testid="clue-issue-types"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="campaignId"
              label={t('campaignLink.campaign')}
              rules={[{ required: source === 'CAMPAIGN_SCREENING', message: t('campaignLink.requiredHint') }]}
            >
              <CampaignSelect data-testid="clue-campaign" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="typology" label={t('campaignLink.typology')}>
              <TypologySelect data-testid="clue-typology" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sector" label={t('problem.sector')}>
              <DictionarySelect dictionary="SECTOR" data-testid="clue-sector" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('clueForm.sectionSubject')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="subjectName"
              label={t('clueForm.subjectName')}
              rules={[{ required: true, whitespace: true, message: t('clueForm.subjectNameRequired') }, max(50)]}
            >
              <Input data-testid="clue-subject-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="subjectOrgId" label={t('clueForm.subjectOrg')}>
              <OrgSelect data-testid="clue-subject-org" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="subjectPosition" label={t('clueForm.subjectPosition')} rules={[max(100)]}>
              <Input data-testid="clue-subject-position" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cadreManagement" label={t('clueForm.cadreManagement')} extra={t('clueForm.cadreManagementHint')} rules={[{ required: true }]}>
              <Select
                options={(Object.keys(CADRE_MANAGEMENT_LABELS) as CadreManagement[]).map((v) => ({ value: v, label: label(CADRE_MANAGEMENT_LABELS, v) }))}
                data-testid="clue-cadre-management"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="isSubordinateTopLeader" label={t('clueForm.subordinateTopLeader')} valuePropName="checked">
              <Switch data-testid="clue-subordinate-top" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="proposedUndertakingOrgId" label={t('clueForm.proposedUndertaking')} extra={t('clueForm.proposedUndertakingHint')}>
              <OrgSelect kinds={UNDERTAKING_KINDS} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="clue-intake-submit">
            {t('clueForm.submit')}
          </Button>
          <Button style={{ marginInlineStart: 8 }} onClick={() => form.resetFields()}>
            {t('clueForm.reset')}
          </Button>
        </Form.Item>
      </Form>
    </Page>
  );
}
