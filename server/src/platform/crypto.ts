import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** SM3 digest (hex) — 国密 hash used for the audit chain and checksums of record. */
export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * SM4 field encryption for complainant identity, ID numbers and TOTP secrets (domain.md e.3).
 * Node's OpenSSL has no sm4-gcm, so: SM4-CBC with a random IV, then HMAC-SM3 over iv‖ciphertext
 * (encrypt-then-MAC) with a key derived from the same master key. Layout: v1 ‖ iv(16) ‖ mac(32) ‖ ct.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  constructor(masterKey: Buffer) {
    if (masterKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
    this.encKey = createHmac('sm3', masterKey).update('liandong/enc').digest().subarray(0, 16);
    this.macKey = createHmac('sm3', masterKey).update('liandong/mac').digest();
  }
  encrypt(plain: string): Buffer {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = createHmac('sm3', this.macKey).update(iv).update(ct).digest();
    return Buffer.concat([Buffer.from([1]), iv, mac, ct]);
  }
  decrypt(blob: Buffer): string {
    if (blob[0] !== 1 || blob.length < 1 + 16 + 32 + 16) throw new Error('unknown cipher format');
    const iv = blob.subarray(1, 17);
    const mac = blob.subarray(17, 49);
    const ct = blob.subarray(49);
    const expected = createHmac('sm3', this.macKey).update(iv).update(ct).digest();
    if (!timingSafeEqual(mac, expected)) throw new Error('ciphertext integrity check failed');
    const decipher = createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }
}

/** 256 random bits, base64url — session ids and other bearer secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
