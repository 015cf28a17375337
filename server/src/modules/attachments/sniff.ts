/**
 * Upload type sniffing by content (magic bytes), not by the name or the browser's Content-Type.
 * Accepted: PDF, PNG, JPEG, GIF, Office Open XML (docx/xlsx/pptx), legacy OLE Word/Excel (doc/xls) and
 * plain UTF-8 text. Executables and scripts are refused outright; anything unrecognised, and any
 * extension that does not match the content, is refused too.
 */

export interface SniffedType {
  /** Stable kind code. */
  kind: 'pdf' | 'png' | 'jpeg' | 'gif' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'text';
  mime: string;
  /** zh-CN name for messages. */
  labelZh: string;
  /** File extensions (lower case, without the dot) that this content may carry. */
  extensions: readonly string[];
}

export type SniffResult =
  | { ok: true; type: SniffedType }
  | { ok: false; reason: 'EMPTY' | 'EXECUTABLE' | 'UNKNOWN' | 'EXTENSION_MISMATCH' | 'NO_EXTENSION'; message: string };

const TYPES: Record<SniffedType['kind'], SniffedType> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', labelZh: 'PDF 文档', extensions: ['pdf'] },
  png: { kind: 'png', mime: 'image/png', labelZh: 'PNG 图片', extensions: ['png'] },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', labelZh: 'JPEG 图片', extensions: ['jpg', 'jpeg'] },
  gif: { kind: 'gif', mime: 'image/gif', labelZh: 'GIF 图片', extensions: ['gif'] },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', labelZh: 'Word 文档（docx）', extensions: ['docx'] },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', labelZh: 'Excel 表格（xlsx）', extensions: ['xlsx'] },
  pptx: {
    kind: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    labelZh: 'PowerPoint 演示文稿（pptx）',
    extensions: ['pptx'],
  },
  doc: { kind: 'doc', mime: 'application/msword', labelZh: 'Word 97-2003 文档（doc）', extensions: ['doc'] },
  xls: { kind: 'xls', mime: 'application/vnd.ms-excel', labelZh: 'Excel 97-2003 表格（xls）', extensions: ['xls'] },
  text: { kind: 'text', mime: 'text/plain; charset=utf-8', labelZh: '纯文本（UTF-8）', extensions: ['txt', 'csv'] },
};

/** Every extension some accepted type may carry (for the "unsupported type" message). */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(TYPES).flatMap((t) => t.extensions);

/** Extensions refused whatever the content: programs and scripts. */
const EXECUTABLE_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'scr',
  'msi',
  'bat',
  'cmd',
  'ps1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'jar',
  'sh',
  'bash',
  'py',
  'pl',
  'rb',
  'php',
  'elf',
  'bin',
  'so',
  'dylib',
  'app',
  'apk',
  'deb',
  'rpm',
  'lnk',
  'reg',
  'docm',
  'xlsm',
  'pptm',
]);

const startsWith = (buf: Buffer, bytes: readonly number[], offset = 0) => buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

function isExecutable(buf: Buffer): boolean {
  return (
    startsWith(buf, [0x4d, 0x5a]) || // MZ: Windows PE / DOS
    startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(buf, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(buf, [0xfe, 0xed, 0xfa, 0xcf]) || // Mach-O
    startsWith(buf, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(buf, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(buf, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O fat / Java class
    startsWith(buf, [0x23, 0x21]) // #! script
  );
}

/** Names of the entries of a ZIP archive, read from its local file headers. */
function zipEntryNames(buf: Buffer, max = 2000): string[] {
  const names: string[] = [];
  let i = 0;
  while (names.length < max) {
    i = buf.indexOf('PK\u0003\u0004', i, 'latin1');
    if (i < 0 || i + 30 > buf.length) break;
    const nameLen = buf.readUInt16LE(i + 26);
    names.push(buf.toString('utf8', i + 30, Math.min(buf.length, i + 30 + nameLen)));
    i += 30 + nameLen;
  }
  return names;
}

function sniffOoxml(buf: Buffer): SniffedType | null {
  const names = zipEntryNames(buf);
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n.startsWith('word/'))) return TYPES.docx;
  if (names.some((n) => n.startsWith('xl/'))) return TYPES.xlsx;
  if (names.some((n) => n.startsWith('ppt/'))) return TYPES.pptx;
  return null;
}

/** OLE compound file: Word or Excel by the name of its main stream (UTF-16LE in the directory). */
function sniffOle(buf: Buffer): SniffedType | null {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  if (buf.includes(utf16('WordDocument'))) return TYPES.doc;
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) return TYPES.xls;
  return null;
}

function isPlainUtf8Text(buf: Buffer): boolean {
  const sample = buf.length > 1_048_576 ? buf.subarray(0, 1_048_576) : buf;
  // Control characters other than tab, newline, form feed and carriage return mark binary data.
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) return false;
  try {
    // stream: a multi-byte sequence cut by the 1 MiB sample boundary is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: sample !== buf });
    return true;
  } catch {
    return false;
  }
}

function sniffContent(buf: Buffer): SniffedType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return TYPES.pdf; // %PDF-
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || startsWith(buf, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return TYPES.gif;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return sniffOoxml(buf);
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(buf);
  if (isPlainUtf8Text(buf)) return TYPES.text;
  return null;
}

export function extensionOf(filename: string): string {
  const m = /\.([^./\\]+)$/.exec(filename);
  return m ? m[1]!.toLowerCase() : '';
}

/** Decides whether a file may be stored, and as what. */
export function sniffUpload(filename: string, content: Buffer): SniffResult {
  const ext = extensionOf(filename);
  if (content.length === 0) return { ok: false, reason: 'EMPTY', message: '文件为空' };
  if (EXECUTABLE_EXTENSIONS.has(ext) || isExecutable(content)) {
    return { ok: false, reason: 'EXECUTABLE', message: '不允许上传可执行文件、脚本或含宏的文档' };
  }
  const type = sniffContent(content);
  if (!type) return { ok: false, reason: 'UNKNOWN', message: `无法识别的文件类型，仅支持 ${ACCEPTED_EXTENSIONS.join('、')}` };
  if (!ext) return { ok: false, reason: 'NO_EXTENSION', message: `文件名缺少扩展名（内容为${type.labelZh}，应为 .${type.extensions[0]}）` };
  if (!type.extensions.includes(ext)) {
    return { ok: false, reason: 'EXTENSION_MISMATCH', message: `文件扩展名 .${ext} 与文件内容（${type.labelZh}）不符` };
  }
  return { ok: true, type };
}

/** A filename safe to store and send back: no path, no control characters, at most 200 characters. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (cleaned.length <= 200) return cleaned;
  const ext = extensionOf(cleaned);
  return ext ? `${cleaned.slice(0, 199 - ext.length)}.${ext}` : cleaned.slice(0, 200);
}
