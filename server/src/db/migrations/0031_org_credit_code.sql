-- 统一社会信用代码 (GB 32100-2015) of an org, where it has one (issue 10: target units imported for a
-- self-inspection are matched by it, so a unit listed twice under different names is not created twice).
-- The format and check character are validated by the application (domain/src/org/credit-code.ts); the
-- database keeps the shape and one org per code within a commission.
ALTER TABLE org ADD COLUMN credit_code text CHECK (credit_code IS NULL OR credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$');
CREATE UNIQUE INDEX org_commission_credit_code ON org (commission_id, credit_code) WHERE credit_code IS NOT NULL;
