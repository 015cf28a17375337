-- 专项整治成效 (issue 10; domain.md b.5 kpis, f.3): the figures a campaign reports are computed from the
-- records linked to it; two of them need a home of their own.

-- 建章立制: the rules, systems and mechanisms a unit adopts because of the campaign (a small register per
-- unit; counted as "rules made").
CREATE TABLE campaign_rule (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  campaign_id    uuid NOT NULL REFERENCES campaign(id),
  unit_org_id    uuid NOT NULL REFERENCES org(id),
  title          text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
  issued_on      date NOT NULL,
  attachment_id  uuid REFERENCES attachment(id),
  created_by     uuid REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        int NOT NULL DEFAULT 1
);
CREATE INDEX campaign_rule_campaign ON campaign_rule (campaign_id, issued_on DESC, id);

-- 追缴/挽回资金 (元): fixed by the case decision (审理 confirms the amount), so it lives on the case, once per
-- case — outcomes are per measure and would count it twice.
ALTER TABLE case_file ADD COLUMN funds_recovered numeric(16,2) CHECK (funds_recovered IS NULL OR funds_recovered >= 0);

-- 定期通报: a progress bulletin drafted from the data once per campaign and period ('2026-11', '2026-Q4').
ALTER TABLE bulletin ADD COLUMN period text CHECK (period IS NULL OR period ~ '^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$');
CREATE UNIQUE INDEX bulletin_campaign_period ON bulletin (campaign_id, period) WHERE period IS NOT NULL;
-- The per-month series reads linked cases through their clues.
CREATE INDEX clue_campaign_case ON clue (campaign_id, case_id) WHERE campaign_id IS NOT NULL AND case_id IS NOT NULL;
