import { hash, verify } from '@node-rs/argon2';
import type { Settings } from '../../platform/settings';

/** argon2id parameters (OWASP 2024 minimum: m=19 MiB, t=2, p=1). */
const ARGON2 = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('liandong-dummy-password-0');
  return dummyHash.then((h) => verifyPassword(h, password));
}

/**
 * Password policy (等保 level 3): minimum length, at least N of 4 character classes, not containing
 * the username. Returns zh-CN reasons; empty when the password is acceptable.
 */
export function passwordPolicyProblems(password: string, username: string, settings: Settings): string[] {
  const problems: string[] = [];
  if (password.length < settings['password.minLength']) problems.push(`长度不少于${settings['password.minLength']}位`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < settings['password.minClasses']) problems.push(`须包含大写字母、小写字母、数字、特殊字符中的至少${settings['password.minClasses']}类`);
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不得包含用户名');
  if (password.length > 128) problems.push('长度不超过128位');
  return problems;
}
