-- 线索案件 dashboard, issue 12: a scoped reader's year figures (intake by month × source; disposition by method × state ×
-- closed kind; the by-department received / open / closed) from aggregates, not from its clues of the year. The
-- aggregates of 0058 key those figures by commission (and the by-department table by undertaking org) only, but a scoped
-- reader (an office, a group, a county, a 分管领导) sees a clue by any of three org columns (clueVisibleArms: receiving,
-- undertaking or subject org) and only up to its clearance, so it counted every visible clue of the year row by row (at
-- full scale an office or a leader some 16,600 rows, 195–470 ms). Here the same figures are keyed like 0062's limits:
-- by the three org columns and the classification, so that the visible org arms select aggregate rows
-- (casework/dashboard-keyed.ts adds the clues only the other arms — teams, campaigns, grants of single clues —
-- show and takes off the ones the reader is recused from, both from the base rows).
--
-- Two tables rather than one of their product (month × source × method × state × closed kind): at full scale about
-- 26,500 rows a year for the intake, 18,500 for the disposition. Kept exact in the writing transaction by
-- statement-level triggers with transition tables (as 0058, 0062); every upsert takes its rows in key order (ORDER BY
-- the key), so two writers meeting on the same rows wait for each other instead of deadlocking. Each row is the number
-- of clues in its bucket; zero buckets left by moves and deletes are harmless (the readers sum).
--
-- Below, the same for a scoped reader's cases (casework_case_key_agg: the year's cases by lead org and classification)
-- and case limits (casework_case_due_key_agg, folded like 0062's clue limits).
CREATE TABLE casework_clue_intake_key_agg (
  commission_id uuid,
  undertaking_org_id uuid,
  receiving_org_id uuid,
  subject_org_id uuid,
  classification text,
  received_ym int,
  source text,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_clue_intake_key_agg_key ON casework_clue_intake_key_agg (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source) NULLS NOT DISTINCT;
-- The reader's arms: one index per org column, with the month so that the year is an index condition.
CREATE INDEX casework_clue_intake_key_agg_undertaking ON casework_clue_intake_key_agg (undertaking_org_id, received_ym);
CREATE INDEX casework_clue_intake_key_agg_receiving ON casework_clue_intake_key_agg (receiving_org_id, received_ym);
CREATE INDEX casework_clue_intake_key_agg_subject ON casework_clue_intake_key_agg (subject_org_id, received_ym);

CREATE TABLE casework_clue_disposition_key_agg (
  commission_id uuid,
  undertaking_org_id uuid,
  receiving_org_id uuid,
  subject_org_id uuid,
  classification text,
  received_year int,
  proposed_method text,
  state text,
  closed_kind text,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_clue_disposition_key_agg_key ON casework_clue_disposition_key_agg (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind) NULLS NOT DISTINCT;
CREATE INDEX casework_clue_disposition_key_agg_undertaking ON casework_clue_disposition_key_agg (undertaking_org_id, received_year);
CREATE INDEX casework_clue_disposition_key_agg_receiving ON casework_clue_disposition_key_agg (receiving_org_id, received_year);
CREATE INDEX casework_clue_disposition_key_agg_subject ON casework_clue_disposition_key_agg (subject_org_id, received_year);

-- The transition tables a statement has (old_rows exists for UPDATE and DELETE, new_rows for INSERT and UPDATE); the
-- intake table first, then the disposition table, in every branch (every writer takes the tables in the same order).
CREATE FUNCTION casework_clue_key_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_clue_intake_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
      (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, sum(r.d)
    FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, 1 AS d FROM new_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source) DO UPDATE SET n = a.n + excluded.n;
    INSERT INTO casework_clue_disposition_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
      extract(year FROM r.received_on)::int, r.proposed_method, r.state, r.closed_kind, sum(r.d)
    FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, 1 AS d FROM new_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_clue_intake_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
      (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, sum(r.d)
    FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, -1 AS d FROM old_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source) DO UPDATE SET n = a.n + excluded.n;
    INSERT INTO casework_clue_disposition_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
      extract(year FROM r.received_on)::int, r.proposed_method, r.state, r.closed_kind, sum(r.d)
    FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, -1 AS d FROM old_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_clue_intake_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
      (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, sum(r.d)
    FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, 1 AS d FROM new_rows UNION ALL SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, -1 AS d FROM old_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source) DO UPDATE SET n = a.n + excluded.n;
    INSERT INTO casework_clue_disposition_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
      extract(year FROM r.received_on)::int, r.proposed_method, r.state, r.closed_kind, sum(r.d)
    FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, 1 AS d FROM new_rows UNION ALL SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, -1 AS d FROM old_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_clue_key_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_key_agg_apply();
CREATE TRIGGER casework_clue_key_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_key_agg_apply();
CREATE TRIGGER casework_clue_key_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_key_agg_apply();
CREATE TRIGGER casework_clue_intake_key_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_clue_intake_key_agg');
CREATE TRIGGER casework_clue_disposition_key_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_clue_disposition_key_agg');
INSERT INTO casework_clue_intake_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source, n)
  SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
    (extract(year FROM r.received_on) * 100 + extract(month FROM r.received_on))::int, r.source, sum(r.d)
  FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, 1 AS d FROM clue) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source) DO UPDATE SET n = a.n + excluded.n;
