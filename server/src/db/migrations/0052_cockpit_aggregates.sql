-- 监督质效 cockpit (issue 15; issue 12: "dashboards, matrix and cockpit from incrementally maintained aggregates,
-- so a cache miss is as fast as a hit"). One aggregate table per area the cockpit counts, keyed by what its
-- commission-wide figures group and filter on, each row the number of objects in that bucket. Kept exact in
-- the writing transaction by statement-level triggers with transition tables (a bulk write is one grouped
-- upsert per statement, an update that moves no key changes nothing), and backfilled here.
-- Timestamps enter as quarter hours (every time zone's offset is a multiple of 15 minutes), so the local month
-- or year of the reader's zone is exact whatever the writer's session zone was.

-- A TRUNCATE of a counted table empties its aggregate.
CREATE FUNCTION cockpit_agg_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('TRUNCATE %I', TG_ARGV[0]);
  RETURN NULL;
END $$;

-- supervision items: year, lead org, state, the due date while the deadline runs (RED: before today; states as DONE_STATES
-- and NOT_RUNNING of supervision/light.ts), the completion time of a done item to the quarter hour (the series month in any zone).
CREATE TABLE cockpit_item_agg (
  commission_id uuid,
  year int,
  lead_org_id uuid,
  state text,
  running_due date,
  completed_q timestamptz,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_item_agg_key ON cockpit_item_agg (commission_id, year, lead_org_id, state, running_due, completed_q) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_item_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_item_agg AS a (commission_id, year, lead_org_id, state, running_due, completed_q, n)
    SELECT commission_id, year, lead_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN to_timestamp(floor(extract(epoch FROM completed_at) / 900) * 900) END, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, lead_org_id, state, running_due, completed_q) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_item_agg AS a (commission_id, year, lead_org_id, state, running_due, completed_q, n)
    SELECT commission_id, year, lead_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN to_timestamp(floor(extract(epoch FROM completed_at) / 900) * 900) END, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, lead_org_id, state, running_due, completed_q) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_item_agg AS a (commission_id, year, lead_org_id, state, running_due, completed_q, n)
    SELECT commission_id, year, lead_org_id, state, running_due, completed_q, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, lead_org_id AS lead_org_id, state AS state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END AS running_due, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN to_timestamp(floor(extract(epoch FROM completed_at) / 900) * 900) END AS completed_q, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, lead_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN to_timestamp(floor(extract(epoch FROM completed_at) / 900) * 900) END, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, lead_org_id, state, running_due, completed_q) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_item_agg_insert AFTER INSERT ON supervision_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_item_agg_apply();
CREATE TRIGGER cockpit_item_agg_update AFTER UPDATE ON supervision_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_item_agg_apply();
CREATE TRIGGER cockpit_item_agg_delete AFTER DELETE ON supervision_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_item_agg_apply();
CREATE TRIGGER cockpit_item_agg_truncate AFTER TRUNCATE ON supervision_item FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_item_agg');
INSERT INTO cockpit_item_agg (commission_id, year, lead_org_id, state, running_due, completed_q, n) SELECT commission_id, year, lead_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN to_timestamp(floor(extract(epoch FROM completed_at) / 900) * 900) END, count(*) FROM supervision_item GROUP BY 1, 2, 3, 4, 5, 6;

-- clues: year, undertaking org, sector, state, month of receipt.
CREATE TABLE cockpit_clue_agg (
  commission_id uuid,
  year int,
  undertaking_org_id uuid,
  sector_code text,
  state text,
  received_ym int,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_clue_agg_key ON cockpit_clue_agg (commission_id, year, undertaking_org_id, sector_code, state, received_ym) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_clue_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_clue_agg AS a (commission_id, year, undertaking_org_id, sector_code, state, received_ym, n)
    SELECT commission_id, year, undertaking_org_id, sector_code, state, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, undertaking_org_id, sector_code, state, received_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_clue_agg AS a (commission_id, year, undertaking_org_id, sector_code, state, received_ym, n)
    SELECT commission_id, year, undertaking_org_id, sector_code, state, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, undertaking_org_id, sector_code, state, received_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_clue_agg AS a (commission_id, year, undertaking_org_id, sector_code, state, received_ym, n)
    SELECT commission_id, year, undertaking_org_id, sector_code, state, received_ym, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, undertaking_org_id AS undertaking_org_id, sector_code AS sector_code, state AS state, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int AS received_ym, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, undertaking_org_id, sector_code, state, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, undertaking_org_id, sector_code, state, received_ym) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_clue_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_agg_apply();
