-- Concurrent writers and the statement-trigger aggregates (cockpit_*_agg of 0052, 0061, 0065; casework_*_agg of 0058,
-- 0062, 0066; self_inspection_unit_agg of 0058). Every write upserts its buckets' rows and holds their locks until it
-- commits, so writers whose buckets overlap wait for each other, and when two of them wait in a cycle PostgreSQL rolls
-- one back (40P01: through the API a 409 "并发冲突，请重试" instead of the user's write).
--
-- The cycle was the area's epoch row. Every write of a counted table also bumps its area's row of data_epoch (the
-- caches' key: 'clues' for clue and case_file, 0008; 'supervision' for supervision_item, 0007; 'reform' for letter and
-- rectification_task, 0010; 'campaign' for campaign and self_inspection_response, 0032), a single row every writer of
-- the area locks until it commits. That bump was an AFTER statement trigger, fired in name order among the aggregates'
-- triggers (casework_clue_*_agg < clue_epoch < cockpit_clue_agg; cockpit_item_*agg < supervision_item_epoch): a writer
-- locked some buckets, then waited for the epoch row, while the epoch row's holder went on to its next statement and
-- waited for those buckets (a clue and then its case, an insert and then a delete, a task and then a letter).
-- cockpit/aggregates-concurrency.test.ts (12 connections, 4 s) counted 5–6 and 12–14 deadlocks in its two races (4 runs) before
-- this migration; with the upserts merely sorted by key (as 0062 and 0066 do) still 4 and 13.
--
-- Here the epoch bump of each counted table is a BEFORE statement trigger: every statement of an area takes the
-- area's epoch row before any row or bucket, so a transaction holds buckets of an area only while it holds that
-- area's epoch row, and no two writers of one area can wait for each other's buckets. The bump itself is unchanged
-- (+1 in the writing transaction, seen by the caches when it commits). Transactions that take two areas' epoch rows in
-- opposite orders can still deadlock on those rows, as they could before; that order is the application's (note that
-- a case's lead org or state change also updates its letters and reform records, so it takes the 'reform' and
-- 'campaign' rows after 'clues').
DROP TRIGGER clue_epoch ON clue;
CREATE TRIGGER clue_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON clue
  FOR EACH STATEMENT EXECUTE FUNCTION bump_clues_epoch();
DROP TRIGGER case_file_epoch ON case_file;
CREATE TRIGGER case_file_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_file
  FOR EACH STATEMENT EXECUTE FUNCTION bump_clues_epoch();
DROP TRIGGER supervision_item_epoch ON supervision_item;
CREATE TRIGGER supervision_item_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON supervision_item
  FOR EACH STATEMENT EXECUTE FUNCTION bump_supervision_epoch();
DROP TRIGGER letter_epoch ON letter;
CREATE TRIGGER letter_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON letter
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reform_epoch();
DROP TRIGGER rectification_task_epoch ON rectification_task;
CREATE TRIGGER rectification_task_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON rectification_task
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reform_epoch();
DROP TRIGGER campaign_epoch ON campaign;
CREATE TRIGGER campaign_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
DROP TRIGGER self_inspection_response_epoch ON self_inspection_response;
CREATE TRIGGER self_inspection_response_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON self_inspection_response
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
