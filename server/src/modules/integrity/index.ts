/**
 * The face of the `integrity` module (党风廉政意见回复): what code outside its folder may import from it.
 * Kept by `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { INTEGRITY_ROLES, integrityVisible, reachesIntegrity } from './access';
export { collectFor } from './collect';
export { runIntegrityDaily } from './daily';
export { issuedOpinionsFor } from './repo';
export type { IssuedOpinionRow } from './repo';
export { integrityRoutes } from './routes';
