/** Values the global setup hands to every test file (vitest `provide`/`inject`). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the run's embedded PostgreSQL server (database `postgres`). */
    pgServerUrl: string;
    /** A folder of the run's, removed when it ends: the test files' data folders are made inside it (test/app.ts). */
    testDataRoot: string;
    /** Base URL of the server started for browser journeys. */
    e2eBaseUrl: string;
    /** Connection URL of the browser journeys' database (the application role), or '' when they skip. */
    e2eDatabaseUrl: string;
    /** Why browser journeys are skipped (no Chromium), or '' when they run. */
    e2eSkipReason: string;
  }
}
export {};
