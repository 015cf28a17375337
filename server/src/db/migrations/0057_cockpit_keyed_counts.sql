-- 监督质效 cockpit at full scale (issue 15, issue 12: p95 ≤ 200 ms at 32 connections, on cache hits and misses).

-- The cache hit: the key's scope fingerprint reads the caller's case-team memberships, the ones left too (a former
-- member of a case's investigation team never sees it at trial). The partial indexes of 0008 hold current members
-- only, so every hit read the whole table (480,000 rows at full scale: 70 ms of a 1 ms hit).
CREATE INDEX case_team_member_user_all ON case_team_member (user_id) INCLUDE (case_id, team, left_on);

-- The cache miss of a scoped caller counts the rows of its scope arm by arm, per org (platform/keyed-page.ts
-- keyedRowsSql): these indexes give each org arm of clueVisible and caseVisible its rows of the year from the index
-- alone — what the cockpit groups and filters by, what the predicate's scope tests (clearance, recusal by id) and the
-- org columns of the arms before it (the arms are made disjoint). They replace the key-only year indexes of 0051.
DROP INDEX clue_year_receiving;
DROP INDEX clue_year_undertaking;
DROP INDEX clue_year_subject;
CREATE INDEX clue_cockpit_receiving ON clue (commission_id, year, receiving_org_id)
  INCLUDE (undertaking_org_id, sector_code, state, received_on, classification, id);
CREATE INDEX clue_cockpit_undertaking ON clue (commission_id, year, undertaking_org_id)
  INCLUDE (receiving_org_id, sector_code, state, received_on, classification, id);
CREATE INDEX clue_cockpit_subject ON clue (commission_id, year, subject_org_id)
  INCLUDE (receiving_org_id, undertaking_org_id, sector_code, state, received_on, classification, id);
CREATE INDEX case_file_cockpit_lead ON case_file (commission_id, year, lead_org_id) INCLUDE (sector_code, state, filed_on, classification, id);

-- Rectification tasks as they stand, per supervising or unit org (the org arms of taskVisible), with the letter whose
-- clearance and recusal the task carries.
CREATE INDEX rectification_task_cockpit_supervisor ON rectification_task (supervisor_org_id) INCLUDE (commission_id, state, deadline, letter_id, id);
CREATE INDEX rectification_task_cockpit_unit ON rectification_task (unit_org_id) INCLUDE (commission_id, supervisor_org_id, state, deadline, letter_id, id);
