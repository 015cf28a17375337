/**
 * Contracts of cases (domain.md b.4, c.2; docs/clues-cases-api.md "Cases"): one import path for server and
 * screens; the schemas live in contracts-core.ts (stages, ledger, detail), contracts-actions.ts (actions,
 * outcomes, teams, measures) and contracts-interference.ts (the interference register).
 */
export * from './contracts-actions';
export * from './contracts-core';
export * from './contracts-interference';
