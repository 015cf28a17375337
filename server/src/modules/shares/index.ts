/**
 * The face of the `shares` module (信息互通): what code outside its folder may import from it.
 * Kept by `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { shareRoutes } from './routes';
