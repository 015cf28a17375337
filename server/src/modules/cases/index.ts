/**
 * The face of the `cases` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { CASE_DOC_CODE, fileCaseForClue, openProposedCase } from './filing';
export { caseRoutes } from './routes';
export { OVERDUE_SQL, casePage, listCases } from './service-ledger';
