import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../platform/errors';
import { Gate } from '../../platform/gate';
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

/** An official font the server lacks and the font printed in its place. */
export interface FontSubstitution {
  font: string;
  replacement: string;
}

/** Official fonts by the names the documents use, and the installed face each falls back to (weight: 小标宋 is heavy). */
const OFFICIAL_FONTS: readonly { font: string; aliases: readonly string[]; replacement: string; bold?: boolean }[] = [
  { font: '仿宋_GB2312', aliases: ['仿宋_GB2312', '仿宋', 'FangSong', 'FangSong_GB2312'], replacement: 'Noto Serif CJK SC' },
  { font: '方正小标宋简体', aliases: ['方正小标宋简体', '方正小标宋', 'FZXiaoBiaoSong-B05S'], replacement: 'Noto Serif CJK SC', bold: true },
  { font: '黑体', aliases: ['黑体', 'SimHei'], replacement: 'Noto Sans CJK SC' },
  { font: '楷体_GB2312', aliases: ['楷体_GB2312', '楷体', 'KaiTi', 'KaiTi_GB2312'], replacement: 'Noto Serif CJK SC' },
  { font: '宋体', aliases: ['宋体', 'SimSun'], replacement: 'Noto Serif CJK SC' },
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Families fontconfig knows (`fc-list : family`); null when fc-list cannot be run (then every official font counts as missing). */
function installedFamilies(): Promise<Set<string> | null> {
  return new Promise((resolve) => {
    execFile('fc-list', [':', 'family'], { timeout: 10_000, maxBuffer: 8 << 20 }, (err, stdout) => {
      if (err) return resolve(null);
      resolve(new Set(stdout.split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()).filter(Boolean)));
    });
  });
}

let missingCache: { at: number; value: Promise<typeof OFFICIAL_FONTS> } | null = null;

/** The official fonts this machine lacks (looked up at most every ten minutes: an installed font is seen without a restart). */
export function missingOfficialFonts(): Promise<typeof OFFICIAL_FONTS> {
  if (!missingCache || Date.now() - missingCache.at > 600_000) {
    missingCache = {
      at: Date.now(),
      value: installedFamilies().then((have) => OFFICIAL_FONTS.filter((f) => !have || !f.aliases.some((a) => have.has(a)))),
    };
  }
  return missingCache.value;
}

/** A fontconfig file that reads the system's configuration and maps every alias of the missing fonts to its replacement. */
export function substitutionConfig(missing: typeof OFFICIAL_FONTS): string {
  const rules = missing.flatMap((f) =>
    f.aliases.map(
      (a) =>
        `  <match target="pattern"><test qual="any" name="family"><string>${escapeXml(a)}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${escapeXml(f.replacement)}</string></edit>` +
        `${f.bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : ''}</match>`,
    ),
  );
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${rules.join('\n')}\n</fontconfig>\n`;
}

/** The X-Font-Substitution header value: "仿宋_GB2312→Noto Serif CJK SC; …", percent-encoded (ASCII-safe). */
export function substitutionHeader(subs: readonly FontSubstitution[]): string {
  return encodeURIComponent(subs.map((s) => `${s.font}→${s.replacement}`).join('; '));
}

/** The note shown where the PDF is offered. */
export function substitutionNote(subs: readonly FontSubstitution[]): string {
  return `服务器未安装${subs.map((s) => s.font).join('、')}，PDF 中以 ${[...new Set(subs.map((s) => s.replacement))].join('、')} 代替；正式印发请以 DOCX 在安装标准字体的计算机上打印。`;
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
