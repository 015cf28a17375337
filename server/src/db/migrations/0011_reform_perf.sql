-- Issue 5 performance (bench/generate-reform.ts, measured at 5,000 and 20,000 letters): letters by case.
-- The reform record page finds its letters by record or by case (`rc.record_id = r.id OR rc.case_id =
-- r.case_id`), and the letter ledger's visibility has a case arm (letters of a case the caller can see);
-- without an index on recommendation.case_id both scan every letter of the commission. With the case arm
-- written as `= ANY(ARRAY(SELECT …))` (an init plan, as clueVisible does) every arm of the ledger's OR is
-- an index condition and the scoped page becomes a BitmapOr: measured at 20,000 letters ≈ 20–130 ms →
-- ≈ 5–15 ms per page for 审查调查室 staff.
CREATE INDEX recommendation_case ON recommendation (case_id) WHERE case_id IS NOT NULL;
