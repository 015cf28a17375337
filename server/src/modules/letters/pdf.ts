import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AppError } from '../../platform/errors';

/*
 * PDF of a rendered DOCX through LibreOffice (`--headless --convert-to pdf`), in a private temporary
 * directory with its own profile and a time limit. Without LibreOffice on PATH the caller answers 501.
 */

const run = promisify(execFile);
const TIMEOUT_MS = 60_000;
export const NO_LIBREOFFICE_MESSAGE = '服务器未安装 LibreOffice，无法生成 PDF';

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

/** Converts DOCX bytes to PDF bytes; throws when the conversion fails or times out. */
export async function docxToPdf(bin: string, docx: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ld-pdf-'));
  try {
    const input = path.join(dir, 'document.docx');
    await writeFile(input, docx);
    await run(bin, [`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    return await readFile(path.join(dir, 'document.pdf'));
  } catch (err) {
    throw new AppError('CONFLICT', 'PDF 转换失败，请稍后重试或下载 DOCX', { reason: (err as Error).message.slice(0, 200) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
