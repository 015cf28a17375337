-- Issue 12: the clue and case ledgers' per-org probes as index-only top-N. A keyed page (platform/keyed-page.ts) reads,
-- per org of the caller's scope, the first rows of that org in the ledger's default order, and tests the scope on
-- each: commission, clearance (classification) and recusal (by id). The indexes of 0008/0009 had the order with `id`
-- ascending (the ledger sorts `received_on DESC, id DESC`: an incremental sort per org) and no classification (a heap
-- fetch per row). These hold the default order exactly and the columns the probe tests, so each probe stops after
-- its page's rows without touching the table. They replace the old ones (same leading columns: the bitmap counts of
-- the dashboard and the cockpit read them as before).
CREATE INDEX clue_org_receiving ON clue (commission_id, receiving_org_id, received_on DESC, id DESC) INCLUDE (classification);
CREATE INDEX clue_org_undertaking ON clue (commission_id, undertaking_org_id, received_on DESC, id DESC) INCLUDE (classification);
CREATE INDEX clue_org_subject ON clue (commission_id, subject_org_id, received_on DESC, id DESC) INCLUDE (classification);
DROP INDEX clue_receiving;
DROP INDEX clue_undertaking;
DROP INDEX clue_subject_org;
-- The case ledger's default order is (filed_on DESC NULLS FIRST, year DESC, seq DESC) — (year, seq) unique in a commission.
CREATE INDEX case_file_org_lead ON case_file (commission_id, lead_org_id, filed_on DESC NULLS FIRST, year DESC, seq DESC) INCLUDE (classification, id);
DROP INDEX case_file_lead;
