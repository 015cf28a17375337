/**
 * The face of the `integrity-files` module (廉政档案): what code outside its folder may import from it.
 * Kept by `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { approvesRequests, custodianOrgOf } from './access';
export { runIntegrityFilesDaily } from './daily';
export { integrityFileRoutes } from './routes';
export { listFiles } from './service-files';
export { listRequests } from './service-requests';
