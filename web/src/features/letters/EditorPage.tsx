import { ArrowLeftOutlined } from '@ant-design/icons';
import { LETTER_ORIGIN_LABELS, LETTER_TYPE_LABELS, type LetterType } from '@liandong/domain/reform/enums';
import { PERIOD_UNIT_LABELS, REPLY_DAYS_WITHOUT_REASON } from '@liandong/domain/reform/contracts-letters';
import { LETTER_EDITABLE_STATES } from '@liandong/domain/reform/machine';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type LetterDetail, useCreateLetter, useLetter, useLetterDraftingDefaults, usePatchLetter, useSourceRecord } from './api';
import { BasisList, ItemsList } from './EditorLists';
import { COMMON_BASIS, fromLetter, type LetterFormValues, letterBody, newLetterValues, type SourceRecord } from './editor-values';
import { LetterPreview } from './LetterPreview';

/** 起草/修改建议书 with the letter previewed beside the form as it will be printed. */
export function EditorPage() {
  const { id } = useParams();
  const [sp] = useSearchParams();
  const recordId = id ? null : sp.get('recordId');
  const letter = useLetter(id);
  const record = useSourceRecord(recordId);
  if ((id && letter.isPending) || (recordId && record.isPending)) return <PageLoading />;
  if (letter.isError) return <QueryError error={letter.error} onRetry={() => void letter.refetch()} />;
  if (record.isError) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  return <Editor letter={letter.data ?? null} record={record.data ?? null} />;
}

