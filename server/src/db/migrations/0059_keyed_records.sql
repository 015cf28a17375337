-- issue 12: the 以案促改 record ledger keyed on every arm of its visibility (platform/keyed-page.ts,
-- visibility/reform.ts reformVisibleParts). Besides the owner and unit orgs (0056), a record is seen through its case
-- (the case's lead org in scope) and through its campaign (the actor's 专班): both probed per key with an index ordered
-- as the ledger's default sort (created_at DESC, id), so a page reads O(keys × page) rows, not every visible record.

-- The case's lead org, read off the record: kept equal to case_file.lead_org_id by the triggers below (a record's case
-- is set when it is opened; a case's lead org changes on 指定管辖).
ALTER TABLE reform_record ADD COLUMN case_lead_org_id uuid REFERENCES org(id);
UPDATE reform_record r SET case_lead_org_id = k.lead_org_id FROM case_file k WHERE k.id = r.case_id;

CREATE FUNCTION reform_record_case_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.case_lead_org_id := (SELECT k.lead_org_id FROM case_file k WHERE k.id = NEW.case_id);
  RETURN NEW;
END $$;
CREATE TRIGGER reform_record_case_lead BEFORE INSERT OR UPDATE OF case_id, case_lead_org_id ON reform_record
  FOR EACH ROW EXECUTE FUNCTION reform_record_case_lead();

CREATE FUNCTION case_file_lead_to_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reform_record SET case_lead_org_id = NEW.lead_org_id WHERE case_id = NEW.id AND case_lead_org_id IS DISTINCT FROM NEW.lead_org_id;
  RETURN NULL;
END $$;
CREATE TRIGGER case_file_lead_to_records AFTER UPDATE OF lead_org_id ON case_file
  FOR EACH ROW WHEN (OLD.lead_org_id IS DISTINCT FROM NEW.lead_org_id) EXECUTE FUNCTION case_file_lead_to_records();

-- Per key, newest first, with what the scope reads of every probed row (commission, clearance, the case gate): an
-- index-only top-N.
CREATE INDEX reform_record_case_lead_ledger ON reform_record (case_lead_org_id, created_at DESC, id) INCLUDE (commission_id, case_id, classification)
  WHERE case_lead_org_id IS NOT NULL;
CREATE INDEX reform_record_campaign_ledger ON reform_record (campaign_id, created_at DESC, id) INCLUDE (commission_id, case_id, classification)
  WHERE campaign_id IS NOT NULL;
