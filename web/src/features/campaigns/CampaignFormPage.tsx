import { ArrowLeftOutlined } from '@ant-design/icons';
import { BULLETIN_SCHEDULE_LABELS, CAMPAIGN_DOMAIN_LABELS, type BulletinSchedule, type CampaignDomain } from '@liandong/domain/campaigns/enums';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { enumOptions } from '../../lib/options';
import { type CampaignDetail, useCampaign, useCreateCampaign, usePatchCampaign } from './api';

interface Values {
  name: string;
  domain: CampaignDomain;
  year: number;
  leadOrgId?: string;
  startsOn?: dayjs.Dayjs | null;
  endsOn?: dayjs.Dayjs | null;
  bulletinSchedule: BulletinSchedule;
  goal?: string;
  plan?: string;
}

/** 登记 / 修改专项整治: /campaigns/new, or /campaigns/:id/edit while the campaign is being planned. */
export function CampaignFormPage() {
  const { id } = useParams();
  const query = useCampaign(id);
  if (id && query.isPending) return <PageLoading />;
  if (id && query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <CampaignForm campaign={id ? query.data : undefined} />;
}

function CampaignForm({ campaign }: { campaign: CampaignDetail | undefined }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const me = useMe();
  const create = useCreateCampaign();
  const patch = usePatchCampaign(campaign);
  const [form] = Form.useForm<Values>();
  const leader = me.user.roles.some((r) => r === 'SECRETARY' || r === 'DEPUTY_OR_MEMBER');

  useEffect(() => {
    if (!campaign) return;
    form.setFieldsValue({
      name: campaign.name,
      domain: campaign.domain,
      year: campaign.year,
      startsOn: campaign.startsOn ? dayjs(campaign.startsOn) : null,
      endsOn: campaign.endsOn ? dayjs(campaign.endsOn) : null,
      bulletinSchedule: campaign.bulletinSchedule,
      goal: campaign.goal,
      plan: campaign.plan,
    });
  }, [campaign, form]);

  const submit = async (v: Values) => {
    const common = {
      name: v.name.trim(),
      domain: v.domain,
      year: v.year,
      startsOn: toIsoDay(v.startsOn) ?? null,
      endsOn: toIsoDay(v.endsOn) ?? null,
      bulletinSchedule: v.bulletinSchedule,
      goal: v.goal?.trim() ?? '',
      plan: v.plan?.trim() ?? '',
    };
    try {
      const saved = campaign ? await patch.mutateAsync(common) : await create.mutateAsync({ ...common, leadOrgId: v.leadOrgId || undefined });
      message.success(campaign ? t('campaign.saved') : t('campaign.created'));
      await navigate(`/campaigns/${saved.id}`);
    } catch (err) {
      onError(err, form);
    }
  };

  const required = [{ required: true, message: t('campaign.required') }];
  return (
    <Page
      testId="campaign-form-page"
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('campaign.back')} />
          {campaign ? `${t('campaign.edit')}：${campaign.name}` : t('campaign.new')}
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), bulletinSchedule: 'MONTHLY', leadOrgId: leader ? undefined : me.user.org.id }}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 960 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('campaign.name')} rules={[...required, { min: 2, max: 100 }]}>
              <Input data-testid="campaign-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="domain" label={t('campaign.domain')} rules={required}>
              <Select options={enumOptions(CAMPAIGN_DOMAIN_LABELS, label)} data-testid="campaign-form-domain" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="year" label={t('campaign.year')} rules={required}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="campaign-form-year" />
            </Form.Item>
          </Col>
          {!campaign ? (
            <Col xs={24} md={12}>
              {/* Leaders pick any internal office (empty = 党风政风监督室); office staff register for their own office. */}
              <Form.Item name="leadOrgId" label={t('campaign.leadOrg')} extra={leader ? t('campaign.leadOrgHint') : undefined}>
                <OrgSelect
                  kinds={['INTERNAL_OFFICE']}
                  allowClear={leader}
                  disabled={!leader}
                  known={[{ id: me.user.org.id, name: me.user.org.nameZh }]}
                  data-testid="campaign-form-lead"
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={12} md={6}>
            <Form.Item name="startsOn" label={t('campaign.startsOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="campaign-form-starts" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="endsOn" label={t('campaign.endsOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="campaign-form-ends" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="bulletinSchedule" label={t('campaign.bulletinSchedule')} rules={required}>
              <Select options={enumOptions(BULLETIN_SCHEDULE_LABELS, label)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="goal" label={t('campaign.goal')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="campaign-form-goal" />
        </Form.Item>
        <Form.Item name="plan" label={t('campaign.plan')} extra={campaign?.planApproval ? t('campaign.planHint') : undefined} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} data-testid="campaign-form-plan" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending || patch.isPending} data-testid="campaign-save">
          {t('common.save')}
        </Button>
      </Form>
    </Page>
  );
}
