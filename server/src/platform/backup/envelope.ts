import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The outer layer of a backup file: a fixed preamble, then either the plain (gzip) archive or the same
 * bytes encrypted with SM4.
 *
 * OpenSSL (and so Node) offers no SM4-GCM here (`crypto.getCiphers()` lists sm4-ctr, -cbc, -cfb, -ofb,
 * -ecb), so the authenticated construction is encrypt-then-MAC: SM4-CTR over the whole stream and an
 * HMAC-SM3 tag on every segment of 64 KiB. The tag covers a digest of the header, the segment's index and
 * a "last segment" flag, so segments cannot be altered, reordered, dropped or cut off at the end, and no
 * byte is released to the parser before its segment is verified. Keys: PBKDF2-HMAC-SM3 from a passphrase,
 * or HKDF-SM3 from the bytes of a key file; a key-check value in the header tells a wrong key apart from
 * a damaged file before anything is decrypted.
 */

export const MAGIC = Buffer.from('LDBACKUP', 'ascii');
export const FORMAT_VERSION = 1;
const MODE_PLAIN = 0;
const MODE_SM4 = 1;
const SEGMENT = 64 * 1024;
const TAG = 32;
/** Top bit of a segment's length word: this is the last segment. */
const LAST_BIT = 0x8000_0000;
const PBKDF2_ITERATIONS = 600_000;

/** Where the backup key comes from: a passphrase, or a file whose bytes are the secret. */
export type BackupSecret = { passphrase: string } | { keyFile: string };

interface Header {
  cipher: 'SM4-CTR';
  mac: 'HMAC-SM3';
  kdf: { name: 'PBKDF2-HMAC-SM3'; iterations: number; salt: string } | { name: 'HKDF-SM3'; salt: string };
  iv: string;
  segment: number;
  keyCheck: string;
}

export class BackupKeyError extends Error {}
export class BackupFormatError extends Error {}

function secretBytes(secret: BackupSecret): Buffer {
  if ('passphrase' in secret) return Buffer.from(secret.passphrase, 'utf8');
  const bytes = readFileSync(secret.keyFile);
  if (bytes.length < 16) throw new BackupKeyError(`密钥文件过短（至少 16 字节） — key file ${secret.keyFile} is shorter than 16 bytes`);
  return bytes;
}

function deriveKeys(secret: BackupSecret, kdf: Header['kdf']): { enc: Buffer; mac: Buffer } {
  const salt = Buffer.from(kdf.salt, 'hex');
  const material =
    kdf.name === 'PBKDF2-HMAC-SM3'
      ? pbkdf2Sync(secretBytes(secret), salt, kdf.iterations, 48, 'sm3')
      : Buffer.from(hkdfSync('sm3', secretBytes(secret), salt, 'liandong-backup-v1', 48));
  return { enc: material.subarray(0, 16), mac: material.subarray(16) };
}

function keyCheck(mac: Buffer): string {
  return createHmac('sm3', mac).update('liandong-backup key check').digest('hex');
}

function preamble(mode: number): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, mode])]);
}

function segmentTag(mac: Buffer, headerDigest: Buffer, index: number, last: boolean, data: Buffer): Buffer {
  const meta = Buffer.alloc(13);
  meta.writeBigUInt64BE(BigInt(index), 0);
  meta.writeUInt8(last ? 1 : 0, 8);
  meta.writeUInt32BE(data.length, 9);
  return createHmac('sm3', mac).update(headerDigest).update(meta).update(data).digest();
}

/** A stream that writes the preamble and passes the archive through in clear. */
export function plainWriter(): Transform {
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!started) {
        started = true;
        this.push(preamble(MODE_PLAIN));
      }
      cb(null, chunk);
    },
    flush(cb) {
      if (!started) this.push(preamble(MODE_PLAIN));
      cb();
    },
  });
}

/** A stream that writes the preamble, the header and the archive encrypted and tagged segment by segment. */
export function encryptWriter(secret: BackupSecret): Transform {
  const kdf: Header['kdf'] =
    'passphrase' in secret
      ? { name: 'PBKDF2-HMAC-SM3', iterations: PBKDF2_ITERATIONS, salt: randomBytes(16).toString('hex') }
      : { name: 'HKDF-SM3', salt: randomBytes(16).toString('hex') };
  const keys = deriveKeys(secret, kdf);
  const iv = randomBytes(16);
  const header: Header = { cipher: 'SM4-CTR', mac: 'HMAC-SM3', kdf, iv: iv.toString('hex'), segment: SEGMENT, keyCheck: keyCheck(keys.mac) };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.concat([preamble(MODE_SM4), Buffer.alloc(4), headerBytes]);
  lead.writeUInt32BE(headerBytes.length, MAGIC.length + 2);
  const headerDigest = createHash('sm3').update(lead).digest();
  const cipher = createCipheriv('sm4-ctr', keys.enc, iv);
  let pending: Buffer[] = [];
  let size = 0;
  let index = 0;
  const emit = (stream: Transform, data: Buffer, last: boolean) => {
    const encrypted = cipher.update(data);
    const len = Buffer.alloc(4);
    len.writeUInt32BE((encrypted.length | (last ? LAST_BIT : 0)) >>> 0);
    stream.push(Buffer.concat([len, encrypted, segmentTag(keys.mac, headerDigest, index++, last, encrypted)]));
  };
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!started) {
        started = true;
        this.push(lead);
      }
      pending.push(chunk);
      size += chunk.length;
      // Keep one full segment back so that the last one can carry the "last" flag.
      while (size > SEGMENT) {
        const all = Buffer.concat(pending, size);
        emit(this, all.subarray(0, SEGMENT), false);
        pending = [all.subarray(SEGMENT)];
        size -= SEGMENT;
      }
      cb();
    },
    flush(cb) {
      if (!started) this.push(lead);
      emit(this, Buffer.concat(pending, size), true);
      cipher.final();
      cb();
    },
  });
}

