/**
 * The PDF conversion queue with real processes: a fake converter (a shell script that sleeps, logs and
 * writes a PDF) shows that at most two conversions run at once, the line is bounded (503 with
 * Retry-After over HTTP), an overrunning converter is killed with its children, and every conversion
 * gets its own profile directory that is gone afterwards. With LibreOffice installed, one real conversion.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { Gate } from '../../platform/gate';
import { docxToPdf, findLibreOffice, pdfGate } from './pdf';
import { seedLetter } from './test-helpers';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ld-pdf-test-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A converter that logs start/end with its profile argument, sleeps, then writes $outdir/document.pdf. */
async function fakeConverter(name: string, body: string): Promise<{ bin: string; log: string }> {
  const dir = path.join(work, name);
  execFileSync('mkdir', ['-p', dir]);
  const bin = path.join(dir, 'soffice');
  const log = path.join(dir, 'log');
  await writeFile(
    bin,
    `#!/bin/sh
profile="\${1#-env:UserInstallation=}"
prev=""; outdir=""
for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done
echo "start $$ $profile" >> "${log}"
${body}
printf '%%PDF-1.4 fake' > "$outdir/document.pdf"
echo "end $$ $profile" >> "${log}"
`,
  );
  await chmod(bin, 0o755);
  return { bin, log };
}

const gateOf = (concurrency: number, maxQueue: number) =>
  new Gate({ concurrency, maxQueue, maxWaitMs: 20_000, retryAfterSeconds: 7, busyCode: 'SERVER_BUSY', busyMessage: '当前 PDF 转换任务较多' });

/** Running (a killed orphan may linger as a zombie until init reaps it: that is not running). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('docxToPdf queue', () => {
  it('runs at most two conversions at once, refuses beyond the line with 503, and cleans every profile', async () => {
    const { bin, log } = await fakeConverter('queue', 'sleep 0.4');
    const gate = gateOf(2, 2);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => docxToPdf(bin, Buffer.from('docx'), { gate })));
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(done).toHaveLength(4);
    for (const r of done) expect((r as PromiseFulfilledResult<Buffer>).value.subarray(0, 5).toString()).toBe('%PDF-');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 503, retryAfterSeconds: 7, message: '当前 PDF 转换任务较多' });

    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    let running = 0;
    let peak = 0;
    for (const line of lines) {
      running += line.startsWith('start') ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
    const profiles = new Set(lines.map((l) => l.split(' ')[2]!));
    expect(profiles.size).toBe(4);
    for (const p of profiles) expect(existsSync(fileURLToPath(p))).toBe(false);
    expect(existsSync(path.dirname(fileURLToPath([...profiles][0]!)))).toBe(false);
    expect(gate.running).toBe(0);
  });

  it('kills an overrunning converter and its children at the deadline and answers a zh-CN 503', async () => {
    const pidFile = path.join(work, 'child.pid');
    const { bin } = await fakeConverter('hang', `sleep 60 & echo $! > "${pidFile}"\nsleep 60`);
    const gate = gateOf(1, 0);
    const start = Date.now();
    await expect(docxToPdf(bin, Buffer.from('docx'), { gate, timeoutMs: 600 })).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('PDF 转换超过 1 秒未完成，已终止'),
    });
    expect(Date.now() - start).toBeLessThan(5000);
    const child = Number((await readFile(pidFile, 'utf8')).trim());
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(child)).toBe(false);
    // The slot is free again.
    expect(gate.running).toBe(0);
  });

  it('answers 409 with a zh-CN message when the converter fails', async () => {
    const { bin } = await fakeConverter('fail', 'echo broken >&2; exit 3');
    await expect(docxToPdf(bin, Buffer.from('docx'), { gate: gateOf(1, 0) })).rejects.toMatchObject({
      status: 409,
      message: 'PDF 转换失败，请稍后重试或下载 DOCX',
    });
  });

  it.skipIf(!process.env.PATH?.split(':').some((d) => existsSync(path.join(d, 'soffice'))))('converts a real DOCX with LibreOffice', async () => {
    const bin = (await findLibreOffice())!;
    const { Document, Packer, Paragraph } = await import('docx');
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('联动监督')] }] }));
    const pdf = await docxToPdf(bin, Buffer.from(docx), { gate: gateOf(1, 0) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('GET /letters/:id/document.pdf under load', () => {
  let t: TestApp;
  let savedPath: string | undefined;
  beforeAll(async () => {
    t = await createTestApp();
    savedPath = process.env.PATH;
  });
  afterAll(async () => {
    process.env.PATH = savedPath;
    await t.close();
  });

  it('serves two at a time, queues four and answers the rest 503 with Retry-After', async () => {
    const { bin } = await fakeConverter('http', 'sleep 3');
    process.env.PATH = `${path.dirname(bin)}${path.delimiter}${savedPath}`;
    const { id } = await seedLetter(t);
    const total = pdfGate.options.concurrency + pdfGate.options.maxQueue + 2;
    const answers = await Promise.all(
      Array.from({ length: total }, () => t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.pdf`, as: 'sc8.director' })),
    );
    const ok = answers.filter((a) => a.statusCode === 200);
    const busy = answers.filter((a) => a.statusCode === 503);
    expect(ok).toHaveLength(pdfGate.options.concurrency + pdfGate.options.maxQueue);
    for (const a of ok) expect(a.headers['content-type']).toContain('application/pdf');
    expect(busy).toHaveLength(2);
    for (const a of busy) {
      expect(a.headers['retry-after']).toBe(String(pdfGate.options.retryAfterSeconds));
      expect(a.json()).toMatchObject({ code: 'SERVER_BUSY', message: expect.stringContaining('PDF 转换任务较多') });
    }
  });
});