INSERT INTO casework_clue_disposition_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind, n)
  SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification,
    extract(year FROM r.received_on)::int, r.proposed_method, r.state, r.closed_kind, sum(r.d)
  FROM (SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_on, source, proposed_method, state, closed_kind, 1 AS d FROM clue) r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind) DO UPDATE SET n = a.n + excluded.n;

-- The cases of the year by lead org, state and decided, keyed like the clues above by the org column a scoped reader
-- sees cases through (caseVisibleArms: the lead org) and the classification: a 分管领导's scope leads most cases, and
-- its case statement read a year of case_file row by row (full scale: 4,400 of 200,000 cases, a sequential scan,
-- 400–550 ms). The buckets as casework_case_agg of 0058 (a filing proposal by its creation time to the quarter hour).
CREATE TABLE casework_case_key_agg (
  commission_id uuid,
  lead_org_id uuid,
  classification text,
  filed_year int,
  created_q timestamptz,
  state text,
  decided boolean,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_case_key_agg_key ON casework_case_key_agg (commission_id, lead_org_id, classification, filed_year, created_q, state, decided) NULLS NOT DISTINCT;
CREATE INDEX casework_case_key_agg_lead ON casework_case_key_agg (lead_org_id, filed_year);

CREATE FUNCTION casework_case_key_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_case_key_agg AS a (commission_id, lead_org_id, classification, filed_year, created_q, state, decided, n)
    SELECT r.commission_id, r.lead_org_id, r.classification, extract(year FROM r.filed_on)::int,
      CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.state, (r.decided_on IS NOT NULL), sum(r.d)
    FROM (SELECT commission_id, lead_org_id, classification, filed_on, created_at, state, decided_on, 1 AS d FROM new_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, lead_org_id, classification, filed_year, created_q, state, decided) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_case_key_agg AS a (commission_id, lead_org_id, classification, filed_year, created_q, state, decided, n)
    SELECT r.commission_id, r.lead_org_id, r.classification, extract(year FROM r.filed_on)::int,
      CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.state, (r.decided_on IS NOT NULL), sum(r.d)
    FROM (SELECT commission_id, lead_org_id, classification, filed_on, created_at, state, decided_on, -1 AS d FROM old_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, lead_org_id, classification, filed_year, created_q, state, decided) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_case_key_agg AS a (commission_id, lead_org_id, classification, filed_year, created_q, state, decided, n)
    SELECT r.commission_id, r.lead_org_id, r.classification, extract(year FROM r.filed_on)::int,
      CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.state, (r.decided_on IS NOT NULL), sum(r.d)
    FROM (SELECT commission_id, lead_org_id, classification, filed_on, created_at, state, decided_on, 1 AS d FROM new_rows UNION ALL SELECT commission_id, lead_org_id, classification, filed_on, created_at, state, decided_on, -1 AS d FROM old_rows) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, lead_org_id, classification, filed_year, created_q, state, decided) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER casework_case_key_agg_insert AFTER INSERT ON case_file REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_key_agg_apply();
CREATE TRIGGER casework_case_key_agg_update AFTER UPDATE ON case_file REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_key_agg_apply();
CREATE TRIGGER casework_case_key_agg_delete AFTER DELETE ON case_file REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_key_agg_apply();
CREATE TRIGGER casework_case_key_agg_truncate AFTER TRUNCATE ON case_file FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_case_key_agg');
INSERT INTO casework_case_key_agg AS a (commission_id, lead_org_id, classification, filed_year, created_q, state, decided, n)
  SELECT r.commission_id, r.lead_org_id, r.classification, extract(year FROM r.filed_on)::int,
    CASE WHEN r.filed_on IS NULL THEN to_timestamp(floor(extract(epoch FROM r.created_at) / 900) * 900) END, r.state, (r.decided_on IS NOT NULL), sum(r.d)
  FROM (SELECT commission_id, lead_org_id, classification, filed_on, created_at, state, decided_on, 1 AS d FROM case_file) r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (commission_id, lead_org_id, classification, filed_year, created_q, state, decided) DO UPDATE SET n = a.n + excluded.n;

