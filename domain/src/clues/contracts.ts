/**
 * Contracts of 问题线索 (domain.md b.4, c.1; docs/clues-cases-api.md "Clues"). One import path for
 * server and screens; the schemas live in contracts-core.ts (intake, ledger, requests, actions) and
 * contracts-work.ts (谈话函询, 初步核实, meetings, detail, related, overdue).
 */
export * from './contracts-core';
export * from './contracts-work';
