import { createRequire } from 'node:module';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type HelmetOptions = Omit<FastifyHelmetOptions, 'enableCSPNonces' | 'global'>;
type Middleware = (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
/** helmet as @fastify/helmet (the declared dependency) resolves it: the same version it would run. */
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (options: HelmetOptions) => Middleware;

/**
 * The security headers of every answer (CSP, X-Frame-Options, nosniff, Referrer-Policy …), as helmet
 * computes them for `options`. Helmet's answer does not depend on the request, so it is computed ONCE here
 * (helmet run against a recorder) and each request only copies the fixed list — @fastify/helmet rebuilt
 * the whole helmet middleware (parsing every CSP directive) in two hooks on every request (issue 12).
 */
export function securityHeaders(options: Readonly<HelmetOptions>): { set: [string, string][]; remove: string[] } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, String(value)]),
    removeHeader: (name: string) => remove.push(name),
  };
  let failed: unknown;
  helmet(options)({}, recorder, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return { set, remove };
}

/**
 * Headers that only take effect on a document (or a worker's script): a page's policy (CSP, COOP,
 * Origin-Agent-Cluster, framing, DNS prefetch, IE download and XSS-filter switches, Flash/PDF cross-domain
 * policies). A script or style sheet the page loads runs under the page's headers, not its own.
 */
const DOCUMENT_ONLY = new Set([
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-frame-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

/**
 * The built web app's hashed scripts and style sheets (`/assets/….js|css`; @fastify/static serves only real files of
 * the build there, anything else under /assets is a JSON 404). The app starts no workers, so none of these runs as a
 * document or a worker's global scope.
 */
const SUBRESOURCE = /^\/assets\/[^?#]+\.(?:js|mjs|css)(?:[?#]|$)/;

/**
 * Sets the precomputed security headers on every answer, first thing in onRequest (errors and 404s included).
 * The web app's scripts and style sheets get the subresource headers only (nosniff, CORP, Referrer-Policy, HSTS):
 * the document-only ones would add some 500 bytes to each of the ~50 files of a first load (issue 12: the
 * signed-in home ≤ 400 KB transferred) without protecting anything.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const { set, remove } = securityHeaders(options);
  const subresource = set.filter(([name]) => !DOCUMENT_ONLY.has(name.toLowerCase()));
  app.addHook('onRequest', (req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of SUBRESOURCE.test(req.url) ? subresource : set) raw.setHeader(name, value);
    for (const name of remove) raw.removeHeader(name);
    done();
  });
}
