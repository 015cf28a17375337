/**
 * The face of the `meetings` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { runMeetingsDaily, markDecisionOverdue } from './daily';
export { meetingRoutes } from './routes';
export { listDecisions } from './service-decisions';
export { decisionWorkflow, meetingWorkflow } from './workflow';
