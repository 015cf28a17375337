-- Migration 0098: a scoped cockpit's items and tasks summed arm by arm, index-only (issue 15: a miss p95 ≤ 200 ms at 32
-- connections). A scoped reader summed the per-org aggregates of 0065 (items) and 0061 (tasks) in one bitmap scan of its
-- arms ORed (lead ∨ assist ∨ list; supervising ∨ unit org): a BitmapOr of the arms' index scans, then the aggregate's
-- heap pages (full scale, an inspection office: the items' 239 heap pages and, the assist index having no year, 1,629 rows
-- of other years read and dropped; the tasks' 401 heap pages for 5,876 rows, one per running task: see below). The arms are now disjoint parts (each
-- leaves out the rows of the arms before it: cockpit/area-scan.ts `disjointArms`), each one index-only scan over the
-- scope's org list; these indexes carry every column the sum reads, the year before the org for the items.
CREATE INDEX cockpit_item_org_agg_year_lead ON cockpit_item_org_agg (commission_id, year, lead_org_id)
  INCLUDE (assist_org_id, list_id, state, running_due, completed_m, n);
CREATE INDEX cockpit_item_org_agg_year_assist ON cockpit_item_org_agg (commission_id, year, assist_org_id)
  INCLUDE (lead_org_id, list_id, state, running_due, completed_m, n)
  WHERE assist_org_id IS NOT NULL;
-- The old assist index (no year) is read by nothing else.
DROP INDEX cockpit_item_org_agg_assist;

-- The tasks: 0061's aggregate has a row per running task (its deadline a key: full scale 31,528 rows for 200,000 tasks, an
-- office's arms 5,876). The figures ask of a running task only whether its deadline is before today (RED), so this one
-- keeps the deadline's month (due_month, the first day; NULL for a task done) and whether the task is done, not its state
-- (14,607 rows). A month other than today's is wholly before or wholly after today, so its first day compares with today
-- as every deadline in it does; the tasks due in today's month are read from 0061's aggregate by their exact deadline
-- (cockpit_task_org_agg_open: the commission's few rows of that month), so the sum is exact on every day
-- (cockpit/area-scan.ts scopedTaskScan). Kept exact by statement triggers as 0061 (the 'reform' epoch row taken first,
-- 0072).
CREATE TABLE cockpit_task_org_month_agg (
  commission_id uuid,
  supervisor_org_id uuid,
  unit_org_id uuid,
  done boolean,
  due_month date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_task_org_month_agg_key ON cockpit_task_org_month_agg (commission_id, supervisor_org_id, unit_org_id, done, due_month)
  INCLUDE (n) NULLS NOT DISTINCT;
CREATE INDEX cockpit_task_org_month_agg_unit ON cockpit_task_org_month_agg (commission_id, unit_org_id) INCLUDE (supervisor_org_id, done, due_month, n);
CREATE FUNCTION cockpit_task_org_month_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_task_org_month_agg AS a (commission_id, supervisor_org_id, unit_org_id, done, due_month, n)
    SELECT commission_id, supervisor_org_id, unit_org_id, state IN ('VERIFIED', 'CLOSED'), CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN date_trunc('month', deadline)::date END, count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, supervisor_org_id, unit_org_id, done, due_month) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_task_org_month_agg AS a (commission_id, supervisor_org_id, unit_org_id, done, due_month, n)
    SELECT commission_id, supervisor_org_id, unit_org_id, state IN ('VERIFIED', 'CLOSED'), CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN date_trunc('month', deadline)::date END, -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, supervisor_org_id, unit_org_id, done, due_month) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_task_org_month_agg AS a (commission_id, supervisor_org_id, unit_org_id, done, due_month, n)
    SELECT commission_id, supervisor_org_id, unit_org_id, done, due_month, sum(d) FROM (
      SELECT commission_id AS commission_id, supervisor_org_id AS supervisor_org_id, unit_org_id AS unit_org_id, state IN ('VERIFIED', 'CLOSED') AS done,
        CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN date_trunc('month', deadline)::date END AS due_month, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, supervisor_org_id, unit_org_id, state IN ('VERIFIED', 'CLOSED'),
        CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN date_trunc('month', deadline)::date END, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, supervisor_org_id, unit_org_id, done, due_month) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_task_org_month_agg_insert AFTER INSERT ON rectification_task REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_org_month_agg_apply();
CREATE TRIGGER cockpit_task_org_month_agg_update AFTER UPDATE ON rectification_task REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_org_month_agg_apply();
CREATE TRIGGER cockpit_task_org_month_agg_delete AFTER DELETE ON rectification_task REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_org_month_agg_apply();
CREATE TRIGGER cockpit_task_org_month_agg_truncate AFTER TRUNCATE ON rectification_task FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_task_org_month_agg');
INSERT INTO cockpit_task_org_month_agg (commission_id, supervisor_org_id, unit_org_id, done, due_month, n)
SELECT commission_id, supervisor_org_id, unit_org_id, state IN ('VERIFIED', 'CLOSED'), CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN date_trunc('month', deadline)::date END, count(*)
  FROM rectification_task GROUP BY 1, 2, 3, 4, 5;
-- Today's month of 0061's aggregate: its running tasks by their exact deadline.
CREATE INDEX cockpit_task_org_agg_open ON cockpit_task_org_agg (commission_id, open_deadline) INCLUDE (supervisor_org_id, unit_org_id, state, n)
  WHERE open_deadline IS NOT NULL;
