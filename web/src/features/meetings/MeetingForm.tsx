import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CLASSIFICATION_LABELS, type Classification } from '@liandong/domain/access/enums';
import { MEETING_CLASSIFICATIONS, type MeetingCreateBody } from '@liandong/domain/meetings/contracts';
import {
  AGENDA_KIND_LABELS,
  ATTENDANCE_LABELS,
  type AgendaKind,
  type Attendance,
  MEETING_TYPE_LABELS,
  type MeetingType,
} from '@liandong/domain/meetings/enums';
import { App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type MeetingDetail, useCreateMeeting, useUpdateMeeting } from './api';
import { ReportPicker, StaffPicker } from './shared';

interface Values {
  type: MeetingType;
  title: string;
  sessionNo?: number | null;
  startsAt: Dayjs;
  place?: string;
  chairUserId: string;
  classification: Classification;
  agenda?: { kind: AgendaKind; title: string; reporterOrgId?: string; workReportId?: string }[];
  attendees?: { userId?: string; name?: string; unit?: string; attendance: Attendance; leaveReason?: string }[];
}

/** The form's values of an existing meeting (editing). */
function valuesOf(m: MeetingDetail): Values {
  return {
    type: m.type,
    title: m.title,
    sessionNo: m.sessionNo,
    startsAt: dayjs(m.startsAt),
    place: m.place,
    chairUserId: m.chair.id,
    classification: m.classification,
    agenda: m.agenda.map((a) => ({ kind: a.kind, title: a.title, reporterOrgId: a.reporterOrg?.id, workReportId: a.workReport?.id })),
    attendees: m.attendees.map((a) => ({
      userId: a.userId ?? undefined,
      name: a.userId ? undefined : a.name,
      unit: a.userId ? undefined : a.unit,
      attendance: a.attendance,
      leaveReason: a.leaveReason ?? undefined,
    })),
  };
}

/**
 * 登记会议 (or, with `meeting`, 修改会议 while PLANNED or HELD): type, time, place, chair, agenda (hearing reports
 * names the reporting unit) and attendance (出席 / 请假 / 列席). Type and chair are fixed once registered.
 */
