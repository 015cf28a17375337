-- Migration 0095: a 以案促改 record's case is always of the record's own commission.
-- The record ledger's scope (visibility/reform-records.ts reformVisibleParts, reformWalkVisible) reads a case-born
-- record's case off the record (0059: case_lead_org_id, case_decided, case_classification) and checks only the record's
-- commission: "the case's commission is the reader's" follows from "the record's is" only when a record's case is of
-- its commission. The application links a record to a case only when the case is filed (reform/service-records.ts
-- openReformRecordForCase, the case of the filer's commission); no API sends a case id. A record linked by any other
-- write to a case of another commission was admitted by the keyed ledger through the case arm (a commission-wide reader
-- listed it whatever the foreign case's state) while the plain predicate (the record's detail) refused it. The rule is
-- now the database's: the record's trigger refuses such a link, on insert, on a change of the case or of the record's
-- commission, and on a change of the case's commission (the case's trigger re-reads its records).

CREATE OR REPLACE FUNCTION reform_record_case_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  case_commission uuid;
BEGIN
  SELECT k.lead_org_id, k.state IN ('DECIDED','PROSECUTION_TRANSFERRED','SANCTION_ANNOUNCED','EXECUTED','ARCHIVED'), k.classification, k.commission_id
    INTO NEW.case_lead_org_id, NEW.case_decided, NEW.case_classification, case_commission
    FROM case_file k WHERE k.id = NEW.case_id;
  IF NEW.case_id IS NULL THEN
    NEW.case_lead_org_id := NULL; NEW.case_decided := NULL; NEW.case_classification := NULL;
  ELSIF case_commission IS DISTINCT FROM NEW.commission_id THEN
    RAISE EXCEPTION 'reform record % of commission % may not link case % of another commission', NEW.id, NEW.commission_id, NEW.case_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER reform_record_case_facts ON reform_record;
CREATE TRIGGER reform_record_case_facts BEFORE INSERT OR UPDATE OF case_id, case_lead_org_id, case_decided, case_classification, commission_id
  ON reform_record FOR EACH ROW EXECUTE FUNCTION reform_record_case_facts();

CREATE OR REPLACE FUNCTION case_file_facts_to_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The record's own trigger reads the case again (this row, as updated); only when a fact it keeps (or checks) changed.
  UPDATE reform_record SET case_id = case_id WHERE case_id = NEW.id
    AND (case_lead_org_id IS DISTINCT FROM NEW.lead_org_id OR case_classification IS DISTINCT FROM NEW.classification
      OR case_decided IS DISTINCT FROM (NEW.state IN ('DECIDED','PROSECUTION_TRANSFERRED','SANCTION_ANNOUNCED','EXECUTED','ARCHIVED'))
      OR commission_id IS DISTINCT FROM NEW.commission_id);
  RETURN NULL;
END $$;
DROP TRIGGER case_file_facts_to_records ON case_file;
CREATE TRIGGER case_file_facts_to_records AFTER UPDATE OF lead_org_id, state, classification, commission_id ON case_file
  FOR EACH ROW WHEN (OLD.lead_org_id IS DISTINCT FROM NEW.lead_org_id OR OLD.state IS DISTINCT FROM NEW.state
    OR OLD.classification IS DISTINCT FROM NEW.classification OR OLD.commission_id IS DISTINCT FROM NEW.commission_id)
  EXECUTE FUNCTION case_file_facts_to_records();

-- Rows written before: refused as the trigger would refuse them (none is expected: the application never wrote one).
DO $$
DECLARE
  n bigint;
BEGIN
  SELECT count(*) INTO n FROM reform_record r JOIN case_file k ON k.id = r.case_id WHERE k.commission_id <> r.commission_id;
  IF n > 0 THEN
    RAISE EXCEPTION '% reform records link a case of another commission: correct them before this migration', n
      USING ERRCODE = 'foreign_key_violation';
  END IF;
END $$;
