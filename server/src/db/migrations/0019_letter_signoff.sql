-- Issue 9, letters and bulletins (domain.md c.6, f.3; 监察法 2024 art. 71).
--
-- 1. An upheld objection amends the letter (c.6 OBJECTED → AMENDED): the new state AMENDING, and the
--    count of amendments; the amended letter gets a new 发文字号 at its reissue (the old one stays in
--    doc_number, registered to the same letter).
-- 2. A refusal is referred (提请) to the unit's 主管部门 or 上级机关: to whom, which kind, on which day.
-- 3. A 通报 is numbered only after 签发 by the 书记 or the overseeing leader: who signed and when.
ALTER TABLE recommendation DROP CONSTRAINT recommendation_state_check;
ALTER TABLE recommendation ADD CONSTRAINT recommendation_state_check CHECK (state IN ('DRAFTING','CONSULTING','UNDER_REVIEW','APPROVED',
  'ISSUED','SERVED','OBJECTED','AMENDING','RECTIFYING','REPLIED','EVALUATED','CLOSED','NON_COMPLIANT','ESCALATED','WITHDRAWN'));
ALTER TABLE recommendation ADD COLUMN amendment_no int NOT NULL DEFAULT 0 CHECK (amendment_no >= 0);
ALTER TABLE recommendation ADD COLUMN referred_to text;
ALTER TABLE recommendation ADD COLUMN referred_to_kind text CHECK (referred_to_kind IN ('COMPETENT_DEPARTMENT','SUPERIOR_ORGAN'));
ALTER TABLE recommendation ADD COLUMN referred_on date;

ALTER TABLE bulletin ADD COLUMN signed_by uuid REFERENCES app_user(id);
ALTER TABLE bulletin ADD COLUMN signed_at timestamptz;
