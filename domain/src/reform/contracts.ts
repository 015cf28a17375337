export * from './contracts-letters';
export * from './contracts-reform';