export function MeetingForm({ open, onClose, meeting }: { open: boolean; onClose: (id?: string) => void; meeting?: MeetingDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const create = useCreateMeeting();
  const update = useUpdateMeeting(meeting?.id ?? '');
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    const body: MeetingCreateBody = {
      type: v.type,
      title: v.title.trim(),
      sessionNo: v.sessionNo ?? null,
      startsAt: v.startsAt.format('YYYY-MM-DDTHH:mm:00Z'),
      place: v.place?.trim() ?? '',
      chairUserId: v.chairUserId,
      classification: v.classification,
      agenda: (v.agenda ?? []).map((a) => ({
        kind: a.kind,
        title: a.title?.trim() ?? '',
        reporterOrgId: a.kind === 'HEAR_REPORT' ? (a.reporterOrgId ?? null) : null,
        workReportId: a.kind === 'HEAR_REPORT' && v.type === 'STANDING_COMMITTEE' ? (a.workReportId ?? null) : null,
      })),
      attendees: (v.attendees ?? []).map((a) => ({
        userId: a.userId ?? null,
        name: a.name?.trim() || undefined,
        unit: a.unit?.trim() || undefined,
        attendance: a.attendance,
        leaveReason: a.attendance === 'LEAVE' ? a.leaveReason?.trim() || null : null,
      })),
    };
    try {
      if (meeting) {
        const { type: _type, chairUserId: _chair, ...changes } = body;
        await update.mutateAsync({ ...changes, version: meeting.version });
        message.success(t('meeting.saved'));
        onClose(meeting.id);
        return;
      }
      const created = await create.mutateAsync(body);
      message.success(t('meeting.saved'));
      form.resetFields();
      onClose(created.id);
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Drawer
      open={open}
      title={meeting ? t('meeting.edit') : t('meeting.new')}
      size={900}
      onClose={() => onClose()}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="meeting-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          meeting
            ? valuesOf(meeting)
            : {
                type: 'STANDING_COMMITTEE',
                classification: 'WORK_SECRET',
                startsAt: dayjs().add(1, 'day').hour(9).minute(0),
                agenda: [],
                attendees: [],
              }
        }
        data-testid="meeting-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('meeting.type')} rules={[{ required: true }]}>
              <Select options={enumOptions(MEETING_TYPE_LABELS, label)} disabled={Boolean(meeting)} data-testid="meeting-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t('meeting.title')}
              rules={[{ required: true, whitespace: true, message: t('meeting.titleRequired') }, { max: 200 }]}
            >
              <Input data-testid="meeting-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="sessionNo" label={t('meeting.sessionNo')}>
              <InputNumber min={1} max={9999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startsAt" label={t('meeting.startsAt')} rules={[{ required: true, message: t('meeting.startsAtRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="place" label={t('meeting.place')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="chairUserId" label={t('meeting.chair')} rules={[{ required: true, message: t('meeting.chairRequired') }]}>
              <StaffPicker disabled={Boolean(meeting)} data-testid="meeting-chair" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="classification" label={t('meeting.classification')} rules={[{ required: true }]}>
              <Select
                options={MEETING_CLASSIFICATIONS.map((c) => ({ value: c, label: label(CLASSIFICATION_LABELS, c) }))}
                data-testid="meeting-classification"
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('meeting.agenda')}</Typography.Title>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={24} md={5}>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                      <Select options={enumOptions(AGENDA_KIND_LABELS, label)} placeholder={t('meeting.agendaKind')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
                      <Input placeholder={t('meeting.agendaTitle')} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={8}>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['agenda', f.name, 'kind']) === 'HEAR_REPORT' ? (
                          <>
                            <Form.Item name={[f.name, 'reporterOrgId']} rules={[{ required: true }]}>
                              <OrgSelect kinds={['DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']} placeholder={t('meeting.reporterOrg')} />
                            </Form.Item>
                            {form.getFieldValue('type') === 'STANDING_COMMITTEE' ? (
                              <Form.Item name={[f.name, 'workReportId']}>
                                <ReportPicker
                                  orgId={form.getFieldValue(['agenda', f.name, 'reporterOrgId'])}
                                  current={
                                    meeting?.agenda.find((a) => a.workReport?.id === form.getFieldValue(['agenda', f.name, 'workReportId']))?.workReport ??
                                    undefined
                                  }
                                />
                              </Form.Item>
                            ) : null}
                          </>
                        ) : null
                      }
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'DELIBERATE' })} style={{ marginBottom: 16 }}>
                {t('meeting.addAgenda')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('meeting.attendees')}</Typography.Title>
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={24} md={7}>
                    <Form.Item name={[f.name, 'userId']}>
                      <StaffPicker placeholder={t('meeting.attendee')} data-testid={`meeting-attendee-${f.name}-user`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[f.name, 'name']} rules={[{ max: 50 }]}>
                      <Input placeholder={t('meeting.attendeeName')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[f.name, 'unit']} rules={[{ max: 100 }]}>
                      <Input placeholder={t('meeting.attendeeUnit')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'attendance']} rules={[{ required: true }]}>
                      <Select options={enumOptions(ATTENDANCE_LABELS, label)} data-testid={`meeting-attendee-${f.name}-attendance`} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={5}>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['attendees', f.name, 'attendance']) === 'LEAVE' ? (
                          <Form.Item name={[f.name, 'leaveReason']} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
                            <Input placeholder={t('meeting.leaveReason')} data-testid={`meeting-attendee-${f.name}-reason`} />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ attendance: 'PRESENT' })} data-testid="meeting-add-attendee">
                {t('meeting.addAttendee')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
