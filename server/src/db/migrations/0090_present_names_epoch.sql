-- Migration 0090: the names a ledger page shows kept per node (issue 12, platform/present-names.ts).
-- A ledger row shows org names (subject, receiving, undertaking, owner, unit …), its campaign's name and its sector's
-- dictionary label; joined per row they were 3 buffers each (a clue page of 20 for an office: 260 of its 400 buffers).
-- They change only when an org, a campaign or a dictionary is written, so a node keeps them all (5,000 orgs at full
-- scale) under the data epoch 'names', bumped here by statement triggers in the writing transaction: a page statement
-- reads the epoch beside its rows, and a node that kept the names of another epoch loads them again.
INSERT INTO data_epoch (area, epoch) VALUES ('names', 1) ON CONFLICT (area) DO NOTHING;

CREATE FUNCTION bump_names_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_epoch SET epoch = epoch + 1 WHERE area = 'names';
  RETURN NULL;
END $$;

-- Only writes of what is shown: an org's or a campaign's name (and rows coming or going); any dictionary write.
CREATE TRIGGER org_names_epoch AFTER INSERT OR UPDATE OF name_zh OR DELETE ON org
  FOR EACH STATEMENT EXECUTE FUNCTION bump_names_epoch();
CREATE TRIGGER org_names_epoch_truncate AFTER TRUNCATE ON org FOR EACH STATEMENT EXECUTE FUNCTION bump_names_epoch();
CREATE TRIGGER campaign_names_epoch AFTER INSERT OR UPDATE OF name OR DELETE ON campaign
  FOR EACH STATEMENT EXECUTE FUNCTION bump_names_epoch();
CREATE TRIGGER campaign_names_epoch_truncate AFTER TRUNCATE ON campaign FOR EACH STATEMENT EXECUTE FUNCTION bump_names_epoch();
CREATE TRIGGER dictionary_names_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dictionary
  FOR EACH STATEMENT EXECUTE FUNCTION bump_names_epoch();
CREATE TRIGGER dictionary_item_names_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dictionary_item
  FOR EACH STATEMENT EXECUTE FUNCTION bump_names_epoch();
