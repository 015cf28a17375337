// The xlsx parsing thread of platform/xlsx-safe.ts. Plain JavaScript on purpose: it has to start the
// same way under `npm start` (tsx), vitest and plain node, and a worker thread does not inherit the
// main thread's TypeScript loader on Node 20. It imports only exceljs and node:zlib.
//
// In: { buffer: Uint8Array, entries: ZipEntry[], maxRows, maxCells } (entries already checked by
// zip-inspect.ts). Out: { ok: true, sheets: [{ name, rows: [{ row, cells: string[] }] }] } or
// { ok: false, kind: 'TOO_LARGE' | 'CORRUPT', message }.
import { inflateRawSync } from 'node:zlib';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

const MB = 1024 * 1024;

/** Plain text of a cell whatever exceljs made of it (the one definition the imports use): dates as YYYY-MM-DD, rich text joined, formulas by result. */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result ?? null);
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

class Refusal extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * Inflates every entry with a hard output cap of its declared size: a zip that understates a size (to
 * slip past the central-directory check) is caught after at most that many bytes, never after gigabytes.
 */
function verifyActualSizes(buffer, entries) {
  for (const e of entries) {
    const data = buffer.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    if (e.method === 0) continue;
    let out;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if (err && (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)) {
        throw new Refusal('TOO_LARGE', `Excel 文件中的“${e.name}”实际解压后超过其声明的大小（${Math.ceil(e.size / MB)} MB），文件可能是恶意构造的`);
      }
      throw new Refusal('CORRUPT', '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式（不支持 .xls）');
    }
    if (out.length !== e.size) throw new Refusal('CORRUPT', '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式（不支持 .xls）');
  }
}

async function parse({ buffer, entries, maxRows, maxCells }) {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  verifyActualSizes(buf, entries);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf);
  } catch {
    throw new Refusal('CORRUPT', '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式（不支持 .xls）');
  }
  let cells = 0;
  const sheets = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > maxRows) throw new Refusal('TOO_LARGE', `工作表“${ws.name}”有 ${ws.rowCount} 行，超过上限 ${maxRows} 行，请分批导入`);
    const rows = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const texts = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (++cells > maxCells) throw new Refusal('TOO_LARGE', `Excel 文件的单元格超过上限 ${maxCells} 个，请分批导入`);
        texts[col - 1] = cellText(cell.value);
      });
      for (let i = 0; i < texts.length; i++) texts[i] ??= '';
      rows.push({ row: r, cells: texts });
    });
    sheets.push({ name: ws.name, rows });
  }
  return sheets;
}

try {
  parentPort.postMessage({ ok: true, sheets: await parse(workerData) });
} catch (err) {
  if (err instanceof Refusal) parentPort.postMessage({ ok: false, kind: err.kind, message: err.message });
  else parentPort.postMessage({ ok: false, kind: 'CORRUPT', message: '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式（不支持 .xls）' });
}
