-- Issue 12: the clue and case ledgers' per-org probes as index-only top-N. A keyed page (platform/keyed-page.ts) reads,
-- per org of the caller's scope, the first rows of that org in the ledger's default order, and tests the scope on
-- each: commission, clearance (classification) and recusal (by id). The indexes of 0008/0009 had the order with `id`
-- ascending (the ledger sorts `received_on DESC, id DESC`: an incremental sort per org) and no classification (a heap
-- fetch per row). These hold the default order exactly and the columns the probe tests, so each probe stops after
-- its page's rows without touching the table. The capped count (keyedCountSql) reads the same indexes: each arm leaves
-- out the rows of the arms before it (receiving, then undertaking, then subject org), so an arm's index also carries
-- the org columns of the arms before it. They replace the old ones (same leading columns: the bitmap counts of the
-- dashboard and the cockpit read them as before).
CREATE INDEX clue_org_receiving ON clue (commission_id, receiving_org_id, received_on DESC, id DESC) INCLUDE (classification);
CREATE INDEX clue_org_undertaking ON clue (commission_id, undertaking_org_id, received_on DESC, id DESC) INCLUDE (classification, receiving_org_id);
CREATE INDEX clue_org_subject ON clue (commission_id, subject_org_id, received_on DESC, id DESC) INCLUDE (classification, receiving_org_id, undertaking_org_id);
DROP INDEX clue_receiving;
DROP INDEX clue_undertaking;
DROP INDEX clue_subject_org;
-- The case ledger's default order is (filed_on DESC NULLS FIRST, year DESC, seq DESC) — (year, seq) unique in a commission.
CREATE INDEX case_file_org_lead ON case_file (commission_id, lead_org_id, filed_on DESC NULLS FIRST, year DESC, seq DESC) INCLUDE (classification, id);
DROP INDEX case_file_lead;

-- A case team member keeps the lead org of the case (kept by the triggers below). caseVisible's team arm (the cases
-- the caller is on the team of) then leaves out, from the index alone, the team cases whose lead org is in the
-- caller's scope: those are the lead-org arm's already. A county's staff sit on thousands of its own cases' teams;
-- gathering every one of those cases for a page of 20 was most of the county's case ledger.
ALTER TABLE case_team_member ADD COLUMN case_lead_org_id uuid;
UPDATE case_team_member m SET case_lead_org_id = k.lead_org_id FROM case_file k WHERE k.id = m.case_id;

CREATE FUNCTION case_team_member_lead_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.case_lead_org_id := (SELECT k.lead_org_id FROM case_file k WHERE k.id = NEW.case_id);
  RETURN NEW;
END $$;
CREATE TRIGGER case_team_member_lead_org BEFORE INSERT OR UPDATE OF case_id, case_lead_org_id ON case_team_member
  FOR EACH ROW EXECUTE FUNCTION case_team_member_lead_org();

CREATE FUNCTION case_file_lead_org_to_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_team_member SET case_lead_org_id = NEW.lead_org_id WHERE case_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER case_file_lead_org_to_team AFTER UPDATE OF lead_org_id ON case_file
  FOR EACH ROW WHEN (OLD.lead_org_id IS DISTINCT FROM NEW.lead_org_id) EXECUTE FUNCTION case_file_lead_org_to_team();

CREATE INDEX case_team_member_user_lead ON case_team_member (user_id) INCLUDE (case_id, case_lead_org_id) WHERE left_on IS NULL;
