/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, 1 check
 * character computed with ISO 7064 MOD 11-2 ('X' stands for 10).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Upper-cases a trailing x and trims; does not validate. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Why an 18-character ID number is invalid (zh-CN), or null when it is valid. */
export function idNumberProblem(raw: string): string | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码应为18位，前17位为数字，末位为数字或X';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) {
    return '身份证号码中的出生日期无效';
  }
  if (idNumberCheckChar(id) !== id[17]) return '身份证号码校验位不正确';
  return null;
}

/** Masked form for lists: first 4 and last 4 characters kept (6201**********123X). */
export function maskIdNumber(raw: string): string {
  const id = normaliseIdNumber(raw);
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}
