/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (digits and the capitals
 * without I, O, S, V, Z): 1 登记管理部门代码, 1 机构类别代码, 6-digit 登记管理机关行政区划码, 9-character
 * 主体标识码 (组织机构代码), and 1 check character. The check character is computed over the first 17 with
 * the weights 3^i mod 31: C18 = 31 − (Σ value(Ci) × Wi mod 31), where a result of 31 stands for '0'.
 * A target unit imported for a campaign is matched by this code, so a mistyped code must be caught here,
 * not turned into a second copy of the unit.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Upper-cases and removes spaces (as typed or pasted from a licence); does not validate. */
export function normaliseCreditCode(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '').toUpperCase();
}

/** The check character of the first 17 characters (which must be from the code's character set). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`not a credit-code character at ${i}: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Why a 统一社会信用代码 is invalid (zh-CN), or null when it is valid. Normalise first. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `应为18位（当前${code.length}位）`;
  const bad = [...code].findIndex((ch) => !CHARSET.includes(ch));
  if (bad >= 0) return `第${bad + 1}位“${code[bad]}”不是有效字符（不使用I、O、S、V、Z）`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '第3—8位应为登记管理机关行政区划码（6位数字）';
  if (creditCodeCheckChar(code) !== code[17]) return '校验位不正确';
  return null;
}
