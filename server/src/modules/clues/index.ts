/**
 * The face of the `clues` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { fileCampaignClue } from './from-campaign';
export type { CampaignClue } from './from-campaign';
export { CLUE_OVERDUE_KIND_LIST, dueBy } from './overdue-kinds';
export { UNDERTAKING_ROLES } from './policy';
export { runClueReminders } from './reminders';
export { clueRoutes } from './routes';
export { ledgerPage, ledgerRows } from './service-ledger';
export { clueMeetingVisible } from './service-meetings';
export { listRequests } from './service-requests';
