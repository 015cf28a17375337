-- 以案促改 owned jointly (issue 9; domain.md g.4 scenario 4): the finance case is investigated by an
-- investigation office with its linked dispatched group (联合专案组), and after the decision an inspection
-- office analyses the causes with them and issues the 监察建议书. reform_record.owner_org_id stays the lead
-- (牵头) org; the orgs below own the record with it: their staff see it (once the case is decided, as the
-- lead's) and work on it exactly as the lead's staff do.
CREATE TABLE reform_record_co_owner (
  commission_id uuid NOT NULL REFERENCES commission(id),
  record_id     uuid NOT NULL REFERENCES reform_record(id),
  org_id        uuid NOT NULL REFERENCES org(id),
  added_by      uuid REFERENCES app_user(id),
  added_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id, org_id)
);
-- "records my org co-owns" (visibility by org scope, the ledger's owner filter); the name reform_record_owner is
-- taken by an index of 0010
CREATE INDEX reform_record_co_owner_org ON reform_record_co_owner (commission_id, org_id, record_id);
