import { CALENDAR_DAY_KIND_LABELS, type CalendarDayKind } from '@liandong/domain/calendar/calendar';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type CalendarException, useClearDay, useSetDay } from './api';

/** Set a day as 法定节假日 or 调休上班日, or clear the exception. */
export function DayModal({ day, existing, onClose }: { day: string | null; existing: CalendarException | undefined; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: CalendarDayKind; nameZh: string }>();
  const setDay = useSetDay();
  const clearDay = useClearDay();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (!day) return;
    const weekend = [0, 6].includes(dayjs(day).day());
    form.setFieldsValue(existing ? { kind: existing.kind, nameZh: existing.nameZh } : { kind: weekend ? 'MAKEUP_WORKDAY' : 'HOLIDAY', nameZh: '' });
  }, [day, existing, form]);

  const save = async () => {
    if (!day) return;
    const v = await form.validateFields();
    try {
      await setDay.mutateAsync({ day, kind: v.kind, nameZh: v.nameZh.trim(), version: existing?.version });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  const clear = async () => {
    if (!day) return;
    try {
      await clearDay.mutateAsync(day);
      message.success(t('calendar.cleared'));
      onClose();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Modal
      open={day !== null}
      title={day ? t('calendar.dayTitle', { day: dayjs(day).format('YYYY-MM-DD ddd') }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          {existing ? (
            <Popconfirm title={t('calendar.clearConfirm')} onConfirm={() => void clear()}>
              <Button danger loading={clearDay.isPending}>
                {t('calendar.clear')}
              </Button>
            </Popconfirm>
          ) : (
            <span />
          )}
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={setDay.isPending} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('calendar.dayHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={Object.keys(CALENDAR_DAY_KIND_LABELS).map((k) => ({ value: k, label: label(CALENDAR_DAY_KIND_LABELS, k) }))}
          />
        </Form.Item>
        <Form.Item name="nameZh" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }, { max: 40 }]}>
          <Input placeholder={t('calendar.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