/** Reads the preamble of a backup file: whether it is encrypted. Throws on a file that is not a backup. */
export function readPreamble(head: Buffer): { encrypted: boolean } {
  if (head.length < MAGIC.length + 2 || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupFormatError('不是联动平台的备份文件 — not a Liandong backup file');
  }
  const version = head[MAGIC.length]!;
  if (version !== FORMAT_VERSION) throw new BackupFormatError(`备份格式版本 ${version} 不受支持 — unsupported backup format version ${version}`);
  const mode = head[MAGIC.length + 1]!;
  if (mode !== MODE_PLAIN && mode !== MODE_SM4) throw new BackupFormatError(`未知的加密方式 ${mode} — unknown protection mode ${mode}`);
  return { encrypted: mode === MODE_SM4 };
}

/**
 * A stream that takes the whole file, checks the preamble and yields the archive bytes: passed through
 * for a plain backup, verified and decrypted for an encrypted one (`secret` required then).
 */
export function openReader(secret: BackupSecret | undefined): Transform {
  let buf: Buffer = Buffer.alloc(0);
  let state: 'preamble' | 'header' | 'segments' | 'plain' | 'done' = 'preamble';
  let keys: { enc: Buffer; mac: Buffer } | undefined;
  let decipher: ReturnType<typeof createDecipheriv> | undefined;
  let headerDigest = Buffer.alloc(0);
  let index = 0;
  const step = (stream: Transform): void => {
    for (;;) {
      if (state === 'preamble') {
        if (buf.length < MAGIC.length + 2) return;
        const { encrypted } = readPreamble(buf);
        if (encrypted && !secret)
          throw new BackupKeyError('备份已加密，请提供 --passphrase-file 或 --key-file — the backup is encrypted: give its passphrase or key file');
        state = encrypted ? 'header' : 'plain';
        if (!encrypted) buf = buf.subarray(MAGIC.length + 2);
      } else if (state === 'plain') {
        if (buf.length) stream.push(buf);
        buf = Buffer.alloc(0);
        return;
      } else if (state === 'header') {
        const at = MAGIC.length + 2;
        if (buf.length < at + 4) return;
        const len = buf.readUInt32BE(at);
        if (len > 64 * 1024) throw new BackupFormatError('备份文件头损坏 — damaged backup header');
        if (buf.length < at + 4 + len) return;
        const header = JSON.parse(buf.subarray(at + 4, at + 4 + len).toString('utf8')) as Header;
        if (header.cipher !== 'SM4-CTR' || header.mac !== 'HMAC-SM3') throw new BackupFormatError('未知的加密算法 — unknown cipher in backup header');
        headerDigest = createHash('sm3')
          .update(buf.subarray(0, at + 4 + len))
          .digest();
        keys = deriveKeys(secret!, header.kdf);
        const expected = Buffer.from(header.keyCheck, 'hex');
        const actual = Buffer.from(keyCheck(keys.mac), 'hex');
        if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
          throw new BackupKeyError('备份密钥错误（口令或密钥文件不对） — wrong backup passphrase or key file');
        }
        decipher = createDecipheriv('sm4-ctr', keys.enc, Buffer.from(header.iv, 'hex'));
        buf = buf.subarray(at + 4 + len);
        state = 'segments';
      } else if (state === 'segments') {
        if (buf.length < 4) return;
        const word = buf.readUInt32BE(0);
        const last = (word & LAST_BIT) !== 0;
        const len = word & ~LAST_BIT;
        if (len > SEGMENT) throw new BackupFormatError('备份数据段损坏 — damaged backup segment');
        if (buf.length < 4 + len + TAG) return;
        const data = buf.subarray(4, 4 + len);
        const tag = buf.subarray(4 + len, 4 + len + TAG);
        if (!timingSafeEqual(tag, segmentTag(keys!.mac, headerDigest, index, last, data))) {
          throw new BackupFormatError(`备份文件被篡改或损坏（第 ${index} 段校验失败） — backup segment ${index} failed authentication`);
        }
        stream.push(decipher!.update(data));
        index++;
        buf = buf.subarray(4 + len + TAG);
        if (last) state = 'done';
      } else {
        if (buf.length) throw new BackupFormatError('备份文件末尾有多余数据 — trailing data after the last segment');
        return;
      }
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      try {
        step(this);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb) {
      if (state === 'preamble' || state === 'header') return cb(new BackupFormatError('备份文件不完整 — backup file is truncated'));
      if (state === 'segments') return cb(new BackupFormatError('备份文件被截断（缺少最后一段） — backup file is truncated (last segment missing)'));
      cb();
    },
  });
}
