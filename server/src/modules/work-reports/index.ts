/**
 * The face of the `work-reports` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { REPORT_ROLES } from './access';
export { runWorkReportsDaily } from './daily';
export { checkReportLinks, hearLinkedReports } from './link';
export { workReportRoutes } from './routes';
export { listSlots } from './service-slots';
export { reportWorkflow } from './workflow';
