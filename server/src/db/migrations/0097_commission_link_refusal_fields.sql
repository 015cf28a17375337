-- Migration 0097: the refusals of 0095 (a 以案促改 record's case of another commission) and 0096 (a letter's case or
-- reform record of another commission) name the refused link, as a foreign-key violation of the database does: the
-- error carries TABLE and COLUMN (node-postgres `table`, `column`), and the API answers 422 with the field
-- (platform/db-refusal.ts: `caseId`, `recordId`) instead of a bare "引用的对象不存在或仍被引用". The checks are 0095's and
-- 0096's, unchanged; only the RAISE gains its COLUMN and TABLE (the text stays the internal one, never sent to a caller).

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
      USING ERRCODE = 'foreign_key_violation', TABLE = 'reform_record', COLUMN = 'case_id';
  END IF;
  RETURN NEW;
END $$;

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
        USING ERRCODE = 'foreign_key_violation', TABLE = 'letter', COLUMN = 'case_id';
    END IF;
  END IF;
  IF NEW.record_id IS NOT NULL THEN
    SELECT r.commission_id INTO record_commission FROM reform_record r WHERE r.id = NEW.record_id;
    IF record_commission IS DISTINCT FROM NEW.commission_id THEN
      RAISE EXCEPTION 'letter % of commission % may not link reform record % of another commission', NEW.id, NEW.commission_id, NEW.record_id
        USING ERRCODE = 'foreign_key_violation', TABLE = 'letter', COLUMN = 'record_id';
    END IF;
  END IF;
  RETURN NEW;
END $$;
