/**
 * The face of the `problems` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { clusterDocuments } from './cluster-core';
export { problemRoutes } from './routes';
export { problemWorkflow } from './workflow';
