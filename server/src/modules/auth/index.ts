/**
 * The face of the `auth` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { getMe } from './me';
export { hashPassword } from './password';
export { authRoutes } from './routes';
export { assertNewPasswordAllowed } from './service';
export { SESSION_COOKIE, clearSessionCache, createSession, hashSessionToken, loadSession } from './session';
