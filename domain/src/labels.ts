/** A closed code list whose every value carries a zh-CN and an en-US label. */
export type Labelled<T extends string> = Readonly<Record<T, { zh: string; en: string }>>;

/** Builds the tuple of codes for z.enum() from a label table, keeping declaration order. */
export function codesOf<T extends string>(labels: Labelled<T>): [T, ...T[]] {
  return Object.keys(labels) as [T, ...T[]];
}

/** Label of a code in the given locale; falls back to the code itself for unknown values. */
export function labelOf<T extends string>(labels: Labelled<T>, code: T, locale: 'zh' | 'en' = 'zh'): string {
  return labels[code]?.[locale] ?? code;
}
