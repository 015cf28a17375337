import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n';

interface FilterBarProps<V> {
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onSearch: (values: V) => void;
  /** Form.Item elements of the filter. */
  children: ReactNode;
  extra?: ReactNode;
}

/** The filter row above a list: inline form fields, 查询 and 重置. */
export function FilterBar<V extends object>({ form, initialValues, onSearch, children, extra }: FilterBarProps<V>) {
  const t = useT();
  return (
    <Form form={form} layout="inline" initialValues={initialValues} onFinish={onSearch} style={{ marginBottom: 12, rowGap: 8 }} data-testid="filter-bar">
      {children}
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            form.resetFields();
            onSearch(form.getFieldsValue(true) as V);
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
      {extra ? <Form.Item>{extra}</Form.Item> : null}
    </Form>
  );
}
