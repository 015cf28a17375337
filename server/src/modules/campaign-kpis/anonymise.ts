/*
 * 通报 persons anonymised (domain.md f.3: "person descriptor … in demo anonymised"; the demo 通报 writes
 * 管某某, 郝某某): a person is named by surname + 某 in a generated draft, never by the full name. The
 * draft is read by every recipient of the 通报, while the case itself is seen by its team only.
 */

/** Two-character surnames (复姓) that must stay whole: 欧阳某, not 欧某. */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '万俟',
  '闻人',
  '赫连',
  '第五',
];

/** '管建国' → '管某', '欧阳明' → '欧阳某', an already anonymised '管某某' stays; '' → '某'. */
export function anonymiseName(fullName: string): string {
  const name = fullName.trim();
  if (name === '') return '某';
  if (/某/.test(name)) return name;
  const surname = COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length) ?? name.slice(0, 1);
  return `${surname}某`;
}

/**
 * Replaces every known full name in `text` by its anonymised form (longest first, so '张伟民' is not
 * half-replaced by a shorter '张伟'). Names already anonymised are left alone.
 */
export function anonymiseText(text: string, names: readonly string[]): string {
  const real = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2 && !n.includes('某')))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const n of real) out = out.split(n).join(anonymiseName(n));
  return out;
}
