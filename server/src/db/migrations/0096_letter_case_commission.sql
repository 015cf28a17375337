-- Migration 0096: a 以案促改 recommendation letter's case and reform record are always of the letter's own commission.
-- The letter ledger's scope (visibility/reform-letters.ts letterVisibleParts, caseCheck 'stored') reads the letter's
-- case off the letter (0063: case_lead_org_id, case_classification) and checks only the letter's commission; the
-- record's detail lists the letters of the record. Both are right only when a letter's case and record are of its
-- commission. The application links a letter only to a case and a record its drafter sees (letters/service-drafting.ts
-- createLetterIn: another commission's is refused as missing), and never relinks them; the rule is now the database's
-- too, as 0095 made it for a record's case: the letter's trigger refuses a case or a record of another commission, on
-- insert, on a change of the case, the record or the letter's commission, and on a change of the case's or the
-- record's commission (their triggers re-read their letters). A foreign-key violation (23503): the API answers 422.

CREATE OR REPLACE FUNCTION letter_case_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  case_commission uuid;
  record_commission uuid;
BEGIN
  IF NEW.case_id IS NULL THEN
    NEW.case_lead_org_id := NULL; NEW.case_classification := NULL;
  ELSE
    SELECT k.lead_org_id, k.classification, k.commission_id INTO NEW.case_lead_org_id, NEW.case_classification, case_commission
      FROM case_file k WHERE k.id = NEW.case_id;
    IF case_commission IS DISTINCT FROM NEW.commission_id THEN
      RAISE EXCEPTION 'letter % of commission % may not link case % of another commission', NEW.id, NEW.commission_id, NEW.case_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  IF NEW.record_id IS NOT NULL THEN
    SELECT r.commission_id INTO record_commission FROM reform_record r WHERE r.id = NEW.record_id;
    IF record_commission IS DISTINCT FROM NEW.commission_id THEN
      RAISE EXCEPTION 'letter % of commission % may not link reform record % of another commission', NEW.id, NEW.commission_id, NEW.record_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER letter_case_facts ON letter;
CREATE TRIGGER letter_case_facts BEFORE INSERT OR UPDATE OF case_id, case_lead_org_id, case_classification, record_id, commission_id
  ON letter FOR EACH ROW EXECUTE FUNCTION letter_case_facts();

CREATE OR REPLACE FUNCTION case_file_facts_to_letters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The letter's own trigger reads the case again (this row, as updated); only when a fact it keeps (or checks) changed.
  UPDATE letter SET case_id = case_id WHERE case_id = NEW.id
    AND (case_lead_org_id IS DISTINCT FROM NEW.lead_org_id OR case_classification IS DISTINCT FROM NEW.classification
      OR commission_id IS DISTINCT FROM NEW.commission_id);
  RETURN NULL;
END $$;
DROP TRIGGER case_file_facts_to_letters ON case_file;
CREATE TRIGGER case_file_facts_to_letters AFTER UPDATE OF lead_org_id, classification, commission_id ON case_file
  FOR EACH ROW WHEN (OLD.lead_org_id IS DISTINCT FROM NEW.lead_org_id OR OLD.classification IS DISTINCT FROM NEW.classification
    OR OLD.commission_id IS DISTINCT FROM NEW.commission_id)
  EXECUTE FUNCTION case_file_facts_to_letters();

CREATE FUNCTION reform_record_commission_to_letters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The letter's trigger checks the record again (this row, as updated): only letters it would now refuse are touched.
  UPDATE letter SET record_id = record_id WHERE record_id = NEW.id AND commission_id IS DISTINCT FROM NEW.commission_id;
  RETURN NULL;
END $$;
CREATE TRIGGER reform_record_commission_to_letters AFTER UPDATE OF commission_id ON reform_record
  FOR EACH ROW WHEN (OLD.commission_id IS DISTINCT FROM NEW.commission_id)
  EXECUTE FUNCTION reform_record_commission_to_letters();

-- Rows written before: refused as the trigger would refuse them (none is expected: the application never wrote one).
DO $$
DECLARE
  n bigint;
BEGIN
  SELECT count(*) INTO n FROM letter l
   WHERE EXISTS (SELECT 1 FROM case_file k WHERE k.id = l.case_id AND k.commission_id <> l.commission_id)
      OR EXISTS (SELECT 1 FROM reform_record r WHERE r.id = l.record_id AND r.commission_id <> l.commission_id);
  IF n > 0 THEN
    RAISE EXCEPTION '% letters link a case or a reform record of another commission: correct them before this migration', n
      USING ERRCODE = 'foreign_key_violation';
  END IF;
END $$;
