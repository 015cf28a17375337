/**
 * Who sees which record of case work (domain.md d): clues, cases, recommendation letters, rectification
 * tasks, reform and accountability records, bulletins — one SQL predicate per object, used by every query.
 * They live below the clues, cases, letters and reform modules because each of those filters by the
 * others' predicates (a case's reform record follows the case; a clue is seen by its case's team), and
 * the hand-offs between them (clue → case filing → reform record) run the other way.
 *
 * The face of the `visibility` module: what code outside its folder may import from it. Kept by
 * `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { CAMPAIGN_READ_ROLES, CAMPAIGN_WIDE_ROLES, campaignMemberArm, campaignVisible } from './campaigns';
export { CASE_READ_ROLES, caseVisible, caseVisibleArms } from './cases';
export { approverOf, INSPECTION_ROLES, inspectionVisible, onTeam, oversees, plannerOf, visibleFindingIds } from './inspections';
export { MEETING_LEADER_ROLES, MEETING_READ_ROLES, decisionVisible, meetingVisible } from './meetings';
export {
  type Grants,
  SHARE_OWNER_COLUMNS,
  SHARE_TABLES,
  type SharedRead,
  type SharedReadVia,
  type SharedUse,
  auditSharedReads,
  grantsBehind,
  grantsFor,
  grantsOf,
  sharedArm,
  sharedParts,
  sharedRead,
  sharedTo,
} from './shares';
export { CLUE_BOOK_ROLES, CLUE_READ_ROLES, canReadComplainant, clueVisible, clueVisibleArms } from './clues';
export {
  LETTER_RECIPIENT_STATES,
  REFORM_READ_ROLES,
  REFORM_SCOPED_ROLES,
  REFORM_STAFF_ROLES,
  REFORM_WIDE_ROLES,
  accountabilityVisible,
  bulletinVisible,
  letterCaseByRow,
  letterLedgerWalks,
  letterVisible,
  letterVisibleParts,
  type LetterCaseCheck,
  type LetterVisibleOptions,
  reformVisible,
  taskVisible,
  taskVisibleParts,
  whoMayOpenLetter,
  whoMayOpenTask,
} from './reform';
export { problemVisible, sourceProblems } from './problems';
export { type RecordCaseCheck, reformVisibleKeyed, reformVisibleParts, reformWalkVisible } from './reform';
