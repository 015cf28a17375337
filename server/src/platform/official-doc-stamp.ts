import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { AppError } from './errors';

/*
 * An issued document (建议书, 通报) is immutable: it is rendered once, in the issuing transaction, and kept as an
 * attachment. An export does not render it again; it copies the stored file and only re-stamps what names the
 * exporter — the watermark line in the page headers (word/header*.xml, written by official-doc.ts
 * watermarkHeader; emptied for the print copy) and the file's author and description (docProps/core.xml). The body, the 发文字号 and the dates are the
 * bytes that were issued, whatever has changed in the database since.
 *
 * Issue 12: the stamp splices the package instead of unzipping and re-zipping it. The stored zip's central
 * directory is read (no inflating); every part but the headers and core.xml is copied as it is stored — its
 * local header and its compressed bytes, so word/document.xml is never inflated or deflated again — and only
 * those few small parts are inflated, stamped, deflated and written with a new CRC. `prepareStamp` does the
 * reading once per stored file (the exporters' cache keeps it); `stampPrepared` is what each export costs.
 */

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HEADER_PART = /^word\/header\d*\.xml$/;
const CORE_PART = 'docProps/core.xml';
const TEXT_RUN = /(<w:t(?:\s[^>]*)?>)[^<]*(<\/w:t>)/g;

export interface Stamp {
  /** The exporter's watermark line (导出人 … 时间); also the file's description. */
  watermark: string;
  /** The exporter, written as the file's author. */
  creator: string;
  /** print: the 正式文本 without the watermark line in the page headers (the metadata still names the exporter). */
  copy?: 'print' | 'screen';
}

/** Replaces the text of every run of a header part by the watermark (the header holds the watermark only). */
function stampHeader(xml: string, watermark: string): string {
  let first = true;
  return xml.replace(TEXT_RUN, (_m, open: string, close: string) => {
    // One run carries the line; any further runs of the same header are emptied, never left with old names.
    const text = first ? escapeXml(watermark) : '';
    first = false;
    return `${open.includes('xml:space') ? open : open.replace('<w:t', '<w:t xml:space="preserve"')}${text}${close}`;
  });
}

function stampCore(xml: string, creator: string, description: string): string {
  const who = escapeXml(creator);
  const what = escapeXml(description);
  const out = xml.replace(/(<dc:creator>)[^<]*(<\/dc:creator>)/, `$1${who}$2`).replace(/(<cp:lastModifiedBy>)[^<]*(<\/cp:lastModifiedBy>)/, `$1${who}$2`);
  if (/<dc:description>/.test(out)) return out.replace(/(<dc:description>)[^<]*(<\/dc:description>)/, `$1${what}$2`);
  if (/<dc:description\s*\/>/.test(out)) return out.replace(/<dc:description\s*\/>/, `<dc:description>${what}</dc:description>`);
  return out.replace('</cp:coreProperties>', `<dc:description>${what}</dc:description></cp:coreProperties>`);
}

// --- the zip (PKWARE APPNOTE 4.3; no ZIP64, no encryption: a rendered document is a few dozen kB) ---

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
/** General purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor, bit 11 UTF-8 names. */
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE) of the bytes, as the zip format wants it. */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

interface Entry {
  name: string;
  /** The central directory record (46 bytes + name + extra + comment), as stored. */
  central: Buffer;
  /** Kept entries: the local header, the compressed data and any data descriptor, as stored. */
  local: Buffer | null;
  /** Stamped entries: the part's text (inflated once). */
  xml: string | null;
  kind: 'keep' | 'header' | 'core';
}

/** A stored package read once: its entries in their order, the few parts an export rewrites already inflated. */
export interface PreparedPackage {
  readonly entries: readonly Entry[];
  /** Bytes of the package (for a cache's accounting). */
  readonly size: number;
}

const damaged = () => new AppError('INTERNAL', '正式文本文件已损坏，无法导出');

function endOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

/** Bytes of the data descriptor after an entry's data (flag bit 3): 12, or 16 with its optional signature. */
function descriptorLength(buf: Buffer, at: number): number {
  if (at + 4 <= buf.length && buf.readUInt32LE(at) === DESCRIPTOR) return 16;
  return 12;
}

/**
 * Reads the stored package's directory and inflates only the parts an export rewrites. Refuses (500, logged) a
 * file that is not a readable zip, or a document without a header part or a body: an issued document must never
 * go out without its watermark.
 */
