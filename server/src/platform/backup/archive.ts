import { BackupFormatError } from './envelope';

/**
 * The inner archive (gzip-compressed, inside the envelope): a sequence of framed records, each one byte
 * of type, four bytes of length and the payload. One pass writes it and one pass reads it, so a backup of
 * any size streams through a fixed amount of memory.
 *
 *   H  manifest (JSON), first
 *   T  table start (JSON: name, columns)      D  a chunk of that table's COPY text    E  table end (JSON)
 *   S  sequence values (JSON)                 K  keys.json (only with --include-keys, only encrypted)
 *   Z  trailer (JSON: every table's rows and SM3), last: a file without it was cut off
 */
export type RecordType = 'H' | 'T' | 'D' | 'E' | 'S' | 'K' | 'Z';

const MAX_RECORD = 16 * 1024 * 1024;

/** Frames one record. */
export function record(type: RecordType, payload: Buffer | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

export interface ArchiveRecord {
  type: RecordType;
  payload: Buffer;
}

/** Parses the records out of a byte stream (the decompressed archive), in order. */
export async function* readRecords(source: AsyncIterable<Buffer>): AsyncGenerator<ArchiveRecord> {
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let offset = 0;
    while (buf.length - offset >= 5) {
      const type = String.fromCharCode(buf[offset]!) as RecordType;
      if (!'HTDESKZ'.includes(type)) throw new BackupFormatError(`备份内容损坏（未知记录类型） — damaged archive: unknown record type ${buf[offset]}`);
      const len = buf.readUInt32BE(offset + 1);
      if (len > MAX_RECORD) throw new BackupFormatError('备份内容损坏（记录过长） — damaged archive: record too long');
      if (buf.length - offset < 5 + len) break;
      yield { type, payload: Buffer.from(buf.subarray(offset + 5, offset + 5 + len)) };
      offset += 5 + len;
    }
    buf = buf.subarray(offset);
  }
  if (buf.length) throw new BackupFormatError('备份文件不完整 — archive ends in the middle of a record');
}

/** Decodes a JSON record. */
export function json<T>(r: ArchiveRecord): T {
  return JSON.parse(r.payload.toString('utf8')) as T;
}
