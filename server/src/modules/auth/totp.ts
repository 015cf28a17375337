import * as OTPAuth from 'otpauth';

const TOTP_ISSUER = '联动监督平台';

/** The RFC 6238 parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
export function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** Checks a TOTP code (±1 step) and returns its time step, or null; callers refuse a step already used. */
export function checkTotp(secretBase32: string, label: string, code: string): number | null {
  const totp = totpFor(secretBase32, label);
  const delta = totp.validate({ token: code, window: 1 });
  if (delta === null) return null;
  return Math.floor(Date.now() / 1000 / 30) + delta;
}