CREATE TRIGGER cockpit_clue_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_agg_apply();
CREATE TRIGGER cockpit_clue_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_agg_apply();
CREATE TRIGGER cockpit_clue_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_clue_agg');
INSERT INTO cockpit_clue_agg (commission_id, year, undertaking_org_id, sector_code, state, received_ym, n) SELECT commission_id, year, undertaking_org_id, sector_code, state, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6;

-- cases: year, lead org, sector, state, month of filing.
CREATE TABLE cockpit_case_agg (
  commission_id uuid,
  year int,
  lead_org_id uuid,
  sector_code text,
  state text,
  filed_ym int,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_case_agg_key ON cockpit_case_agg (commission_id, year, lead_org_id, sector_code, state, filed_ym) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_case_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_case_agg AS a (commission_id, year, lead_org_id, sector_code, state, filed_ym, n)
    SELECT commission_id, year, lead_org_id, sector_code, state, (extract(year FROM filed_on) * 100 + extract(month FROM filed_on))::int, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, lead_org_id, sector_code, state, filed_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_case_agg AS a (commission_id, year, lead_org_id, sector_code, state, filed_ym, n)
    SELECT commission_id, year, lead_org_id, sector_code, state, (extract(year FROM filed_on) * 100 + extract(month FROM filed_on))::int, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, lead_org_id, sector_code, state, filed_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_case_agg AS a (commission_id, year, lead_org_id, sector_code, state, filed_ym, n)
    SELECT commission_id, year, lead_org_id, sector_code, state, filed_ym, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, lead_org_id AS lead_org_id, sector_code AS sector_code, state AS state, (extract(year FROM filed_on) * 100 + extract(month FROM filed_on))::int AS filed_ym, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, lead_org_id, sector_code, state, (extract(year FROM filed_on) * 100 + extract(month FROM filed_on))::int, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, lead_org_id, sector_code, state, filed_ym) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_case_agg_insert AFTER INSERT ON case_file REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_case_agg_apply();
CREATE TRIGGER cockpit_case_agg_update AFTER UPDATE ON case_file REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_case_agg_apply();
CREATE TRIGGER cockpit_case_agg_delete AFTER DELETE ON case_file REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_case_agg_apply();
CREATE TRIGGER cockpit_case_agg_truncate AFTER TRUNCATE ON case_file FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_case_agg');
INSERT INTO cockpit_case_agg (commission_id, year, lead_org_id, sector_code, state, filed_ym, n) SELECT commission_id, year, lead_org_id, sector_code, state, (extract(year FROM filed_on) * 100 + extract(month FROM filed_on))::int, count(*) FROM case_file GROUP BY 1, 2, 3, 4, 5, 6;

-- letters: document year (else creation time to the quarter hour), drafting org, state, month of issue, reply due while unanswered.
CREATE TABLE cockpit_letter_agg (
  commission_id uuid,
  doc_year int,
  created_q timestamptz,
  drafting_org_id uuid,
  state text,
  issued_ym int,
  open_reply_due date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_letter_agg_key ON cockpit_letter_agg (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_letter_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_letter_agg AS a (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due, n)
    SELECT commission_id, doc_year, CASE WHEN doc_year IS NULL THEN to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900) END, drafting_org_id, state, (extract(year FROM issued_on) * 100 + extract(month FROM issued_on))::int, CASE WHEN reply_due IS NOT NULL AND replied_on IS NULL AND state <> 'WITHDRAWN' THEN reply_due END, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_letter_agg AS a (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due, n)
    SELECT commission_id, doc_year, CASE WHEN doc_year IS NULL THEN to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900) END, drafting_org_id, state, (extract(year FROM issued_on) * 100 + extract(month FROM issued_on))::int, CASE WHEN reply_due IS NOT NULL AND replied_on IS NULL AND state <> 'WITHDRAWN' THEN reply_due END, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_letter_agg AS a (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due, n)
    SELECT commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due, sum(d) FROM (
      SELECT commission_id AS commission_id, doc_year AS doc_year, CASE WHEN doc_year IS NULL THEN to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900) END AS created_q, drafting_org_id AS drafting_org_id, state AS state, (extract(year FROM issued_on) * 100 + extract(month FROM issued_on))::int AS issued_ym, CASE WHEN reply_due IS NOT NULL AND replied_on IS NULL AND state <> 'WITHDRAWN' THEN reply_due END AS open_reply_due, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, doc_year, CASE WHEN doc_year IS NULL THEN to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900) END, drafting_org_id, state, (extract(year FROM issued_on) * 100 + extract(month FROM issued_on))::int, CASE WHEN reply_due IS NOT NULL AND replied_on IS NULL AND state <> 'WITHDRAWN' THEN reply_due END, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_letter_agg_insert AFTER INSERT ON letter REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_letter_agg_apply();
