/**
 * The face of the `self-inspection` module (自查自纠, issue 10): what code outside its folder may import from
 * it — the routes, the daily overdue job, the cockpit's KPI function and the visibility of an answer (the
 * attachment owner registry). Kept by `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { SELF_ANSWER_ROLES, responseVisible } from './access';
export { runSelfInspectionDaily } from './daily';
export { selfInspectionKpis } from './kpis';
export { computeMatrix, getMatrixJson } from './matrix';
export { selfInspectionRoutes } from './routes';
