/**
 * `tsx scripts/precompress.ts <dir>` (run by `npm run build -w web` after `vite build`): writes a brotli
 * (`.br`, quality 11) and a gzip (`.gz`, level 9) sibling next to every compressible file of the built web
 * app, so that the server sends compressed bytes without compressing anything per request (@fastify/static
 * `preCompressed`). Compressing once at build time affords the slowest, smallest settings.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats and uncompressed fonts; woff/woff2, images and archives are compressed already. */
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt', '.xml', '.webmanifest']);
const FONT = new Set(['.ttf', '.otf', '.eot']);

export interface PrecompressResult {
  /** Files given a compressed sibling, relative to the directory. */
  files: string[];
  bytes: number;
  brBytes: number;
  gzBytes: number;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * Writes `<file>.br` and `<file>.gz` for every compressible file under `dir` (recursively). A variant that
 * would not be smaller than the original is not written (the server then sends the original). Existing
 * `.br`/`.gz` files are never compressed again, so running it twice gives the same result.
 */
export async function precompressDir(dir: string): Promise<PrecompressResult> {
  const result: PrecompressResult = { files: [], bytes: 0, brBytes: 0, gzBytes: 0 };
  const files = (await walk(dir)).filter((f) => {
    const ext = path.extname(f).toLowerCase();
    return TEXT.has(ext) || FONT.has(ext);
  });
  await Promise.all(
    files.map(async (file) => {
      const data = await readFile(file);
      const mode = FONT.has(path.extname(file).toLowerCase()) ? constants.BROTLI_MODE_FONT : constants.BROTLI_MODE_TEXT;
      const [br, gzipped] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: mode,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gz(data, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      let wrote = false;
      if (br.length < data.length) {
        await writeFile(`${file}.br`, br);
        result.brBytes += br.length;
        wrote = true;
      }
      if (gzipped.length < data.length) {
        await writeFile(`${file}.gz`, gzipped);
        result.gzBytes += gzipped.length;
        wrote = true;
      }
      if (wrote) {
        result.files.push(path.relative(dir, file));
        result.bytes += data.length;
      }
    }),
  );
  result.files.sort();
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'dist');
  const started = Date.now();
  precompressDir(dir)
    .then((r) => {
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      console.log(
        `precompressed ${r.files.length} files in ${Date.now() - started} ms: ${kb(r.bytes)} → brotli ${kb(r.brBytes)}, gzip ${kb(r.gzBytes)} (${dir})`,
      );
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
