/**
 * The face of the `letters` module: what code outside its folder may import from it — other modules, the
 * platform, jobs, demo, CLI, tests and benches. Everything else in the folder is internal. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { DOCX_MIME } from './issue';
export { APPROVER_ROLES, BULLETIN_ROLES, DRAFTER_ROLES, LETTER_ROLES, REVIEWER_ROLES } from './policy';
export { letterRoutes } from './routes';
export { createLetterIn } from './service-drafting';
export { REPLY_OVERDUE_SQL, ledgerWhere, listLetters, sortSql } from './service-ledger';
export { exportLetterDocx } from './service-letters';