CREATE TRIGGER cockpit_letter_agg_update AFTER UPDATE ON letter REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_letter_agg_apply();
CREATE TRIGGER cockpit_letter_agg_delete AFTER DELETE ON letter REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_letter_agg_apply();
CREATE TRIGGER cockpit_letter_agg_truncate AFTER TRUNCATE ON letter FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_letter_agg');
INSERT INTO cockpit_letter_agg (commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due, n) SELECT commission_id, doc_year, CASE WHEN doc_year IS NULL THEN to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900) END, drafting_org_id, state, (extract(year FROM issued_on) * 100 + extract(month FROM issued_on))::int, CASE WHEN reply_due IS NOT NULL AND replied_on IS NULL AND state <> 'WITHDRAWN' THEN reply_due END, count(*) FROM letter GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- rectification tasks: supervising org, state, the deadline of a task not done (RED: before today; TASK_DONE_STATES of reform/light.ts).
CREATE TABLE cockpit_task_agg (
  commission_id uuid,
  supervisor_org_id uuid,
  state text,
  open_deadline date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_task_agg_key ON cockpit_task_agg (commission_id, supervisor_org_id, state, open_deadline) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_task_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_task_agg AS a (commission_id, supervisor_org_id, state, open_deadline, n)
    SELECT commission_id, supervisor_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, count(*) FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (commission_id, supervisor_org_id, state, open_deadline) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_task_agg AS a (commission_id, supervisor_org_id, state, open_deadline, n)
    SELECT commission_id, supervisor_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (commission_id, supervisor_org_id, state, open_deadline) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_task_agg AS a (commission_id, supervisor_org_id, state, open_deadline, n)
    SELECT commission_id, supervisor_org_id, state, open_deadline, sum(d) FROM (
      SELECT commission_id AS commission_id, supervisor_org_id AS supervisor_org_id, state AS state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END AS open_deadline, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, supervisor_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, supervisor_org_id, state, open_deadline) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_task_agg_insert AFTER INSERT ON rectification_task REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_agg_apply();
CREATE TRIGGER cockpit_task_agg_update AFTER UPDATE ON rectification_task REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_agg_apply();
CREATE TRIGGER cockpit_task_agg_delete AFTER DELETE ON rectification_task REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_agg_apply();
CREATE TRIGGER cockpit_task_agg_truncate AFTER TRUNCATE ON rectification_task FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_task_agg');
INSERT INTO cockpit_task_agg (commission_id, supervisor_org_id, state, open_deadline, n) SELECT commission_id, supervisor_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, count(*) FROM rectification_task GROUP BY 1, 2, 3, 4;

-- campaigns: year, lead org, domain, state.
CREATE TABLE cockpit_campaign_agg (
  commission_id uuid,
  year int,
  lead_org_id uuid,
  domain text,
  state text,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_campaign_agg_key ON cockpit_campaign_agg (commission_id, year, lead_org_id, domain, state) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_campaign_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_campaign_agg AS a (commission_id, year, lead_org_id, domain, state, n)
    SELECT commission_id, year, lead_org_id, domain, state, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, lead_org_id, domain, state) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_campaign_agg AS a (commission_id, year, lead_org_id, domain, state, n)
    SELECT commission_id, year, lead_org_id, domain, state, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, lead_org_id, domain, state) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_campaign_agg AS a (commission_id, year, lead_org_id, domain, state, n)
    SELECT commission_id, year, lead_org_id, domain, state, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, lead_org_id AS lead_org_id, domain AS domain, state AS state, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, lead_org_id, domain, state, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, lead_org_id, domain, state) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_campaign_agg_insert AFTER INSERT ON campaign REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_campaign_agg_apply();
CREATE TRIGGER cockpit_campaign_agg_update AFTER UPDATE ON campaign REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_campaign_agg_apply();
CREATE TRIGGER cockpit_campaign_agg_delete AFTER DELETE ON campaign REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_campaign_agg_apply();
CREATE TRIGGER cockpit_campaign_agg_truncate AFTER TRUNCATE ON campaign FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_campaign_agg');
INSERT INTO cockpit_campaign_agg (commission_id, year, lead_org_id, domain, state, n) SELECT commission_id, year, lead_org_id, domain, state, count(*) FROM campaign GROUP BY 1, 2, 3, 4, 5;
