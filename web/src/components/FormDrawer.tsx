import { App, Button, Drawer, Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../lib/errors';
import { useI18n } from '../lib/i18n';

interface FormDrawerProps<V> {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  width: number;
  /** The caller's form (its fields may watch or set values). */
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  /** Creates the object from the form's values; answers it with its id. */
  create: (values: V) => Promise<{ id: string }>;
  saving: boolean;
  /** The message once created. */
  created: string;
  /** Where the new object opens. */
  to: (id: string) => string;
  /** The test id of the 保存 button. */
  submitTestId: string;
  children: ReactNode;
}

/**
 * A drawer that registers a new object: its form, 保存 in the header, and on success a message, the form
 * reset and the new object's page; the server's field errors land on the form. Shared by the 抽调批次 and the
 * 廉政意见回复 (征求意见函) registrations.
 */
export function FormDrawer<V extends object>({
  open,
  onClose,
  title,
  width,
  form,
  initialValues,
  create,
  saving,
  created,
  to,
  submitTestId,
  children,
}: FormDrawerProps<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const submit = async (v: V) => {
    try {
      const d = await create(v);
      message.success(created);
      onClose();
      form.resetFields();
      navigate(to(d.id));
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={width}
      title={title}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid={submitTestId}>
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initialValues}>
        {children}
      </Form>
    </Drawer>
  );
}
