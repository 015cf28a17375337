import type { Labelled } from '@liandong/domain/labels';
import dayjs from 'dayjs';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

/** Select options from a shared label table, in its declaration order. */
export function enumOptions<T extends string>(labels: Labelled<T>, label: LabelFn) {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: label(labels, value) }));
}

/** Next year and the six before it, newest first (year pickers of lists and activities). */
export function yearOptions(): { value: number; label: string }[] {
  const now = dayjs().year();
  return Array.from({ length: 7 }, (_, i) => now + 1 - i).map((y) => ({ value: y, label: String(y) }));
}

export function currentYear(): number {
  return dayjs().year();
}
