-- issue 12: the rectification-task board and the letter ledger without a per-row look-up of another table in their
-- visibility (visibility/reform.ts taskVisibleParts, letterVisibleParts with caseCheck 'stored'), as 0059 did for the
-- reform records.
--  - A task's gate is its letter's (cleared for the letter's classification, not recused from the letter nor from the
--    letter's case): the task keeps the letter's classification and case.
--  - A letter is seen through its case (the case visible): the letter keeps the case's lead org (the case arm's key)
--    and classification (the case's clearance), so the case arm is probed per org like the letter's own org arms.
-- Both kept equal to their source by the triggers below; every probe reads an index in the ledger's default sort
-- that covers what the scope reads (an index-only top-N, and the capped counts index-only too).

ALTER TABLE rectification_task
  ADD COLUMN letter_classification text,
  ADD COLUMN letter_case_id uuid;

CREATE FUNCTION rectification_task_letter_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.letter_id IS NULL THEN
    NEW.letter_classification := NULL; NEW.letter_case_id := NULL;
  ELSE
    SELECT l.classification, l.case_id INTO NEW.letter_classification, NEW.letter_case_id FROM letter l WHERE l.id = NEW.letter_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rectification_task_letter_facts BEFORE INSERT OR UPDATE OF letter_id, letter_classification, letter_case_id ON rectification_task
  FOR EACH ROW EXECUTE FUNCTION rectification_task_letter_facts();
UPDATE rectification_task SET letter_id = letter_id WHERE letter_id IS NOT NULL;

CREATE FUNCTION letter_facts_to_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The task's own trigger reads the letter again (this row, as updated).
  UPDATE rectification_task SET letter_id = letter_id WHERE letter_id = NEW.id
    AND (letter_classification IS DISTINCT FROM NEW.classification OR letter_case_id IS DISTINCT FROM NEW.case_id);
  RETURN NULL;
END $$;
CREATE TRIGGER letter_facts_to_tasks AFTER UPDATE OF classification, case_id ON letter
  FOR EACH ROW WHEN (OLD.classification IS DISTINCT FROM NEW.classification OR OLD.case_id IS DISTINCT FROM NEW.case_id)
  EXECUTE FUNCTION letter_facts_to_tasks();

ALTER TABLE letter
  ADD COLUMN case_lead_org_id uuid REFERENCES org(id),
  ADD COLUMN case_classification text;

CREATE FUNCTION letter_case_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_id IS NULL THEN
    NEW.case_lead_org_id := NULL; NEW.case_classification := NULL;
  ELSE
    SELECT k.lead_org_id, k.classification INTO NEW.case_lead_org_id, NEW.case_classification FROM case_file k WHERE k.id = NEW.case_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER letter_case_facts BEFORE INSERT OR UPDATE OF case_id, case_lead_org_id, case_classification ON letter
  FOR EACH ROW EXECUTE FUNCTION letter_case_facts();
UPDATE letter SET case_id = case_id WHERE case_id IS NOT NULL;

CREATE FUNCTION case_file_facts_to_letters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE letter SET case_id = case_id WHERE case_id = NEW.id
    AND (case_lead_org_id IS DISTINCT FROM NEW.lead_org_id OR case_classification IS DISTINCT FROM NEW.classification);
  RETURN NULL;
END $$;
CREATE TRIGGER case_file_facts_to_letters AFTER UPDATE OF lead_org_id, classification ON case_file
  FOR EACH ROW WHEN (OLD.lead_org_id IS DISTINCT FROM NEW.lead_org_id OR OLD.classification IS DISTINCT FROM NEW.classification)
  EXECUTE FUNCTION case_file_facts_to_letters();

-- Tasks, per key in the board's default order (deadline, id), covering the scope (commission, the letter's gate), the
-- lights (state, deadline) and the earlier arms a capped count leaves out (supervisor org, unit org). The running
-- tasks (RED, YELLOW, GREEN) have their own, as 0055's (replaced).
CREATE INDEX rectification_task_supervisor_board ON rectification_task (supervisor_org_id, deadline, id)
  INCLUDE (commission_id, state, letter_id, letter_classification, letter_case_id);
CREATE INDEX rectification_task_unit_board ON rectification_task (unit_org_id, deadline, id)
  INCLUDE (commission_id, state, supervisor_org_id, letter_id, letter_classification, letter_case_id);
CREATE INDEX rectification_task_supervisor_board_running ON rectification_task (supervisor_org_id, deadline, id)
  INCLUDE (commission_id, state, letter_id, letter_classification, letter_case_id) WHERE state NOT IN ('VERIFIED', 'CLOSED');
CREATE INDEX rectification_task_unit_board_running ON rectification_task (unit_org_id, deadline, id)
  INCLUDE (commission_id, state, supervisor_org_id, letter_id, letter_classification, letter_case_id) WHERE state NOT IN ('VERIFIED', 'CLOSED');
CREATE INDEX rectification_task_supervisor_user_board ON rectification_task (supervisor_user_id, deadline, id)
  INCLUDE (commission_id, state, supervisor_org_id, unit_org_id, letter_id, letter_classification, letter_case_id);
DROP INDEX rectification_task_supervisor_running;
DROP INDEX rectification_task_unit_running;
DROP INDEX rectification_task_supervisor_user_ledger;

-- Letters, per key newest first (the ledger's default order), covering the scope and the earlier arms of a count.
CREATE INDEX letter_ledger_case_lead ON letter (case_lead_org_id, created_at DESC, id DESC)
  INCLUDE (commission_id, classification, state, case_id, case_classification, campaign_id, drafting_org_id, recipient_org_id)
  WHERE case_lead_org_id IS NOT NULL;
CREATE INDEX letter_ledger_drafting_covering ON letter (drafting_org_id, created_at DESC, id DESC)
  INCLUDE (commission_id, classification, state, case_id, case_classification, campaign_id, recipient_org_id);
CREATE INDEX letter_ledger_recipient_covering ON letter (recipient_org_id, created_at DESC, id DESC)
  INCLUDE (commission_id, classification, state, case_id, case_classification, campaign_id, drafting_org_id);
DROP INDEX letter_ledger_drafting;
DROP INDEX letter_ledger_recipient;

-- A wide scope (a 分管领导's or an office's hundreds of orgs: more probes than keyed-page.ts KEYED_PROBE_LIMIT) walks the
-- default order with the whole predicate: the walk reads the index alone, covering every arm and the scope (0054's
-- replaced).
CREATE INDEX rectification_task_board_walk ON rectification_task (commission_id, deadline, id)
  INCLUDE (supervisor_org_id, unit_org_id, supervisor_user_id, campaign_id, state, letter_id, letter_classification, letter_case_id);
-- The lights' capped counts of a wide scope read the running tasks' range of the book in deadline order (RED, YELLOW,
-- GREEN: the running tasks only, never the closed ones past their deadline).
CREATE INDEX rectification_task_board_walk_running ON rectification_task (commission_id, deadline, id)
  INCLUDE (supervisor_org_id, unit_org_id, supervisor_user_id, campaign_id, state, letter_id, letter_classification, letter_case_id)
  WHERE state NOT IN ('VERIFIED', 'CLOSED');
DROP INDEX rectification_task_ledger;
CREATE INDEX letter_ledger_walk ON letter (commission_id, created_at DESC, id DESC)
  INCLUDE (drafting_org_id, recipient_org_id, case_lead_org_id, campaign_id, classification, state, case_id, case_classification);
DROP INDEX letter_ledger;
