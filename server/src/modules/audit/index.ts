/**
 * The face of the `audit` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { readAnchors, writeAnchors } from './anchors';
export { ARCHIVE_DIR, archiveAudit, verifyArchiveFile } from './archive';
export { verifyChains } from './chain';
export { startAuditJobs } from './jobs';
export { auditRoutes } from './routes';
export { sealLegacyChain } from './seal';
