import { Alert, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useT } from '../../lib/i18n';

interface EndDateModalProps {
  open: boolean;
  title: string;
  warning: string;
  /** Earliest allowed end day (the record's validFrom). */
  minDate?: string;
  onConfirm: (validTo: string) => Promise<unknown>;
  onClose: () => void;
}

/** Asks for the last valid day (终止/撤销日期) before ending a link or retiring an org. */
export function EndDateModal({ open, title, warning, minDate, onConfirm, onClose }: EndDateModalProps) {
  const t = useT();
  const [form] = Form.useForm<{ validTo: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (open) form.setFieldsValue({ validTo: dayjs() });
  }, [open, form]);
  const submit = async () => {
    const { validTo } = await form.validateFields();
    setBusy(true);
    try {
      await onConfirm(validTo.format('YYYY-MM-DD'));
      onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} onOk={submit} onCancel={onClose} confirmLoading={busy} okButtonProps={{ danger: true }} destroyOnHidden>
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="validTo" label={t('link.validTo')} rules={[{ required: true, message: t('link.validToRequired') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => (minDate ? d.isBefore(dayjs(minDate), 'day') : false)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
