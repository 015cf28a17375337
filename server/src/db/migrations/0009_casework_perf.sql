-- Issue 4 performance (bench/generate-clues.ts, measured at 100,000 clues): a scoped clue ledger page
-- spends its time in a sequential scan, because the visibility predicate's scope arms
-- (receiving / undertaking / subject org) cannot be combined into a BitmapOr while an EXISTS arm
-- (team membership) sits in the same OR. With the team arms written as `= ANY(ARRAY(SELECT …))`
-- (an init plan, evaluated once), every arm is an index condition; these two indexes complete the set
-- (undertaking and subject org are indexed by 0008). Measured: ≈ 170 ms → ≈ 10 ms per page.
CREATE INDEX clue_receiving ON clue (commission_id, receiving_org_id, received_on DESC, id);
CREATE INDEX clue_case_id ON clue (case_id) WHERE case_id IS NOT NULL;