export function prepareStamp(stored: Buffer): PreparedPackage {
  const eocd = endOfCentralDirectory(stored);
  if (eocd < 0) throw damaged();
  const count = stored.readUInt16LE(eocd + 10);
  const cdSize = stored.readUInt32LE(eocd + 12);
  const cdOffset = stored.readUInt32LE(eocd + 16);
  if (stored.readUInt16LE(eocd + 4) !== 0 || count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) throw damaged();
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || stored.readUInt32LE(p) !== CENTRAL) throw damaged();
    const flags = stored.readUInt16LE(p + 8);
    const method = stored.readUInt16LE(p + 10);
    const compressed = stored.readUInt32LE(p + 20);
    const size = stored.readUInt32LE(p + 24);
    const nameLen = stored.readUInt16LE(p + 28);
    const recordLen = 46 + nameLen + stored.readUInt16LE(p + 30) + stored.readUInt16LE(p + 32);
    const offset = stored.readUInt32LE(p + 42);
    if (p + recordLen > eocd || flags & FLAG_ENCRYPTED || (method !== 0 && method !== 8)) throw damaged();
    const name = stored.toString('utf8', p + 46, p + 46 + nameLen);
    if (seen.has(name)) throw damaged();
    seen.add(name);
    const central = stored.subarray(p, p + recordLen);
    p += recordLen;
    if (offset + 30 > cdOffset || stored.readUInt32LE(offset) !== LOCAL) throw damaged();
    const dataStart = offset + 30 + stored.readUInt16LE(offset + 26) + stored.readUInt16LE(offset + 28);
    let end = dataStart + compressed;
    if (end > cdOffset) throw damaged();
    if (flags & FLAG_DESCRIPTOR) end += descriptorLength(stored, end);
    const kind = HEADER_PART.test(name) ? 'header' : name === CORE_PART ? 'core' : 'keep';
    if (kind === 'keep') {
      entries.push({ name, central, local: stored.subarray(offset, end), xml: null, kind });
      continue;
    }
    const data = stored.subarray(dataStart, dataStart + compressed);
    let plain: Buffer;
    try {
      plain = method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
    } catch {
      throw damaged();
    }
    if (plain.length !== size || crc32(plain) !== central.readUInt32LE(16)) throw damaged();
    entries.push({ name, central, local: null, xml: plain.toString('utf8'), kind });
  }
  if (!entries.some((e) => e.kind === 'header') || !seen.has('word/document.xml')) throw new AppError('INTERNAL', '正式文本缺少页眉，无法加注水印');
  return { entries, size: stored.length };
}

/** A rewritten entry: its new local header + deflated data, and its central record patched to match. */
function rewritten(e: Entry, text: string, offset: number): { local: Buffer; central: Buffer } {
  const plain = Buffer.from(text, 'utf8');
  const data = deflateRawSync(plain, { level: 6 });
  const crc = crc32(plain);
  const name = e.central.subarray(46, 46 + e.central.readUInt16LE(28));
  const local = Buffer.alloc(30 + name.length + data.length);
  local.writeUInt32LE(LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(e.central.readUInt16LE(8) & FLAG_UTF8, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(e.central.readUInt16LE(12), 10);
  local.writeUInt16LE(e.central.readUInt16LE(14), 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(plain.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  name.copy(local, 30);
  data.copy(local, 30 + name.length);
  const central = Buffer.from(e.central);
  central.writeUInt16LE(Math.max(20, central.readUInt16LE(6)), 6);
  central.writeUInt16LE(central.readUInt16LE(8) & FLAG_UTF8, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(plain.length, 24);
  central.writeUInt32LE(offset, 42);
  return { local, central };
}

/** The prepared package with this exporter's watermark and author: kept parts byte for byte, the rest rewritten. */
export function stampPrepared(pkg: PreparedPackage, stamp: Stamp): Buffer {
  const line = stamp.copy === 'print' ? '' : stamp.watermark;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of pkg.entries) {
    let local: Buffer;
    let central: Buffer;
    if (e.kind === 'keep') {
      local = e.local!;
      central = Buffer.from(e.central);
      central.writeUInt32LE(offset, 42);
    } else {
      ({ local, central } = rewritten(e, e.kind === 'header' ? stampHeader(e.xml!, line) : stampCore(e.xml!, stamp.creator, stamp.watermark), offset));
    }
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(pkg.entries.length, 8);
  end.writeUInt16LE(pkg.entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end], offset + cdSize + 22);
}

/**
 * The stored DOCX with the exporter's watermark and author. Refuses (500, logged) a stored file that is not a
 * document with a header: an issued document must never go out without its watermark.
 */
export function stampDocx(stored: Buffer, stamp: Stamp): Buffer {
  return stampPrepared(prepareStamp(stored), stamp);
}
