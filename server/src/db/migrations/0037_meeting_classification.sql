-- 密级 of a meeting (issue 11, domain.md b.2, e.1): a meeting carries a classification like every other
-- business record; modules/visibility/meetings.ts admits an account to a meeting — and to its decisions,
-- which follow their meeting — only if the account's clearance reaches it (recordVisible). Existing meetings
-- are 工作秘密, the default of the commission's records. The platform refuses SECRET and above (e.1).
ALTER TABLE meeting ADD COLUMN classification text NOT NULL DEFAULT 'WORK_SECRET'
  CHECK (classification IN ('PUBLIC','WORK_SECRET'));
