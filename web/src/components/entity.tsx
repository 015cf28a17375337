import { Descriptions, type DescriptionsProps, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';

/**
 * One field of an entity, defined once and fed to both the list (table column) and the detail
 * view (Descriptions item), as in Ant Design Pro's column definitions.
 */
export interface FieldDef<T> {
  key: string;
  title: string;
  /** Cell/detail content; defaults to the property of the same key. */
  render?: (record: T) => ReactNode;
  width?: number | string;
  ellipsis?: boolean;
  /** Only in the detail view. */
  detailOnly?: boolean;
  /** Only in the table. */
  tableOnly?: boolean;
  /** Span in the Descriptions grid. */
  span?: number | 'filled';
  fixed?: 'left' | 'right';
}

function fieldValue<T>(field: FieldDef<T>, record: T): ReactNode {
  if (field.render) return field.render(record);
  const raw = (record as Record<string, unknown>)[field.key];
  if (raw === null || raw === undefined || raw === '') return '—';
  return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

/** Table columns from field definitions. */
export function toColumns<T>(fields: FieldDef<T>[]): TableColumnType<T>[] {
  return fields
    .filter((f) => !f.detailOnly)
    .map((f) => ({
      key: f.key,
      title: f.title,
      width: f.width,
      ellipsis: f.ellipsis,
      fixed: f.fixed,
      render: (_: unknown, record: T) => fieldValue(f, record),
    }));
}

interface EntityDescriptionsProps<T> extends Omit<DescriptionsProps, 'items'> {
  fields: FieldDef<T>[];
  record: T;
}

/** The detail view of an entity from the same field definitions as its table. */
export function EntityDescriptions<T>({ fields, record, column = 2, ...rest }: EntityDescriptionsProps<T>) {
  const items = fields.filter((f) => !f.tableOnly).map((f) => ({ key: f.key, label: f.title, children: fieldValue(f, record), span: f.span }));
  // On a phone one field per row: two or three bordered columns at 390 px squeeze values into a letter per line.
  const responsive = typeof column === 'number' ? { xs: 1, sm: Math.min(column, 2), md: column } : column;
  return <Descriptions size="small" bordered column={responsive} items={items} {...rest} />;
}
