-- Issue 12: scoped ledgers in O(page). The case ledger's default order (filed_on DESC NULLS FIRST, year DESC,
-- seq DESC) as an index, so that the whole book (书记, 案管室) and a wide scope (a 分管领导's thousand orgs, which
-- walks the order instead of probing per org: platform/keyed-page.ts) read a page as an index top-N instead of
-- sorting every visible case. The per-org probes of the keyed page use case_file_lead and clue_receiving /
-- clue_undertaking / clue_subject_org (0008, 0009).
CREATE INDEX case_file_ledger ON case_file (commission_id, filed_on DESC NULLS FIRST, year DESC, seq DESC);
