/**
 * Contracts of the annual supervision lists (domain.md b.3, c.3): one import path for server and screens;
 * the schemas live in contracts-core.ts (items, lists, progress, findings, consultations) and
 * contracts-common-items.ts (common items and the matrix).
 */
export * from './contracts-core';
export * from './contracts-common-items';
