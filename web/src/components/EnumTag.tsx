import type { Labelled } from '@liandong/domain/labels';
import { Tag } from 'antd';
import { useI18n } from '../lib/i18n';

interface EnumTagProps<T extends string> {
  labels: Labelled<T>;
  value: T | string | null | undefined;
  colors?: Partial<Record<T, string>>;
}

/** A status/kind tag: label from the shared enum in the current language, colour from the map. */
export function EnumTag<T extends string>({ labels, value, colors }: EnumTagProps<T>) {
  const { label } = useI18n();
  if (!value) return null;
  const color = colors ? (colors as Record<string, string | undefined>)[value] : undefined;
  return <Tag color={color}>{label(labels, value)}</Tag>;
}

/** Several enum values as tags (roles, zone modes). */
export function EnumTags<T extends string>({
  labels,
  values,
  colors,
}: {
  labels: Labelled<T>;
  values: readonly (T | string)[];
  colors?: Partial<Record<T, string>> | ((v: T) => string);
}) {
  const { label } = useI18n();
  return (
    <>
      {values.map((v) => {
        const color = typeof colors === 'function' ? colors(v as T) : colors ? (colors as Record<string, string | undefined>)[v] : undefined;
        return (
          <Tag key={v} color={color} style={{ marginBlock: 2 }}>
            {label(labels, v)}
          </Tag>
        );
      })}
    </>
  );
}
