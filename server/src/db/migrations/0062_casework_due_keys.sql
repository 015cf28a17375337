-- 线索案件 dashboard, issue 12: the scoped reader's 超期 (overdue) counts by department from an aggregate, not from its rows.
-- casework_clue_due_agg (0058) keys the running clue limits by undertaking org only, but a scoped reader sees a clue
-- by any of three org columns (clueVisibleArms: receiving, undertaking, subject org) and only up to its clearance, so
-- it counted its own running limits row by row (at full scale an office's scope of some 800 orgs read thousands of
-- scattered rows: 108–170 ms mean, 2.9 s at worst, the statement timeout under load). Here the same limits are keyed
-- by all three org columns and the classification, so that the visible org arms select aggregate rows
-- (casework/dashboard-counts.ts adds what the other arms — teams, campaigns, grants of single clues — show and
-- takes off the clues the reader is recused from, both from the base rows).
--
-- The due day: the dashboard counts the limits due on or before today. A limit already due three days before the
-- UTC date of the writing statement (so before any reader's local today, whatever its zone) is kept in the bucket
-- due_on = NULL ("long due"), a later one under its day. Every write adds +1 and −1 under the bucket it computes at
-- that time, so a row may leave by a bucket other than the one it came in by; both are counted by every reader
-- (NULL always, a day once it is today or past), so the reader's sum is exact. casework_clue_due_key_fold() moves day
-- buckets older than the cutoff into NULL (every writing statement calls it, so the table keeps about one row per
-- org triple, classification and kind, plus the days still to come). Every upsert here takes its rows in key order
-- (ORDER BY the key), so two writers meeting on the same rows wait for each other instead of deadlocking.
CREATE TABLE casework_clue_due_key_agg (
  commission_id uuid,
  undertaking_org_id uuid,
  receiving_org_id uuid,
  subject_org_id uuid,
  classification text,
  kind text,
  due_on date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX casework_clue_due_key_agg_key ON casework_clue_due_key_agg (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on) NULLS NOT DISTINCT;
CREATE INDEX casework_clue_due_key_agg_receiving ON casework_clue_due_key_agg (commission_id, receiving_org_id);
CREATE INDEX casework_clue_due_key_agg_subject ON casework_clue_due_key_agg (commission_id, subject_org_id);
CREATE INDEX casework_clue_due_key_agg_days ON casework_clue_due_key_agg (due_on) WHERE due_on IS NOT NULL;

-- The first due day kept apart: three days before today's UTC date.
CREATE FUNCTION casework_due_cutoff() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::date - 3 $$;

-- Moves the day buckets before `cutoff` into the NULL bucket of their key (sums unchanged for every reader whose
-- today is on or after the cutoff). Locked rows are left to the next statement.
CREATE FUNCTION casework_clue_due_key_fold(cutoff date) RETURNS void LANGUAGE sql AS $$
  WITH moved AS (
    DELETE FROM casework_clue_due_key_agg a WHERE a.ctid IN (
      SELECT ctid FROM casework_clue_due_key_agg WHERE due_on IS NOT NULL AND due_on < cutoff FOR UPDATE SKIP LOCKED)
    RETURNING a.*)
  INSERT INTO casework_clue_due_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on, n)
  SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, NULL::date, sum(n) FROM moved GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n
$$;

-- The limits of a clue still running (as casework_clue_due_agg of 0058 keeps them): kind and due day, one row each.
CREATE FUNCTION casework_clue_running_limits(r clue) RETURNS TABLE (kind text, due_on date) LANGUAGE sql IMMUTABLE AS $$
  SELECT v.kind, v.due_on FROM (VALUES
    ('PROPOSAL_DUE', CASE WHEN r.state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') THEN r.propose_due END),
    ('ACKNOWLEDGE_DUE', CASE WHEN r.acknowledged_on IS NULL AND r.state NOT IN ('MERGED', 'TRANSFERRED_OUT') THEN r.acknowledge_due END),
    ('INQUIRY_REPLY_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_reply_due END),
    ('INQUIRY_REPORT_DUE', CASE WHEN r.state = 'TALK_INQUIRY' THEN r.inquiry_report_due END),
    ('HOLD_REVIEW_DUE', CASE WHEN r.state = 'PENDING_HOLD' THEN r.hold_review_due END),
    ('ASSIGNED_CASE_DUE', CASE WHEN r.state NOT IN ('CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG', 'MERGED', 'FALSE_ACCUSATION', 'CASE_FILED') THEN r.assigned_case_due END),
    ('FEEDBACK_DUE', CASE WHEN r.feedback_on IS NULL THEN r.feedback_due END)) v (kind, due_on)
  WHERE v.due_on IS NOT NULL
$$;

CREATE FUNCTION casework_clue_due_key_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cutoff date := casework_due_cutoff();
BEGIN
  -- The transition tables a statement has (old_rows exists for UPDATE and DELETE, new_rows for INSERT and UPDATE).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_clue_due_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification, l.kind,
      CASE WHEN l.due_on >= cutoff THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.undertaking_org_id, c.receiving_org_id, c.subject_org_id, c.classification, ROW(c.*)::clue AS c, 1 AS d FROM new_rows c) r CROSS JOIN LATERAL casework_clue_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO casework_clue_due_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification, l.kind,
      CASE WHEN l.due_on >= cutoff THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.undertaking_org_id, c.receiving_org_id, c.subject_org_id, c.classification, ROW(c.*)::clue AS c, -1 AS d FROM old_rows c) r CROSS JOIN LATERAL casework_clue_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO casework_clue_due_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification, l.kind,
      CASE WHEN l.due_on >= cutoff THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.undertaking_org_id, c.receiving_org_id, c.subject_org_id, c.classification, ROW(c.*)::clue AS c, 1 AS d FROM new_rows c UNION ALL SELECT c.commission_id, c.undertaking_org_id, c.receiving_org_id, c.subject_org_id, c.classification, ROW(c.*)::clue AS c, -1 AS d FROM old_rows c) r CROSS JOIN LATERAL casework_clue_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  PERFORM casework_clue_due_key_fold(cutoff);
  RETURN NULL;
END $$;
CREATE TRIGGER casework_clue_due_key_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_due_key_agg_apply();
CREATE TRIGGER casework_clue_due_key_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_due_key_agg_apply();
CREATE TRIGGER casework_clue_due_key_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_clue_due_key_agg_apply();
CREATE TRIGGER casework_clue_due_key_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('casework_clue_due_key_agg');
INSERT INTO casework_clue_due_key_agg AS a (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on, n)
    SELECT r.commission_id, r.undertaking_org_id, r.receiving_org_id, r.subject_org_id, r.classification, l.kind,
      CASE WHEN l.due_on >= casework_due_cutoff() THEN l.due_on END, sum(r.d)
    FROM (SELECT c.commission_id, c.undertaking_org_id, c.receiving_org_id, c.subject_org_id, c.classification, ROW(c.*)::clue AS c, 1 AS d FROM clue c) r CROSS JOIN LATERAL casework_clue_running_limits(r.c) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on) DO UPDATE SET n = a.n + excluded.n;