function Editor({ letter, record }: { letter: LetterDetail | null; record: SourceRecord | null }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const create = useCreateLetter();
  const patch = usePatchLetter();
  const [form] = Form.useForm<LetterFormValues>();
  const values = Form.useWatch((v: LetterFormValues) => v, form);
  const nameTouched = useRef(Boolean(letter) || Boolean(record));
  const defaults = useLetterDraftingDefaults();
  const objectionUnit = letter?.objectionUnit ?? defaults.data?.objectionUnit ?? 'WORKING_DAYS';

  const initial = useMemo<LetterFormValues>(() => {
    if (letter) return fromLetter(letter);
    return newLetterValues(record, t, label);
  }, [letter, record, t, label]);

  if (letter && !LETTER_EDITABLE_STATES.includes(letter.state)) {
    return <Alert type="warning" showIcon title={t('letter.notEditable')} />;
  }

  const save = async (v: LetterFormValues) => {
    const body = letterBody(v);
    try {
      const campaignChanged = letter && (v.campaignId ?? null) !== letter.campaignId;
      const saved = letter
        ? await patch.mutateAsync({ letter, body: campaignChanged ? { ...body, campaignId: v.campaignId ?? null } : body })
        : await create.mutateAsync({ ...body, origin: v.origin, recordId: v.recordId, caseId: v.caseId, campaignId: v.campaignId ?? null });
      message.success(t('common.saved'));
      await navigate(`/letters/${saved.id}`, { replace: Boolean(letter) });
    } catch (err) {
      onError(err, form);
    }
  };

  const preview = values ?? initial;
  const origin = preview.origin;
  return (
    <Page
      bare
      testId="letter-editor"
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('letter.back')} />
          {letter ? t('letter.editTitle') : t('letter.new')}
        </Space>
      }
      description={record ? t('letter.fromRecord', { title: record.title }) : t('letter.editorHint')}
      extra={
        <Button type="primary" loading={create.isPending || patch.isPending} onClick={() => form.submit()} data-testid="letter-save">
          {letter ? t('common.save') : t('letter.saveDraft')}
        </Button>
      }
    >
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card size="small">
            <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} scrollToFirstError>
              <Form.Item name="recordId" hidden>
                <Input />
              </Form.Item>
              <Form.Item name="caseId" hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="type" label={t('letter.type')} rules={[{ required: true }]} extra={t('letter.typeHint')}>
                    <Select
                      options={enumOptions(LETTER_TYPE_LABELS, label)}
                      data-testid="letter-type"
                      onChange={(type: LetterType) => {
                        const current = (form.getFieldValue('legalBasis') as string[] | undefined) ?? [];
                        const isDefault = Object.values(COMMON_BASIS).some((b) => b.join() === current.join());
                        if (isDefault || !current.length) form.setFieldValue('legalBasis', COMMON_BASIS[type]);
                      }}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="origin" label={t('letter.origin')} rules={[{ required: true }]}>
                    <Select options={enumOptions(LETTER_ORIGIN_LABELS, label)} disabled={Boolean(letter)} data-testid="letter-origin" />
                  </Form.Item>
                </Col>
                {origin === 'CAMPAIGN' || preview.campaignId ? (
                  <Col span={24}>
                    <Form.Item
                      name="campaignId"
                      label={t('campaignLink.campaign')}
                      rules={[{ required: origin === 'CAMPAIGN', message: t('campaignLink.requiredHint') }]}
                    >
                      <CampaignSelect
                        disabled={Boolean(record?.campaignId)}
                        known={
                          letter?.campaignId
                            ? { id: letter.campaignId, name: letter.campaignName ?? '' }
                            : record?.campaignId
                              ? { id: record.campaignId, name: record.campaignName ?? '' }
                              : null
                        }
                        data-testid="letter-campaign"
                      />
                    </Form.Item>
                  </Col>
                ) : null}
                <Col span={12}>
                  <Form.Item name="recipientOrgId" label={t('letter.recipientOrg')} rules={[{ required: true, message: t('letter.recipientRequired') }]}>
                    <OrgSelect
                      kinds={['HOST_UNIT', 'PARTY_COMMITTEE', 'EXTERNAL_AGENCY']}
                      known={initial.recipientOrgId ? [{ id: initial.recipientOrgId, name: initial.recipientName ?? '' }] : undefined}
                      data-testid="letter-recipient-org"
                      onChange={(_, option) => {
                        const name = option && !Array.isArray(option) ? String(option.label ?? '') : '';
                        if (name && !nameTouched.current) form.setFieldValue('recipientName', name);
                      }}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="recipientName" label={t('letter.recipientName')} extra={t('letter.recipientNameHint')} rules={[{ max: 200 }]}>
                    <Input onChange={() => (nameTouched.current = true)} data-testid="letter-recipient-name" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="title"
                label={t('letter.title')}
                rules={[{ required: true, whitespace: true, message: t('letter.titleRequired') }, { max: 200 }]}
              >
                <Input data-testid="letter-title" />
              </Form.Item>
              <Form.Item name="background" label={t('letter.background')} extra={t('letter.backgroundHint')} rules={[{ max: 20000 }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="letter-background" />
              </Form.Item>
              <Form.Item name="facts" label={t('letter.facts')} rules={[{ max: 20000 }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="letter-facts" />
              </Form.Item>
              <Form.Item name="causes" label={t('letter.causes')} rules={[{ max: 20000 }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="letter-causes" />
              </Form.Item>
              <ItemsList />
              <BasisList />
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="replyDays" label={t('letter.replyDays')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={365} addonAfter={t('letter.days')} style={{ width: '100%' }} data-testid="letter-reply-days" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="objectionDays" label={t('letter.objectionDays')} extra={letter ? undefined : t('letter.objectionBySetting')}>
                    <InputNumber
                      min={1}
                      max={90}
                      placeholder={defaults.data ? String(defaults.data.objectionDays) : undefined}
                      addonAfter={label(PERIOD_UNIT_LABELS, objectionUnit)}
                      style={{ width: '100%' }}
                      data-testid="letter-objection-days"
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="objectionChannel" label={t('letter.objectionChannel')} rules={[{ max: 500 }]}>
                    <Input placeholder={t('letter.objectionChannelPlaceholder')} data-testid="letter-objection-channel" />
                  </Form.Item>
                </Col>
              </Row>
              {(preview.replyDays ?? 0) > REPLY_DAYS_WITHOUT_REASON ? (
                <Form.Item
                  name="replyDaysReason"
                  label={t('letter.replyDaysReason')}
                  rules={[{ required: true, whitespace: true, message: t('letter.replyDaysReasonRequired') }, { max: 500 }]}
                >
                  <Input placeholder={t('letter.replyDaysReasonPlaceholder')} data-testid="letter-reply-days-reason" />
                </Form.Item>
              ) : null}
              <Form.Item name="copyTo" label={t('letter.copyTo')} extra={t('letter.copyToHint')}>
                <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} maxCount={10} data-testid="letter-copy-to" />
              </Form.Item>
              <Form.Item name="contact" label={t('letter.contact')} rules={[{ max: 500 }]}>
                <Input placeholder={t('letter.contactPlaceholder')} data-testid="letter-contact" />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <div style={{ position: 'sticky', top: 12 }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {t('letter.previewHint')}
            </Typography.Text>
            <div style={{ maxHeight: 'calc(100vh - 140px)', overflow: 'auto', padding: 4 }}>
              <LetterPreview
                letter={{
                  ...preview,
                  objectionUnit,
                  docNo: letter?.docNo ?? null,
                  items: (preview.items ?? []).map((i) => ({ text: i?.text, deadline: toIsoDay(i?.deadline) })),
                  draft: true,
                }}
              />
            </div>
          </div>
        </Col>
      </Row>
    </Page>
  );
}
