import { Worker } from 'node:worker_threads';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors';
import { Gate } from './gate';
import { inspectZip, type ZipLimits } from './zip-inspect';

/*
 * The one way an uploaded .xlsx is read (every Excel import goes through readXlsxSafely). An ordinary
 * account once froze the server for 38 s and left it at 2.9 GB with eight parallel 0.4 MB zip bombs,
 * because exceljs inflated and parsed the whole workbook on the request thread before any limit. Now:
 *   1. the upload is capped (multipart fileSize);
 *   2. the zip's central directory is checked before anything inflates (zip-inspect.ts);
 *   3. at most two workbooks per node are parsed at once, a few more wait briefly, the rest get 429;
 *   4. parsing runs in a worker thread with its own heap limit and a deadline (terminated when late),
 *      which first inflates every entry with a hard cap at its declared size (zips can lie), then caps
 *      rows and cells, and hands back plain text rows. Validation stays with each import.
 */

/** One non-empty row: its Excel row number and its cells' text, cells[0] being column A ('' when empty). */
export interface PlainRow {
  row: number;
  cells: string[];
}

/** One worksheet: its name and its non-empty rows in ascending order. */
export interface PlainSheet {
  name: string;
  rows: PlainRow[];
}

export interface PlainWorkbook {
  sheets: PlainSheet[];
}

export interface XlsxLimits extends ZipLimits {
  /** Rows of one worksheet (exceljs rowCount, header included). */
  maxRows: number;
  /** Non-empty cells of the whole workbook. */
  maxCells: number;
  /** Heap of the parsing thread. */
  heapMb: number;
  /** Deadline of one parse; the thread is terminated after it. */
  timeoutMs: number;
}

/** Uploads larger than this are refused while they stream in (413); real imports are well under 1 MB. */
export const XLSX_UPLOAD_BYTES = 16 * 1024 * 1024;

const MB = 1024 * 1024;

/** Limits of every import: a 20 000-row structure workbook is about 5 MB of sheet XML and 10 000 cells per 1 000 rows. */
export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 500,
  maxEntryBytes: 48 * MB,
  maxTotalBytes: 96 * MB,
  maxRatio: 200,
  ratioFloorBytes: MB,
  maxRows: 50_000,
  maxCells: 1_000_000,
  heapMb: 384,
  timeoutMs: 30_000,
};

/** Workbooks parsed at once on this node, and the short line behind them. */
export const xlsxGate = new Gate({
  concurrency: 2,
  maxQueue: 8,
  maxWaitMs: 15_000,
  retryAfterSeconds: 10,
  busyCode: 'RATE_LIMITED',
  busyMessage: '当前导入任务较多，请稍后重试',
});

const WORKER_URL = new URL('./xlsx-worker.mjs', import.meta.url);
const CORRUPT = '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式（不支持 .xls）';

type WorkerReply = { ok: true; sheets: PlainSheet[] } | { ok: false; kind: 'TOO_LARGE' | 'CORRUPT'; message: string };

function parseInWorker(buffer: Buffer, limits: XlsxLimits, entries: ReturnType<typeof inspectZip>): Promise<PlainWorkbook> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: { buffer: new Uint8Array(buffer), entries, maxRows: limits.maxRows, maxCells: limits.maxCells },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new AppError('BUSINESS_RULE', `Excel 文件过于复杂，${Math.round(limits.timeoutMs / 1000)} 秒内未能解析完成，请精简内容或分批导入`)),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (m: WorkerReply) =>
      finish(() => {
        if (m.ok) resolve({ sheets: m.sheets });
        else reject(m.kind === 'TOO_LARGE' ? new AppError('PAYLOAD_TOO_LARGE', m.message) : new AppError('BAD_REQUEST', m.message));
      }),
    );
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('PAYLOAD_TOO_LARGE', `Excel 文件内容过大，解析所需内存超过 ${limits.heapMb} MB，请分批导入`)
            : new AppError('BAD_REQUEST', CORRUPT),
        ),
      ),
    );
    worker.on('exit', () => finish(() => reject(new AppError('BAD_REQUEST', CORRUPT))));
  });
}

/**
 * Reads an uploaded .xlsx into plain text rows under every limit above: 415 for a non-zip, 400 for a
 * broken one, 413 for one too large (declared or actual), 422 for a hostile structure or a parse past
 * the deadline, 429 with Retry-After when the node is already parsing as many workbooks as it can.
 */
export async function readXlsxSafely(buffer: Buffer, limits: XlsxLimits = XLSX_LIMITS, gate: Gate = xlsxGate): Promise<PlainWorkbook> {
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '上传的文件不是 Excel（.xlsx）文件，请使用导入模板填写后上传');
  }
  const entries = inspectZip(buffer, limits);
  return gate.run(() => parseInWorker(buffer, limits, entries));
}

/**
 * The multipart field `file` of an import request, read with the import's own size cap (the stream is
 * cut at XLSX_UPLOAD_BYTES: 413), so a workbook never occupies more memory than that before inspection.
 */
export async function readXlsxUpload(req: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  const file = await req.file({ limits: { fileSize: XLSX_UPLOAD_BYTES, files: 1 } });
  if (!file) throw new AppError('BAD_REQUEST', '请上传文件（表单字段 file）');
  if (file.fieldname !== 'file') throw new AppError('BAD_REQUEST', `请使用表单字段 file 上传文件（收到 ${file.fieldname}）`);
  return { buffer: await file.toBuffer(), filename: file.filename };
}

/** The sheet of that name, if the workbook has it. */
export const sheetNamed = (wb: PlainWorkbook, name: string): PlainSheet | undefined => wb.sheets.find((s) => s.name === name);

/** The text of a cell by 1-based column ('' when empty or beyond the row). */
export const cellAt = (row: PlainRow, col: number): string => row.cells[col - 1] ?? '';