-- The case limits on the case's own dates (OVERDUE_SQL of cases/service-ledger.ts but MEASURE_DUE, which the measures
-- decide) keyed by lead org and classification, as 0062 keys the clue limits: at full scale nearly every case in trial or
-- after sanction is past its limit, so a 分管领导's count read some 20,000 of its cases (case_file by state, 270–400 ms).
-- The due day as 0062: a limit due before casework_due_cutoff() (three days before the writing statement's UTC date) is
-- kept under due_on = NULL, a later one under its day; casework_case_due_key_fold() moves the older day buckets into
-- NULL (every writing statement calls it), so the table keeps about one row per lead org, classification and kind plus
-- the days to come. Readers count the NULL bucket and the days up to current_date (OVERDUE_SQL's day).
CREATE TABLE casework_case_due_key_agg (
  commission_id uuid,
  lead_org_id uuid,
  classification text,
  kind text,
  due_on date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_case_due_key_agg_key ON casework_case_due_key_agg (commission_id, lead_org_id, classification, kind, due_on) NULLS NOT DISTINCT;
CREATE INDEX casework_case_due_key_agg_days ON casework_case_due_key_agg (due_on) WHERE due_on IS NOT NULL;

CREATE FUNCTION casework_case_due_key_fold(cutoff date) RETURNS void LANGUAGE sql AS $$
  WITH moved AS (
    DELETE FROM casework_case_due_key_agg a WHERE a.ctid IN (
      SELECT ctid FROM casework_case_due_key_agg WHERE due_on IS NOT NULL AND due_on < cutoff FOR UPDATE SKIP LOCKED)
    RETURNING a.*)
  INSERT INTO casework_case_due_key_agg AS a (commission_id, lead_org_id, classification, kind, due_on, n)
  SELECT commission_id, lead_org_id, classification, kind, NULL::date, sum(n) FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (commission_id, lead_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n
$$;

-- The limits of a case still running (OVERDUE_SQL's states): kind and due day, one row each.
CREATE FUNCTION casework_case_running_limits(r case_file) RETURNS TABLE (kind text, due_on date) LANGUAGE sql IMMUTABLE AS $$
  SELECT v.kind, v.due_on FROM (VALUES
    ('TRIAL_DUE', CASE WHEN r.state = 'IN_TRIAL' THEN r.trial_due END),
    ('DECISION_ANNOUNCE_DUE', CASE WHEN r.state IN ('DECIDED', 'PROSECUTION_TRANSFERRED') THEN r.decision_announce_due END),
    ('EXECUTION_DUE', CASE WHEN r.state = 'SANCTION_ANNOUNCED' THEN r.execution_report_due END)) v (kind, due_on)
  WHERE v.due_on IS NOT NULL
$$;

CREATE FUNCTION casework_case_due_key_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cutoff date := casework_due_cutoff();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_case_due_key_agg AS a (commission_id, lead_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.lead_org_id, r.classification, l.kind, CASE WHEN l.due_on >= cutoff THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.lead_org_id, c.classification, ROW(c.*)::case_file AS c, 1 AS d FROM new_rows c) r CROSS JOIN LATERAL casework_case_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, lead_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_case_due_key_agg AS a (commission_id, lead_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.lead_org_id, r.classification, l.kind, CASE WHEN l.due_on >= cutoff THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.lead_org_id, c.classification, ROW(c.*)::case_file AS c, -1 AS d FROM old_rows c) r CROSS JOIN LATERAL casework_case_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, lead_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_case_due_key_agg AS a (commission_id, lead_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.lead_org_id, r.classification, l.kind, CASE WHEN l.due_on >= cutoff THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.lead_org_id, c.classification, ROW(c.*)::case_file AS c, 1 AS d FROM new_rows c
      UNION ALL SELECT c.commission_id, c.lead_org_id, c.classification, ROW(c.*)::case_file AS c, -1 AS d FROM old_rows c) r CROSS JOIN LATERAL casework_case_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, lead_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  PERFORM casework_case_due_key_fold(cutoff);
  RETURN NULL;
END $$;
CREATE TRIGGER casework_case_due_key_agg_insert AFTER INSERT ON case_file REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_due_key_agg_apply();
CREATE TRIGGER casework_case_due_key_agg_update AFTER UPDATE ON case_file REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_due_key_agg_apply();
CREATE TRIGGER casework_case_due_key_agg_delete AFTER DELETE ON case_file REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_due_key_agg_apply();
CREATE TRIGGER casework_case_due_key_agg_truncate AFTER TRUNCATE ON case_file FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_case_due_key_agg');
INSERT INTO casework_case_due_key_agg AS a (commission_id, lead_org_id, classification, kind, due_on, n)
  SELECT r.commission_id, r.lead_org_id, r.classification, l.kind, CASE WHEN l.due_on >= casework_due_cutoff() THEN l.due_on END, sum(r.d)
  FROM (SELECT c.commission_id, c.lead_org_id, c.classification, ROW(c.*)::case_file AS c, 1 AS d FROM case_file c) r CROSS JOIN LATERAL casework_case_running_limits(r.c) l
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (commission_id, lead_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;

-- Statistics for the backfilled tables at once (without them the readers' plans read the tables whole until autovacuum
-- comes by: the small bench measured three times the database time per dashboard).
ANALYZE casework_clue_intake_key_agg;
ANALYZE casework_clue_disposition_key_agg;
ANALYZE casework_case_key_agg;
ANALYZE casework_case_due_key_agg;
