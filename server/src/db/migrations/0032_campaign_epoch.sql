-- The campaign cockpit's figures and the 自查自纠 matrix are cached per node and keyed by the data epochs
-- of every table they read (as the dashboards of migrations 0007 / 0008 / 0010). 'clues' already covers
-- clue, case_file and case_outcome; 'reform' covers letter, rectification_task and accountability. The
-- 'campaign' area (row inserted by 0022) now covers the rest. The bump is an UPDATE in the writing
-- transaction, so a new epoch becomes visible together with the data it announces.
CREATE FUNCTION bump_campaign_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_epoch SET epoch = epoch + 1 WHERE area = 'campaign';
  RETURN NULL;
END $$;

INSERT INTO data_epoch (area, epoch) VALUES ('campaign', 1) ON CONFLICT DO NOTHING;

CREATE TRIGGER campaign_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER campaign_rule_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_rule
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER case_clue_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_clue
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER reform_record_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reform_record
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER self_inspection_aspect_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON self_inspection_aspect
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER self_inspection_round_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON self_inspection_round
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER self_inspection_response_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON self_inspection_response
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER inspection_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inspection
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER inspection_target_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inspection_target
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
CREATE TRIGGER inspection_finding_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inspection_finding
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
-- The matrix shows the units' names.
CREATE TRIGGER org_campaign_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org
  FOR EACH STATEMENT EXECUTE FUNCTION bump_campaign_epoch();
