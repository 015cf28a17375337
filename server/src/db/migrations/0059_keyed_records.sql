-- issue 12: the 以案促改 record ledger keyed on every arm of its visibility (platform/keyed-page.ts,
-- visibility/reform.ts reformVisibleParts). Besides the owner and unit orgs (0056), a record is seen through its case
-- (the case's lead org in scope) and through its campaign (the actor's 专班): both probed per key with an index ordered
-- as the ledger's default sort (created_at DESC, id), so a page reads O(keys × page) rows, not every visible record.

-- What the ledger needs of a record's case, read off the record (kept equal to case_file by the triggers below; a
-- record's case is set when it is opened, a case's lead org changes on 指定管辖, its state and classification as it
-- goes): the lead org (the case arm's key), whether it is decided and its classification (the gate every case-born
-- record passes: decided and cleared, else the case visible — checked by the case's key only when not).
ALTER TABLE reform_record
  ADD COLUMN case_lead_org_id uuid REFERENCES org(id),
  ADD COLUMN case_decided boolean,
  ADD COLUMN case_classification text;

-- The decided states are visibility/reform.ts CASE_DECIDED_STATES.
CREATE FUNCTION reform_record_case_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT k.lead_org_id, k.state IN ('DECIDED','PROSECUTION_TRANSFERRED','SANCTION_ANNOUNCED','EXECUTED','ARCHIVED'), k.classification
    INTO NEW.case_lead_org_id, NEW.case_decided, NEW.case_classification
    FROM case_file k WHERE k.id = NEW.case_id;
  IF NEW.case_id IS NULL THEN
    NEW.case_lead_org_id := NULL; NEW.case_decided := NULL; NEW.case_classification := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reform_record_case_facts BEFORE INSERT OR UPDATE OF case_id, case_lead_org_id, case_decided, case_classification ON reform_record
  FOR EACH ROW EXECUTE FUNCTION reform_record_case_facts();
UPDATE reform_record SET case_id = case_id WHERE case_id IS NOT NULL;

CREATE FUNCTION case_file_facts_to_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The record's own trigger reads the case again (this row, as updated); only when a fact it keeps changed.
  UPDATE reform_record SET case_id = case_id WHERE case_id = NEW.id
    AND (case_lead_org_id IS DISTINCT FROM NEW.lead_org_id OR case_classification IS DISTINCT FROM NEW.classification
      OR case_decided IS DISTINCT FROM (NEW.state IN ('DECIDED','PROSECUTION_TRANSFERRED','SANCTION_ANNOUNCED','EXECUTED','ARCHIVED')));
  RETURN NULL;
END $$;
CREATE TRIGGER case_file_facts_to_records AFTER UPDATE OF lead_org_id, state, classification ON case_file
  FOR EACH ROW WHEN (OLD.lead_org_id IS DISTINCT FROM NEW.lead_org_id OR OLD.state IS DISTINCT FROM NEW.state
    OR OLD.classification IS DISTINCT FROM NEW.classification)
  EXECUTE FUNCTION case_file_facts_to_records();

-- Per key, newest first, with what the scope reads of every probed row (commission, clearance, the case's gate): an
-- index-only top-N.
CREATE INDEX reform_record_case_lead_ledger ON reform_record (case_lead_org_id, created_at DESC, id)
  INCLUDE (commission_id, classification, case_id, case_decided, case_classification) WHERE case_lead_org_id IS NOT NULL;
CREATE INDEX reform_record_campaign_ledger ON reform_record (campaign_id, created_at DESC, id)
  INCLUDE (commission_id, classification, case_id, case_decided, case_classification) WHERE campaign_id IS NOT NULL;
