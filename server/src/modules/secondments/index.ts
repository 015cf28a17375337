/**
 * The face of the `secondments` module (抽调 / 传帮带 / 以干代训): what code outside its folder may import from it.
 * Kept by `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { runSecondmentExpiry } from './expiry';
export { secondmentRoutes } from './routes';
