/**
 * `npx tsx scripts/doc-pages.ts [outDir]` (default docs/screenshots): page images of the official documents. Renders
 * the print copy of each document type (通知, 通报, 建议书, 函, 纪要, 报告; the fictional samples of
 * server/test/official-doc-samples.ts), converts them to PDF with LibreOffice in one call — with the missing official
 * fonts mapped to Noto CJK as the PDF route does — and writes PNGs of the first and the last page of each
 * (`pdftoppm -r 60 -png`): doc-<type>-first.png, doc-<type>-last.png. Needs soffice and pdftoppm on PATH.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { missingOfficialFonts, substitutionConfig } from '../server/src/platform/pdf-fonts';
import { renderOfficialDoc } from '../server/src/platform/official-doc';
import { SAMPLES } from '../server/test/official-doc-samples';

/** ASCII file names of the types. */
const SLUG: Record<string, string> = { 通知: 'notice', 通报: 'bulletin', 建议书: 'letter', 函: 'memo', 纪要: 'minutes', 报告: 'report' };

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(root, process.argv[2] ?? 'docs/screenshots');
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-doc-pages-'));
  try {
    const files: string[] = [];
    for (const [type, input] of Object.entries(SAMPLES)) {
      const file = `${SLUG[type] ?? type}.docx`;
      writeFileSync(path.join(dir, file), await renderOfficialDoc({ ...input, copy: 'print' }));
      files.push(file);
    }
    const conf = path.join(dir, 'fonts.conf');
    writeFileSync(conf, substitutionConfig(await missingOfficialFonts()));
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      cwd: dir,
      env: { ...process.env, HOME: dir, FONTCONFIG_FILE: conf },
      stdio: 'ignore',
      timeout: 120_000,
    });
    for (const file of files) {
      const base = path.basename(file, '.docx');
      const pdf = path.join(dir, `${base}.pdf`);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 1);
      for (const [which, page] of [
        ['first', 1],
        ['last', pages],
      ] as const) {
        const prefix = path.join(dir, `${base}-${which}`);
        execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf, prefix]);
        copyFileSync(`${prefix}.png`, path.join(out, `doc-${base}-${which}.png`));
      }
      console.log(`${base}: ${pages} pages → doc-${base}-first.png, doc-${base}-last.png`);
    }
    console.log(readdirSync(out).filter((f) => f.startsWith('doc-')).length, 'page images in', out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
