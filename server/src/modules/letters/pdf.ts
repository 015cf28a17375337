import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../platform/errors';
import { Gate } from '../../platform/gate';
import { type FontSubstitution, missingOfficialFonts, substitutionConfig } from '../../platform/pdf-fonts';
import { ProcessTimeoutError, runProcess } from '../../platform/process-queue';

/*
 * PDF of a rendered DOCX through LibreOffice (`--headless --convert-to pdf`), in a private temporary
 * directory with its own user profile (two conversions never share one; both are removed afterwards),
 * under a deadline that kills LibreOffice's whole process group. Each conversion takes a few hundred MB
 * and a core for seconds, so at most two run per node, four more wait, and the rest get 503 with
 * Retry-After. Without LibreOffice on PATH the caller answers 501.
 *
 * The official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are rarely installed on a server. Those that
 * fontconfig does not know are mapped, through a private fontconfig file (FONTCONFIG_FILE) for the conversion, to
 * Noto Serif CJK SC / Noto Sans CJK SC — the same faces for every conversion instead of whatever fallback the
 * machine has — and the substitutions are reported to the caller (the route's X-Font-Substitution header).
 */

export { type FontSubstitution, substitutionHeader } from '../../platform/pdf-fonts';

const TIMEOUT_MS = 60_000;
export const NO_LIBREOFFICE_MESSAGE = '服务器未安装 LibreOffice，无法生成 PDF';

/** The conversions of this node. */
export const pdfGate = new Gate({
  concurrency: 2,
  maxQueue: 4,
  maxWaitMs: 30_000,
  retryAfterSeconds: 30,
  busyCode: 'SERVER_BUSY',
  busyMessage: '当前 PDF 转换任务较多，请稍后重试，或先下载 DOCX',
});

/** The LibreOffice binary on PATH (`soffice` or `libreoffice`), or null. */
export async function findLibreOffice(): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = path.join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export interface PdfOptions {
  /** The queue to convert in (tests pass their own). */
  gate?: Gate;
  timeoutMs?: number;
}

/** Converts DOCX bytes to PDF bytes in the node's queue; 503 when the queue is full or the conversion overruns, 409 when it fails. */
export async function docxToPdf(bin: string, docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  return (await convertDocxToPdf(bin, docx, options)).body;
}

/** As docxToPdf, with the official fonts that were missing and what was printed in their place. */
export function convertDocxToPdf(bin: string, docx: Buffer, options: PdfOptions = {}): Promise<{ body: Buffer; substitutions: FontSubstitution[] }> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  return (options.gate ?? pdfGate).run(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ld-pdf-'));
    try {
      const input = path.join(dir, 'document.docx');
      await writeFile(input, docx);
      const missing = await missingOfficialFonts();
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir };
      if (missing.length) {
        const conf = path.join(dir, 'fonts.conf');
        await writeFile(conf, substitutionConfig(missing));
        env.FONTCONFIG_FILE = conf;
      }
      const profile = pathToFileURL(path.join(dir, 'profile')).href;
      await runProcess(bin, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], { timeoutMs, cwd: dir, env });
      return {
        body: await readFile(path.join(dir, 'document.pdf')),
        substitutions: missing.map((f) => ({ font: f.font, replacement: f.bold ? `${f.replacement} Bold` : f.replacement })),
      };
    } catch (err) {
      if (err instanceof ProcessTimeoutError) {
        throw new AppError('SERVER_BUSY', `PDF 转换超过 ${Math.round(timeoutMs / 1000)} 秒未完成，已终止，请稍后重试或下载 DOCX`);
      }
      throw new AppError('CONFLICT', 'PDF 转换失败，请稍后重试或下载 DOCX', { reason: (err as Error).message.slice(0, 200) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
