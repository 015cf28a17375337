/**
 * The face of the `reform` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { createCampaignTask, recordCampaignAccountability } from './from-campaign';
export type { CampaignTask } from './from-campaign';
export { TASK_DONE_STATES, taskLightDates, taskLightIs } from './light';
export { runReformDaily } from './reminders';
export { reformRoutes } from './routes';
export { openReformRecordForCase } from './service-records';
export { listRecords, RECORD_WALK_PROBES } from './service-records-read';
export { listTasks } from './service-tasks-read';
export { spawnTasksForLetter } from './tasks-from-letter';
