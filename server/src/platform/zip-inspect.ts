import { AppError } from './errors';

/*
 * Reading a zip's central directory without inflating anything, so that an uploaded .xlsx that would
 * explode (a zip bomb: a 0.4 MB file whose sheet inflates to gigabytes, ten thousands of entries, entries
 * that overlap or hide in ZIP64 fields) is refused in microseconds on the request thread, before any
 * parser sees it. Declared sizes are only a first filter: the xlsx worker re-checks each entry by
 * inflating it with a hard output cap (a zip can lie about its sizes).
 */

export interface ZipLimits {
  /** Entries in the archive (an exported workbook has about a dozen). */
  maxEntries: number;
  /** Declared uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Declared uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed / compressed above which an entry is a bomb (sheet XML compresses about 10–30×). */
  maxRatio: number;
  /** Entries smaller than this are exempt from the ratio check (tiny parts compress absurdly well). */
  ratioFloorBytes: number;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Offset of the compressed data in the archive. */
  dataOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64 = 0xffffffff;
const MB = 1024 * 1024;
/** Archives inside the workbook are never needed to read cells and are the classic nested bomb. */
const NESTED_ARCHIVE = /\.(zip|xlsx|xlsm|xlsb|xltx|docx|docm|pptx|jar|7z|rar|gz|tgz|bz2|xz|tar|cab)$/i;

const mb = (n: number) => `${Math.ceil(n / MB)} MB`;
const corrupt = () => new AppError('BAD_REQUEST', '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式（不支持 .xls）');
const tooLarge = (message: string) => new AppError('PAYLOAD_TOO_LARGE', `${message}，请删除多余内容或分批导入`);
const odd = (message: string) => new AppError('BUSINESS_RULE', `该 Excel 文件结构异常，已拒绝：${message}`);

function findEndOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function checkName(name: string, seen: Set<string>) {
  const segments = name.split('/');
  if (!name || name.length > 260 || name.startsWith('/') || name.includes('\\') || name.includes('\0') || segments.includes('..')) {
    throw odd(`压缩包内含非法路径“${name.slice(0, 80)}”`);
  }
  if (seen.has(name)) throw odd(`压缩包内有重复的部件“${name.slice(0, 80)}”`);
  seen.add(name);
  if (NESTED_ARCHIVE.test(name)) throw odd(`压缩包内嵌套了压缩文件“${name.slice(0, 80)}”`);
}

/**
 * The entries of a zip, checked against the limits from the central directory alone: entry count,
 * declared per-entry and total sizes, compression ratio, encryption, ZIP64, multi-disk, unknown
 * compression methods, odd or duplicate names, nested archives, and entries that overlap or point
 * outside the file. 400 for a broken zip, 413 for a too large one, 422 for a hostile structure.
 */
export function inspectZip(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw corrupt();
  const end = findEndOfCentralDirectory(buf);
  if (end < 0) throw corrupt();
  const disk = buf.readUInt16LE(end + 4);
  const cdDisk = buf.readUInt16LE(end + 6);
  const onDisk = buf.readUInt16LE(end + 8);
  const total = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw odd('分卷压缩文件');
  if (total === 0xffff || cdSize === ZIP64 || cdOffset === ZIP64) throw odd('不支持 ZIP64 格式');
  if (total > limits.maxEntries) throw tooLarge(`Excel 文件内的部件过多（${total} 个，上限 ${limits.maxEntries} 个）`);
  if (cdOffset + cdSize > end) throw corrupt();

  const entries: (ZipEntry & { localOffset: number })[] = [];
  const seen = new Set<string>();
  let declared = 0;
  let p = cdOffset;
  while (p < cdOffset + cdSize) {
    if (entries.length >= limits.maxEntries) throw tooLarge(`Excel 文件内的部件过多（超过 ${limits.maxEntries} 个）`);
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) throw corrupt();
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength > end) throw corrupt();
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;

    checkName(name, seen);
    if (flags & 0x1) throw odd(`部件“${name}”已加密`);
    if (method !== 0 && method !== 8) throw odd(`部件“${name}”使用了不支持的压缩方式（${method}）`);
    if (compressedSize === ZIP64 || size === ZIP64 || localOffset === ZIP64) throw odd('不支持 ZIP64 格式');
    if (method === 0 && compressedSize !== size) throw corrupt();
    if (size > limits.maxEntryBytes) {
      throw tooLarge(`Excel 文件中的“${name}”解压后约 ${mb(size)}，超过单个部件上限 ${mb(limits.maxEntryBytes)}`);
    }
    declared += size;
    if (declared > limits.maxTotalBytes) throw tooLarge(`Excel 文件解压后超过 ${mb(limits.maxTotalBytes)}`);
    if (size > limits.ratioFloorBytes && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      throw tooLarge(`Excel 文件中的“${name}”压缩比异常（约 ${Math.round(size / Math.max(compressedSize, 1))} 倍）`);
    }
    entries.push({ name, method, compressedSize, size, dataOffset: 0, localOffset });
  }
  if (p !== cdOffset + cdSize) throw corrupt();
  if (entries.length !== total) throw corrupt();

  // Each entry's data must sit inside the file, before the central directory, and not overlap another's
  // (overlapping entries let a few kilobytes stand for gigabytes).
  let previousEnd = 0;
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (e.localOffset < previousEnd) throw odd('压缩包内的部件相互重叠');
    if (e.localOffset + 30 > cdOffset || buf.readUInt32LE(e.localOffset) !== LOCAL) throw corrupt();
    e.dataOffset = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    previousEnd = e.dataOffset + e.compressedSize;
    if (previousEnd > cdOffset) throw corrupt();
  }
  return entries.map(({ localOffset: _l, ...e }) => e);
}
