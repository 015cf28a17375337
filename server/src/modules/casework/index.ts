/**
 * The face of the `casework` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { dashboardScopeKey } from './cache';
export { computeDashboard } from './dashboard';
export { caseworkRoutes } from './routes';
export { runSearchStatement, searchCasework, searchPlan, searchStatement } from './search';
