/**
 * The face of the `cockpit` module: what code outside its folder may import from it. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { cockpitParams } from './cache';
export { cockpitRoutes } from './routes';
export { computeCockpit, computeFigures } from './service';
