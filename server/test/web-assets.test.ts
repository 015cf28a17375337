import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../src/config';
import { precompressDir } from '../../scripts/precompress';
import { createTestApp, type TestApp } from './app';

/**
 * The built web app as the browser gets it: precompressed variants chosen by Accept-Encoding (scripts/
 * precompress.ts writes them at build time), hashed assets cached for a year, the HTML shell never cached,
 * and nothing but the build folder reachable.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-webdist-'));
const js = `export const screens = [${Array.from({ length: 400 }, (_, i) => `{ path: '/screen/${i}', title: '第${i}屏' }`).join(', ')}];\n`;
const html = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>联动监督平台</title>${'<link rel="modulepreload" href="/assets/app-Ab12Cd34.js">'.repeat(20)}</head><body><div id="root"></div></body></html>\n`;
const SECRET = 'secret-outside-the-build-folder';

let t: TestApp;
beforeAll(async () => {
  mkdirSync(path.join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'web', 'index.html'), html);
  writeFileSync(path.join(dir, 'web', 'assets', 'app-Ab12Cd34.js'), js);
  writeFileSync(path.join(dir, 'web', 'assets', 'tiny-Zz.js'), 'x');
  writeFileSync(path.join(dir, 'passwd'), SECRET);
  const result = await precompressDir(path.join(dir, 'web'));
  // A one-byte file gains nothing from compression and keeps no variant.
  expect(result.files).toEqual(['assets/app-Ab12Cd34.js', 'index.html']);
  t = await createTestApp({ webDist: path.join(dir, 'web') });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(url: string, acceptEncoding?: string) {
  return t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
}

describe('precompressed web assets', () => {
  it('sends the brotli variant to a browser that accepts br, with the script type and a year of caching', async () => {
    const res = await get('/assets/app-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(js.length / 4);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(js);
  });

  it('sends gzip to a client without br, and the plain file to one that accepts neither', async () => {
    const gz = await get('/assets/app-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js);

    const brRefused = await get('/assets/app-Ab12Cd34.js', 'br;q=0, gzip;q=0.8');
    expect(brRefused.headers['content-encoding']).toBe('gzip');

    for (const acceptEncoding of [undefined, 'identity', 'zstd']) {
      const plain = await get('/assets/app-Ab12Cd34.js', acceptEncoding);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers['content-type']).toMatch(/javascript/);
      expect(plain.body).toBe(js);
    }

    // A file without variants (too small to gain anything) is sent as it is.
    const tiny = await get('/assets/tiny-Zz.js', 'br, gzip');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('x');
  });

  it('deep links and /index.html get the compressed shell, never cached', async () => {
    for (const url of ['/', '/login', '/clues/123', '/index.html']) {
      const res = await get(url, 'gzip, deflate, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers.vary, url).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(html);
    }
    const plain = await get('/clues/123');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body).toBe(html);
  });

  it('HEAD on the shell and on deep links answers like GET without a body (monitors and proxies probe with HEAD)', async () => {
    for (const url of ['/', '/clues/123']) {
      const res = await t.app.inject({ method: 'HEAD', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe('');
    }
    expect((await t.app.inject({ method: 'HEAD', url: '/api/v1/nothing-here' })).statusCode).toBe(404);
  });

  it("scripts and style sheets carry the subresource headers only; the shell keeps the page's full policy", async () => {
    const script = await get('/assets/app-Ab12Cd34.js', 'br');
    expect(script.statusCode).toBe(200);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(script.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(script.headers['referrer-policy']).toBe('no-referrer');
    for (const name of ['content-security-policy', 'x-frame-options', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection'])
      expect(script.headers[name], name).toBeUndefined();
    // ~500 bytes less per file of a first load (about fifty files on the signed-in home).
    const shell = await get('/clues/123', 'br');
    const size = (h: Record<string, unknown>) => Object.entries(h).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    expect(size(shell.headers) - size(script.headers)).toBeGreaterThan(400);
    // The HTML shell, every deep link, an unknown path and the API keep the whole set.
    for (const url of ['/', '/login', '/clues/123', '/index.html', '/api/v1/health', '/api/v1/nowhere', '/assets-not/x.js', '/x.js']) {
      const res = await get(url, 'br');
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    // Whatever else lies under /assets is a JSON 404, and the HTML shell, however asked for, has the page's policy.
    const missing = await get('/assets/missing-00000000.js', 'br');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    for (const url of ['/assets/..%2findex.html.js', '/assets/%2e%2e/index.html.js', '/assets/%2e%2e/index.html?x.js', '/assets/../login?.js', '/login#a.js']) {
      const res = await get(url, 'br');
      if (String(res.headers['content-type']).startsWith('text/html')) expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      else expect(res.statusCode, url).toBe(404);
    }
  });

  it('the compressed files are not addressable by their own names, and nothing outside the build folder is', async () => {
    for (const url of ['/assets/app-Ab12Cd34.js.br', '/assets/app-Ab12Cd34.js.gz', '/assets/missing-00000000.js']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-encoding'], url).toBeUndefined();
    }
    for (const url of ['/..%2fpasswd', '/..%2f..%2fetc/passwd', '/assets/..%2f..%2fpasswd', '/assets/%2e%2e/%2e%2e/passwd', '/index.html.br']) {
      const res = await get(url, 'br, gzip');
      const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(body, url).not.toContain(SECRET);
      expect(body, url).not.toContain('root:');
      // Either refused or answered with the app shell.
      if (res.statusCode === 200) expect(body, url).toBe(html);
    }
    // API errors stay JSON, not the HTML shell.
    const api = await get('/api/v1/nowhere', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('NOT_FOUND');
  });
});

// The real build (npm run build:web), when present: the entry script of index.html has both variants.
const built = repoPath('web', 'dist');
describe.skipIf(!existsSync(path.join(built, 'index.html.br')))('the built web app', () => {
  it('serves the entry script of index.html as brotli', async () => {
    const app = await createTestApp({ webDist: built });
    try {
      const entry = readFileSync(path.join(built, 'index.html'), 'utf8').match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
      expect(entry).toBeDefined();
      const res = await app.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).equals(readFileSync(path.join(built, entry!)))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
