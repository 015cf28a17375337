-- 线索案件 dashboard (issue 12: "dashboards, matrix and cockpit from incrementally maintained aggregates (per org ×
-- period × kind), so a cache miss is as fast as a hit"). The commission-wide readers (书记, 常委, 案管室) count from
-- these tables instead of a year of clues and cases; scoped readers count their own rows through the per-org
-- indexes (casework/dashboard.ts). Kept exact in the writing transaction by statement-level triggers with
-- transition tables, as the cockpit's aggregates of migration 0052 (same truncate function), and backfilled here.
-- Each row is the number of objects in its bucket; zero buckets left by deletes and moves are harmless.

-- The figures of the year (intake by source and month, disposition, state groups) and, apart, the by-department
-- table (received / open / closed per undertaking org): two small tables rather than one of their product.
CREATE TABLE casework_clue_agg (
  commission_id uuid,
  received_ym int,
  source text,
  proposed_method text,
  state text,
  closed_kind text,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_clue_agg_key ON casework_clue_agg (commission_id, received_ym, source, proposed_method, state, closed_kind) NULLS NOT DISTINCT;
CREATE TABLE casework_clue_org_agg (
  commission_id uuid,
  received_year int,
  undertaking_org_id uuid,
  state text,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_clue_org_agg_key ON casework_clue_org_agg (commission_id, received_year, undertaking_org_id, state) NULLS NOT DISTINCT;

-- The due day of every limit that still runs, per kind (the definitions of clues/overdue-kinds.ts: the due column and
-- the condition under which it runs); the dashboard counts the buckets due on or before today.
CREATE TABLE casework_clue_due_agg (
  commission_id uuid,
  undertaking_org_id uuid,
  kind text,
  due_on date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_clue_due_agg_key ON casework_clue_due_agg (commission_id, undertaking_org_id, kind, due_on) NULLS NOT DISTINCT;

-- The limits a case runs on its own dates (TRIAL_DUE, DECISION_ANNOUNCE_DUE, EXECUTION_DUE: the state in which each
-- runs and its due column, as OVERDUE_SQL of cases/service-ledger.ts); MEASURE_DUE is counted from the measures.
CREATE TABLE casework_case_due_agg (
  commission_id uuid,
  kind text,
  due_on date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_case_due_agg_key ON casework_case_due_agg (commission_id, kind, due_on) NULLS NOT DISTINCT;

-- A case counts in the year it was filed; a filing proposal (no filed_on yet) in the year of its creation, kept to the
-- quarter hour so that the local year of the reader's zone is exact whatever the writer's session zone was.
CREATE TABLE casework_case_agg (
  commission_id uuid,
  filed_year int,
  created_q timestamptz,
  lead_org_id uuid,
  state text,
  decided boolean,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_case_agg_key ON casework_case_agg (commission_id, filed_year, created_q, lead_org_id, state, decided) NULLS NOT DISTINCT;

-- clues: month of receipt, source, proposed disposition, state, closed kind.
CREATE FUNCTION casework_clue_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_clue_agg AS a (commission_id, received_ym, source, proposed_method, state, closed_kind, n)
    SELECT r.commission_id, (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, r.proposed_method, r.state, r.closed_kind, count(*) FROM new_rows r GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, received_ym, source, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_clue_agg AS a (commission_id, received_ym, source, proposed_method, state, closed_kind, n)
    SELECT r.commission_id, (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, r.proposed_method, r.state, r.closed_kind, -count(*) FROM old_rows r GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, received_ym, source, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_clue_agg AS a (commission_id, received_ym, source, proposed_method, state, closed_kind, n)
    SELECT commission_id, received_ym, source, proposed_method, state, closed_kind, sum(d) FROM (
      SELECT r.commission_id, (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, r.proposed_method, r.state, r.closed_kind, 1 FROM new_rows r
      UNION ALL SELECT r.commission_id, (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, r.proposed_method, r.state, r.closed_kind, -1 FROM old_rows r) x (commission_id, received_ym, source, proposed_method, state, closed_kind, d)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, received_ym, source, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_clue_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_agg_apply();
CREATE TRIGGER casework_clue_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_agg_apply();
CREATE TRIGGER casework_clue_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_agg_apply();
CREATE TRIGGER casework_clue_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_clue_agg');
INSERT INTO casework_clue_agg (commission_id, received_ym, source, proposed_method, state, closed_kind, n) SELECT r.commission_id, (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, r.proposed_method, r.state, r.closed_kind, count(*) FROM clue r GROUP BY 1, 2, 3, 4, 5, 6;

-- clues by department: year of receipt, undertaking org, state.
CREATE FUNCTION casework_clue_org_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_clue_org_agg AS a (commission_id, received_year, undertaking_org_id, state, n)
    SELECT r.commission_id, extract(year FROM r.received_on)::int, r.undertaking_org_id, r.state, count(*) FROM new_rows r GROUP BY 1, 2, 3, 4
    ON CONFLICT (commission_id, received_year, undertaking_org_id, state) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_clue_org_agg AS a (commission_id, received_year, undertaking_org_id, state, n)
    SELECT r.commission_id, extract(year FROM r.received_on)::int, r.undertaking_org_id, r.state, -count(*) FROM old_rows r GROUP BY 1, 2, 3, 4
    ON CONFLICT (commission_id, received_year, undertaking_org_id, state) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_clue_org_agg AS a (commission_id, received_year, undertaking_org_id, state, n)
    SELECT commission_id, received_year, undertaking_org_id, state, sum(d) FROM (
      SELECT r.commission_id, extract(year FROM r.received_on)::int, r.undertaking_org_id, r.state, 1 FROM new_rows r
      UNION ALL SELECT r.commission_id, extract(year FROM r.received_on)::int, r.undertaking_org_id, r.state, -1 FROM old_rows r) x (commission_id, received_year, undertaking_org_id, state, d)
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, received_year, undertaking_org_id, state) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_clue_org_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_org_agg_apply();
CREATE TRIGGER casework_clue_org_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_org_agg_apply();
CREATE TRIGGER casework_clue_org_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_org_agg_apply();
CREATE TRIGGER casework_clue_org_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_clue_org_agg');
INSERT INTO casework_clue_org_agg (commission_id, received_year, undertaking_org_id, state, n) SELECT r.commission_id, extract(year FROM r.received_on)::int, r.undertaking_org_id, r.state, count(*) FROM clue r GROUP BY 1, 2, 3, 4;

-- clue limits still running (the kinds of clues/overdue-kinds.ts): undertaking org, kind, due day.
CREATE FUNCTION casework_clue_due_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_clue_due_agg AS a (commission_id, undertaking_org_id, kind, due_on, n)
    SELECT r.commission_id, r.undertaking_org_id, v.kind, v.due_on, count(*) FROM new_rows r
      CROSS JOIN LATERAL (VALUES
        ('PROPOSAL_DUE', CASE WHEN r.state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') THEN r.propose_due END),
        ('ACKNOWLEDGE_DUE', CASE WHEN r.acknowledged_on IS NULL AND r.state NOT IN ('MERGED', 'TRANSFERRED_OUT') THEN r.acknowledge_due END),
        ('INQUIRY_REPLY_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_reply_due END),
        ('INQUIRY_REPORT_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_report_due END),
        ('HOLD_REVIEW_DUE', CASE WHEN r.state = 'PENDING_HOLD' THEN r.hold_review_due END),
        ('ASSIGNED_CASE_DUE', CASE WHEN r.state NOT IN ('CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG', 'MERGED', 'FALSE_ACCUSATION', 'CASE_FILED') THEN r.assigned_case_due END),
        ('FEEDBACK_DUE', CASE WHEN r.feedback_on IS NULL THEN r.feedback_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL GROUP BY 1, 2, 3, 4
    ON CONFLICT (commission_id, undertaking_org_id, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_clue_due_agg AS a (commission_id, undertaking_org_id, kind, due_on, n)
    SELECT r.commission_id, r.undertaking_org_id, v.kind, v.due_on, -count(*) FROM old_rows r
      CROSS JOIN LATERAL (VALUES
        ('PROPOSAL_DUE', CASE WHEN r.state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') THEN r.propose_due END),
        ('ACKNOWLEDGE_DUE', CASE WHEN r.acknowledged_on IS NULL AND r.state NOT IN ('MERGED', 'TRANSFERRED_OUT') THEN r.acknowledge_due END),
        ('INQUIRY_REPLY_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_reply_due END),
        ('INQUIRY_REPORT_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_report_due END),
        ('HOLD_REVIEW_DUE', CASE WHEN r.state = 'PENDING_HOLD' THEN r.hold_review_due END),
        ('ASSIGNED_CASE_DUE', CASE WHEN r.state NOT IN ('CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG', 'MERGED', 'FALSE_ACCUSATION', 'CASE_FILED') THEN r.assigned_case_due END),
        ('FEEDBACK_DUE', CASE WHEN r.feedback_on IS NULL THEN r.feedback_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL GROUP BY 1, 2, 3, 4
    ON CONFLICT (commission_id, undertaking_org_id, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_clue_due_agg AS a (commission_id, undertaking_org_id, kind, due_on, n)
    SELECT commission_id, undertaking_org_id, kind, due_on, sum(d) FROM (
      SELECT r.commission_id, r.undertaking_org_id, v.kind, v.due_on, 1 FROM new_rows r
      CROSS JOIN LATERAL (VALUES
        ('PROPOSAL_DUE', CASE WHEN r.state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') THEN r.propose_due END),
        ('ACKNOWLEDGE_DUE', CASE WHEN r.acknowledged_on IS NULL AND r.state NOT IN ('MERGED', 'TRANSFERRED_OUT') THEN r.acknowledge_due END),
        ('INQUIRY_REPLY_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_reply_due END),
        ('INQUIRY_REPORT_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_report_due END),
        ('HOLD_REVIEW_DUE', CASE WHEN r.state = 'PENDING_HOLD' THEN r.hold_review_due END),
        ('ASSIGNED_CASE_DUE', CASE WHEN r.state NOT IN ('CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG', 'MERGED', 'FALSE_ACCUSATION', 'CASE_FILED') THEN r.assigned_case_due END),
        ('FEEDBACK_DUE', CASE WHEN r.feedback_on IS NULL THEN r.feedback_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL
      UNION ALL SELECT r.commission_id, r.undertaking_org_id, v.kind, v.due_on, -1 FROM old_rows r
      CROSS JOIN LATERAL (VALUES
        ('PROPOSAL_DUE', CASE WHEN r.state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') THEN r.propose_due END),
        ('ACKNOWLEDGE_DUE', CASE WHEN r.acknowledged_on IS NULL AND r.state NOT IN ('MERGED', 'TRANSFERRED_OUT') THEN r.acknowledge_due END),
        ('INQUIRY_REPLY_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_reply_due END),
        ('INQUIRY_REPORT_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_report_due END),
        ('HOLD_REVIEW_DUE', CASE WHEN r.state = 'PENDING_HOLD' THEN r.hold_review_due END),
        ('ASSIGNED_CASE_DUE', CASE WHEN r.state NOT IN ('CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG', 'MERGED', 'FALSE_ACCUSATION', 'CASE_FILED') THEN r.assigned_case_due END),
        ('FEEDBACK_DUE', CASE WHEN r.feedback_on IS NULL THEN r.feedback_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL) x (commission_id, undertaking_org_id, kind, due_on, d)
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, undertaking_org_id, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_clue_due_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_due_agg_apply();
CREATE TRIGGER casework_clue_due_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_due_agg_apply();
CREATE TRIGGER casework_clue_due_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_due_agg_apply();
CREATE TRIGGER casework_clue_due_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_clue_due_agg');
INSERT INTO casework_clue_due_agg (commission_id, undertaking_org_id, kind, due_on, n) SELECT r.commission_id, r.undertaking_org_id, v.kind, v.due_on, count(*) FROM clue r
      CROSS JOIN LATERAL (VALUES
        ('PROPOSAL_DUE', CASE WHEN r.state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') THEN r.propose_due END),
        ('ACKNOWLEDGE_DUE', CASE WHEN r.acknowledged_on IS NULL AND r.state NOT IN ('MERGED', 'TRANSFERRED_OUT') THEN r.acknowledge_due END),
        ('INQUIRY_REPLY_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_reply_due END),
        ('INQUIRY_REPORT_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_report_due END),
        ('HOLD_REVIEW_DUE', CASE WHEN r.state = 'PENDING_HOLD' THEN r.hold_review_due END),
        ('ASSIGNED_CASE_DUE', CASE WHEN r.state NOT IN ('CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG', 'MERGED', 'FALSE_ACCUSATION', 'CASE_FILED') THEN r.assigned_case_due END),
        ('FEEDBACK_DUE', CASE WHEN r.feedback_on IS NULL THEN r.feedback_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL GROUP BY 1, 2, 3, 4;

-- case limits on the case itself (OVERDUE_SQL of cases/service-ledger.ts but MEASURE_DUE, which the measures decide): kind, due day.
CREATE FUNCTION casework_case_due_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_case_due_agg AS a (commission_id, kind, due_on, n)
    SELECT r.commission_id, v.kind, v.due_on, count(*) FROM new_rows r
      CROSS JOIN LATERAL (VALUES
        ('TRIAL_DUE', CASE WHEN r.state = 'IN_TRIAL' THEN r.trial_due END),
        ('DECISION_ANNOUNCE_DUE', CASE WHEN r.state IN ('DECIDED', 'PROSECUTION_TRANSFERRED') THEN r.decision_announce_due END),
        ('EXECUTION_DUE', CASE WHEN r.state = 'SANCTION_ANNOUNCED' THEN r.execution_report_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL GROUP BY 1, 2, 3
    ON CONFLICT (commission_id, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_case_due_agg AS a (commission_id, kind, due_on, n)
    SELECT r.commission_id, v.kind, v.due_on, -count(*) FROM old_rows r
      CROSS JOIN LATERAL (VALUES
        ('TRIAL_DUE', CASE WHEN r.state = 'IN_TRIAL' THEN r.trial_due END),
        ('DECISION_ANNOUNCE_DUE', CASE WHEN r.state IN ('DECIDED', 'PROSECUTION_TRANSFERRED') THEN r.decision_announce_due END),
        ('EXECUTION_DUE', CASE WHEN r.state = 'SANCTION_ANNOUNCED' THEN r.execution_report_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL GROUP BY 1, 2, 3
    ON CONFLICT (commission_id, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_case_due_agg AS a (commission_id, kind, due_on, n)
    SELECT commission_id, kind, due_on, sum(d) FROM (
      SELECT r.commission_id, v.kind, v.due_on, 1 FROM new_rows r
      CROSS JOIN LATERAL (VALUES
        ('TRIAL_DUE', CASE WHEN r.state = 'IN_TRIAL' THEN r.trial_due END),
        ('DECISION_ANNOUNCE_DUE', CASE WHEN r.state IN ('DECIDED', 'PROSECUTION_TRANSFERRED') THEN r.decision_announce_due END),
        ('EXECUTION_DUE', CASE WHEN r.state = 'SANCTION_ANNOUNCED' THEN r.execution_report_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL
      UNION ALL SELECT r.commission_id, v.kind, v.due_on, -1 FROM old_rows r
      CROSS JOIN LATERAL (VALUES
        ('TRIAL_DUE', CASE WHEN r.state = 'IN_TRIAL' THEN r.trial_due END),
        ('DECISION_ANNOUNCE_DUE', CASE WHEN r.state IN ('DECIDED', 'PROSECUTION_TRANSFERRED') THEN r.decision_announce_due END),
        ('EXECUTION_DUE', CASE WHEN r.state = 'SANCTION_ANNOUNCED' THEN r.execution_report_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL) x (commission_id, kind, due_on, d)
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_case_due_agg_insert AFTER INSERT ON case_file REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_due_agg_apply();
CREATE TRIGGER casework_case_due_agg_update AFTER UPDATE ON case_file REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_due_agg_apply();
CREATE TRIGGER casework_case_due_agg_delete AFTER DELETE ON case_file REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_due_agg_apply();
CREATE TRIGGER casework_case_due_agg_truncate AFTER TRUNCATE ON case_file FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_case_due_agg');
INSERT INTO casework_case_due_agg (commission_id, kind, due_on, n) SELECT r.commission_id, v.kind, v.due_on, count(*) FROM case_file r
      CROSS JOIN LATERAL (VALUES
        ('TRIAL_DUE', CASE WHEN r.state = 'IN_TRIAL' THEN r.trial_due END),
        ('DECISION_ANNOUNCE_DUE', CASE WHEN r.state IN ('DECIDED', 'PROSECUTION_TRANSFERRED') THEN r.decision_announce_due END),
        ('EXECUTION_DUE', CASE WHEN r.state = 'SANCTION_ANNOUNCED' THEN r.execution_report_due END)) v (kind, due_on) WHERE v.due_on IS NOT NULL GROUP BY 1, 2, 3;

-- cases: year of filing (a filing proposal: its creation time to the quarter hour), lead org, state, decided.
CREATE FUNCTION casework_case_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_case_agg AS a (commission_id, filed_year, created_q, lead_org_id, state, decided, n)
    SELECT r.commission_id, extract(year FROM r.filed_on)::int, CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.lead_org_id, r.state, (r.decided_on IS NOT NULL), count(*) FROM new_rows r GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, filed_year, created_q, lead_org_id, state, decided) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_case_agg AS a (commission_id, filed_year, created_q, lead_org_id, state, decided, n)
    SELECT r.commission_id, extract(year FROM r.filed_on)::int, CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.lead_org_id, r.state, (r.decided_on IS NOT NULL), -count(*) FROM old_rows r GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, filed_year, created_q, lead_org_id, state, decided) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_case_agg AS a (commission_id, filed_year, created_q, lead_org_id, state, decided, n)
    SELECT commission_id, filed_year, created_q, lead_org_id, state, decided, sum(d) FROM (
      SELECT r.commission_id, extract(year FROM r.filed_on)::int, CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.lead_org_id, r.state, (r.decided_on IS NOT NULL), 1 FROM new_rows r
      UNION ALL SELECT r.commission_id, extract(year FROM r.filed_on)::int, CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.lead_org_id, r.state, (r.decided_on IS NOT NULL), -1 FROM old_rows r) x (commission_id, filed_year, created_q, lead_org_id, state, decided, d)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, filed_year, created_q, lead_org_id, state, decided) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_case_agg_insert AFTER INSERT ON case_file REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_agg_apply();
CREATE TRIGGER casework_case_agg_update AFTER UPDATE ON case_file REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_agg_apply();
CREATE TRIGGER casework_case_agg_delete AFTER DELETE ON case_file REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_agg_apply();
CREATE TRIGGER casework_case_agg_truncate AFTER TRUNCATE ON case_file FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_case_agg');
INSERT INTO casework_case_agg (commission_id, filed_year, created_q, lead_org_id, state, decided, n) SELECT r.commission_id, extract(year FROM r.filed_on)::int, CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.lead_org_id, r.state, (r.decided_on IS NOT NULL), count(*) FROM case_file r GROUP BY 1, 2, 3, 4, 5, 6;


-- A scoped reader's 超期 counts read only the clues with a limit still running (a sixth of the book or less), from
-- these partial indexes per org column of clueVisible's arms. The predicate is casework/dashboard.ts LIMITS_RUN,
-- word for word (the statement repeats it, so that any plan can use the index), implied by every kind of
-- clues/overdue-kinds.ts (dashboard.test.ts checks that no running limit falls outside it).
CREATE INDEX clue_limits_receiving ON clue (commission_id, receiving_org_id) WHERE ((state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') AND propose_due IS NOT NULL) OR (acknowledge_due IS NOT NULL AND acknowledged_on IS NULL) OR (state = 'TALK_INQUIRY') OR (state = 'PENDING_HOLD' AND hold_review_due IS NOT NULL) OR (assigned_case_due IS NOT NULL) OR (feedback_due IS NOT NULL AND feedback_on IS NULL));
CREATE INDEX clue_limits_undertaking ON clue (commission_id, undertaking_org_id) WHERE ((state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') AND propose_due IS NOT NULL) OR (acknowledge_due IS NOT NULL AND acknowledged_on IS NULL) OR (state = 'TALK_INQUIRY') OR (state = 'PENDING_HOLD' AND hold_review_due IS NOT NULL) OR (assigned_case_due IS NOT NULL) OR (feedback_due IS NOT NULL AND feedback_on IS NULL));
CREATE INDEX clue_limits_subject ON clue (commission_id, subject_org_id) WHERE ((state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') AND propose_due IS NOT NULL) OR (acknowledge_due IS NOT NULL AND acknowledged_on IS NULL) OR (state = 'TALK_INQUIRY') OR (state = 'PENDING_HOLD' AND hold_review_due IS NOT NULL) OR (assigned_case_due IS NOT NULL) OR (feedback_due IS NOT NULL AND feedback_on IS NULL));

-- A reader of the whole clue book below the top clearance (信访室) counts from the aggregates less the clues it may
-- not see: those above its clearance, found by this index.
CREATE INDEX clue_classification ON clue (commission_id, classification);

-- 自查自纠 figures of a campaign (self-inspection/kpis.ts: units sent a round, units that reported, problems found and
-- corrected, units with an unanswered answer past its due day) from the answers per unit, state and due day — a
-- few rows per unit and round instead of every answer. Kept by statement triggers like the aggregates above.
CREATE TABLE self_inspection_unit_agg (
  campaign_id uuid,
  unit_id uuid,
  state text,
  due_on date,
  n bigint NOT NULL,
  problems bigint NOT NULL,
  corrected bigint NOT NULL
);
CREATE UNIQUE INDEX self_inspection_unit_agg_key ON self_inspection_unit_agg (campaign_id, unit_id, state, due_on) NULLS NOT DISTINCT;
CREATE FUNCTION self_inspection_unit_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO self_inspection_unit_agg AS a (campaign_id, unit_id, state, due_on, n, problems, corrected)
    SELECT r.campaign_id, r.unit_id, r.state, r.due_on, count(*), sum(r.problems_count), sum(r.corrected_count) FROM new_rows r GROUP BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, unit_id, state, due_on) DO UPDATE SET n = a.n + excluded.n, problems = a.problems + excluded.problems, corrected = a.corrected + excluded.corrected;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO self_inspection_unit_agg AS a (campaign_id, unit_id, state, due_on, n, problems, corrected)
    SELECT r.campaign_id, r.unit_id, r.state, r.due_on, -count(*), -sum(r.problems_count), -sum(r.corrected_count) FROM old_rows r GROUP BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, unit_id, state, due_on) DO UPDATE SET n = a.n + excluded.n, problems = a.problems + excluded.problems, corrected = a.corrected + excluded.corrected;
  ELSE
    INSERT INTO self_inspection_unit_agg AS a (campaign_id, unit_id, state, due_on, n, problems, corrected)
    SELECT campaign_id, unit_id, state, due_on, sum(d), sum(p), sum(c) FROM (
      SELECT r.campaign_id, r.unit_id, r.state, r.due_on, 1, r.problems_count, r.corrected_count FROM new_rows r
      UNION ALL SELECT r.campaign_id, r.unit_id, r.state, r.due_on, -1, -r.problems_count, -r.corrected_count FROM old_rows r) x (campaign_id, unit_id, state, due_on, d, p, c)
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 OR sum(p) <> 0 OR sum(c) <> 0
    ON CONFLICT (campaign_id, unit_id, state, due_on) DO UPDATE SET n = a.n + excluded.n, problems = a.problems + excluded.problems, corrected = a.corrected + excluded.corrected;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER self_inspection_unit_agg_insert AFTER INSERT ON self_inspection_response REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION self_inspection_unit_agg_apply();
CREATE TRIGGER self_inspection_unit_agg_update AFTER UPDATE ON self_inspection_response REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION self_inspection_unit_agg_apply();
CREATE TRIGGER self_inspection_unit_agg_delete AFTER DELETE ON self_inspection_response REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION self_inspection_unit_agg_apply();
CREATE TRIGGER self_inspection_unit_agg_truncate AFTER TRUNCATE ON self_inspection_response FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('self_inspection_unit_agg');
INSERT INTO self_inspection_unit_agg (campaign_id, unit_id, state, due_on, n, problems, corrected)
SELECT campaign_id, unit_id, state, due_on, count(*), sum(problems_count), sum(corrected_count) FROM self_inspection_response GROUP BY 1, 2, 3, 4;

-- A campaign's KPIs and monthly series (campaign-kpis/kpis.ts) read every clue of the campaign: an index-only scan of
-- this index instead of one heap fetch per clue (20,000 for the bench's campaign at full scale).
CREATE INDEX clue_campaign_kpis ON clue (campaign_id) INCLUDE (id, merged_into_id, state, case_id, received_on, closed_on) WHERE campaign_id IS NOT NULL;
