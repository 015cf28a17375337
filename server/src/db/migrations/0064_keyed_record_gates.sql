-- issue 12: the 以案促改 record ledger (GET /reform-records) reads its visibility off the record alone
-- (visibility/reform-records.ts reformVisibleParts, `stored`): the record's clearance, the actor's recusals from the
-- record and from its case (gathered once per statement), and the case's gate — cleared for the case, and the case
-- decided or one of its arms (its lead org in scope, its team, ...) — from the facts the record keeps of its case
-- (case_lead_org_id, case_decided, case_classification: migration 0059, kept by triggers). No case looked up per record.
-- Every index the ledger reads — per key in its default order (created_at DESC, id), and the commission's walk for a
-- wide scope — now covers what the scope and the arms read: a probe's top-N, a walk and a capped count (which leaves
-- out the rows of the arms before it) read the index alone.

CREATE INDEX reform_record_owner_covering ON reform_record (owner_org_id, created_at DESC, id)
  INCLUDE (commission_id, classification, case_id, case_decided, case_classification, case_lead_org_id, unit_org_id, campaign_id);
CREATE INDEX reform_record_unit_covering ON reform_record (unit_org_id, created_at DESC, id)
  INCLUDE (commission_id, classification, case_id, case_decided, case_classification, case_lead_org_id, owner_org_id, campaign_id);
CREATE INDEX reform_record_case_lead_covering ON reform_record (case_lead_org_id, created_at DESC, id)
  INCLUDE (commission_id, classification, case_id, case_decided, case_classification, owner_org_id, unit_org_id, campaign_id)
  WHERE case_lead_org_id IS NOT NULL;
CREATE INDEX reform_record_campaign_covering ON reform_record (campaign_id, created_at DESC, id)
  INCLUDE (commission_id, classification, case_id, case_decided, case_classification, case_lead_org_id, owner_org_id, unit_org_id)
  WHERE campaign_id IS NOT NULL;
CREATE INDEX reform_record_ledger_walk ON reform_record (commission_id, created_at DESC, id)
  INCLUDE (owner_org_id, unit_org_id, case_lead_org_id, campaign_id, classification, case_id, case_decided, case_classification);
DROP INDEX reform_record_owner_ledger;
DROP INDEX reform_record_unit_ledger;
DROP INDEX reform_record_case_lead_ledger;
DROP INDEX reform_record_campaign_ledger;
DROP INDEX reform_record_ledger;
