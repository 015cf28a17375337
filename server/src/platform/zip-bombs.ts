/**
 * Hostile .xlsx files for the import tests (not a test file itself): a real workbook whose sheet XML is
 * swapped for one that inflates to hundreds of megabytes from a few hundred kilobytes, the same with
 * understated sizes in the zip directory, and a zip with 100 000 entries. Built without ever holding the
 * inflated bytes: each piece is deflated on its own with a full flush (no back-references across pieces),
 * so repeating a compressed piece N times is a valid deflate stream of the piece repeated N times.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { inspectZip } from './zip-inspect';
import { newWorkbook } from './excel';

const MB = 1024 * 1024;

interface RawEntry {
  name: string;
  method: number;
  data: Buffer;
  /** Uncompressed size written to both headers. */
  size: number;
}

const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_FULL_FLUSH });

/** Deflated sheet XML of about `megabytes` MB (rows of one number each), and its true size. */
export function bombSheet(megabytes: number): { data: Buffer; size: number } {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const row = '<row r="2"><c r="A2"><v>1</v></c></row>';
  const chunk = row.repeat(Math.floor(MB / row.length));
  const tail = '</sheetData></worksheet>';
  const piece = flushed(chunk);
  const data = Buffer.concat([flushed(head), ...Array.from({ length: megabytes }, () => piece), deflateRawSync(Buffer.from(tail))]);
  return { data, size: head.length + chunk.length * megabytes + tail.length };
}

/** A zip of raw entries (CRCs left 0; sizes as given), with an optional entry count in the end record. */
export function zipOf(entries: RawEntry[], recordedCount = entries.length): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(recordedCount & 0xffff, 8);
  end.writeUInt16LE(recordedCount & 0xffff, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The entries of a real one-sheet workbook written by exceljs, raw (as stored). */
async function skeleton(sheetName: string): Promise<RawEntry[]> {
  const wb = await newWorkbook();
  wb.addWorksheet(sheetName).addRow(['x']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return inspectZip(buf, { maxEntries: 100, maxEntryBytes: MB, maxTotalBytes: 10 * MB, maxRatio: 1000, ratioFloorBytes: MB }).map((e) => ({
    name: e.name,
    method: e.method,
    size: e.size,
    data: buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize),
  }));
}

/** A workbook whose first sheet is `sheet`; `declared` (bytes) replaces its true size in the zip directory when given. */
export async function sheetBomb(sheetName: string, sheet: { data: Buffer; size: number }, declared?: number): Promise<Buffer> {
  const entries = await skeleton(sheetName);
  return zipOf(entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, method: 8, data: sheet.data, size: declared ?? sheet.size } : e)));
}

/** A zip of `count` empty entries (the end record's 16-bit count wraps, as a real 100 000-entry zip would without ZIP64). */
export function manyEntries(count: number): Buffer {
  return zipOf(Array.from({ length: count }, (_, i) => ({ name: `x/${i.toString(36)}`, method: 0, data: Buffer.alloc(0), size: 0 })));
}
