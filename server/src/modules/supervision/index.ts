/**
 * The face of the `supervision` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { lightDates, lightIs } from './light';
export type { LightDates } from './light';
export { SUPERVISION_ROLES, canIssueCommonItems, canReadMatrix } from './policy';
export { runSupervisionReminders } from './reminders';
export { itemScopeArms, itemVisible, listVisible, loadActorFacts } from './repo';
export { supervisionRoutes } from './routes';
export { supervisionExcelRoutes } from './routes-export';
export { issueCommonItemIn, matrix } from './service-common';
export { myItems } from './service-my';
