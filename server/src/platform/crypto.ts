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
  private readonly blobEncKey: Buffer;
  private readonly blobMacKey: Buffer;
  /**
   * Public name of the master key (16 hex characters derived from it, never the key itself), stored with
   * every sealed blob so that a reader knows which key a row needs once keys rotate.
   */
  readonly keyId: string;
  constructor(masterKey: Buffer) {
    if (masterKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
    this.encKey = createHmac('sm3', masterKey).update('liandong/enc').digest().subarray(0, 16);
    this.macKey = createHmac('sm3', masterKey).update('liandong/mac').digest();
    this.blobEncKey = createHmac('sm3', masterKey).update('liandong/blob-enc').digest().subarray(0, 16);
    this.blobMacKey = createHmac('sm3', masterKey).update('liandong/blob-mac').digest();
    this.keyId = createHmac('sm3', masterKey).update('liandong/key-id').digest('hex').slice(0, 16);
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

  /**
   * Authenticated SM4 for file contents (attachments at rest; Node's OpenSSL has no sm4-gcm): SM4-CTR with
   * a random IV, then HMAC-SM3 over a domain tag, the associated data (the row the blob belongs to), the IV
   * and the ciphertext — encrypt-then-MAC, with keys derived apart from the field keys.
   * Layout: 0x02 ‖ iv(16) ‖ mac(32) ‖ ct. A blob moved to another row has other associated data, so
   * `open` refuses it.
   */
  seal(plain: Buffer, aad: Buffer): Buffer {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-ctr', this.blobEncKey, iv);
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([BLOB_V1]), iv, this.blobMac(aad, iv, ct), ct]);
  }

  /** The plaintext of a sealed blob, or BlobIntegrityError when it was altered or belongs to other associated data. */
  open(blob: Buffer, aad: Buffer): Buffer {
    if (blob.length < BLOB_HEADER || blob[0] !== BLOB_V1) throw new BlobIntegrityError('unknown blob format');
    const iv = blob.subarray(1, 17);
    const mac = blob.subarray(17, BLOB_HEADER);
    const ct = blob.subarray(BLOB_HEADER);
    if (!timingSafeEqual(mac, this.blobMac(aad, iv, ct))) throw new BlobIntegrityError('blob integrity check failed');
    const decipher = createDecipheriv('sm4-ctr', this.blobEncKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  }

  private blobMac(aad: Buffer, iv: Buffer, ct: Buffer): Buffer {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(aad.length);
    return createHmac('sm3', this.blobMacKey).update('liandong/blob/v1').update(len).update(aad).update(iv).update(ct).digest();
  }
}

const BLOB_V1 = 0x02;
const BLOB_HEADER = 1 + 16 + 32;

/** Raised when a sealed blob fails authentication: it is never decrypted and never served. */
export class BlobIntegrityError extends Error {}

/** 256 random bits, base64url — session ids and other bearer secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
