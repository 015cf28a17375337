import { App, Button, Card, Form, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useApiErrorHandler } from '../lib/errors';
import { useI18n } from '../lib/i18n';

interface EditableCardProps<V> {
  title: ReactNode;
  /** The card's test id; its buttons are `<testId>-edit` and `<testId>-save`. */
  testId: string;
  /** The reader may edit (the 编辑 button is shown). */
  canEdit: boolean;
  /** The form's values when editing starts. */
  initialValues: V;
  /** Saves the values (a failure is shown on the form's fields by the API error handler). */
  onSave: (values: V) => Promise<unknown>;
  saving: boolean;
  /** The form's items while editing. */
  fields: ReactNode;
  /** What the card shows otherwise. */
  children: ReactNode;
}

/**
 * A card that shows a record's section and, for who may change it, edits it in place: 编辑 → a vertical form
 * with 保存 / 取消, a success message, and the server's field errors on the form. Shared by the problem's
 * joint analysis (联合汇总剖析) and the reform record's causes (问题原因剖析).
 */
export function EditableCard<V extends object>({ title, testId, canEdit, initialValues, onSave, saving, fields, children }: EditableCardProps<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<V>();
  const save = async (v: V) => {
    try {
      await onSave(v);
      message.success(t('common.saved'));
      setEditing(false);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      data-testid={testId}
      extra={
        canEdit && !editing ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid={`${testId}-edit`}>
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={initialValues}>
          {fields}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid={`${testId}-save`}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        children
      )}
    </Card>
  );
}
