/**
 * The face of the `taskforces` module (工作专班, issue 10): what code outside its folder may import from it.
 * Everything else in the folder is internal. Kept by `node scripts/module-faces.mjs`; the rule is
 * server/test/module-faces.test.ts.
 */
export { taskForceRoutes } from './routes';
