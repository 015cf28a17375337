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

/** Sets the precomputed security headers on every answer, first thing in onRequest (errors and 404s included). */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const { set, remove } = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of set) raw.setHeader(name, value);
    for (const name of remove) raw.removeHeader(name);
    done();
  });
}
