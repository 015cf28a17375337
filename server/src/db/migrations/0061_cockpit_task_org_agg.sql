-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections). A scoped
-- reader counted its rectification tasks row by row, arm by arm: an inspection office or a 分管领导 (700–800 orgs) sees
-- some 38,000 tasks, and each task's letter was checked against a hashed set of every letter of the commission —
-- 400–650 ms of a miss. The org arms of taskVisible (supervising org or unit org in the scope) are now summed from this
-- aggregate, keyed by both org columns — a task that both arms reach is one row of the aggregate, counted once — and by
-- what the figures read (state, and the deadline of a task not done: the lights as cockpit_task_agg of 0052). The rest
-- of the predicate is exact corrections in cockpit/scans.ts: the tasks of those orgs that the caller may not see
-- (recused, or their letter above the caller's clearance, recused, or of a recused case) are subtracted, the tasks of
-- the other arms (supervising user, 专班) outside those orgs added. Kept exact by statement triggers as in 0052.
CREATE TABLE cockpit_task_org_agg (
  commission_id uuid,
  supervisor_org_id uuid,
  unit_org_id uuid,
  state text,
  open_deadline date,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_task_org_agg_key ON cockpit_task_org_agg (commission_id, supervisor_org_id, unit_org_id, state, open_deadline) NULLS NOT DISTINCT;
CREATE INDEX cockpit_task_org_agg_unit ON cockpit_task_org_agg (commission_id, unit_org_id) INCLUDE (supervisor_org_id, state, open_deadline, n);
CREATE FUNCTION cockpit_task_org_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_task_org_agg AS a (commission_id, supervisor_org_id, unit_org_id, state, open_deadline, n)
    SELECT commission_id, supervisor_org_id, unit_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, supervisor_org_id, unit_org_id, state, open_deadline) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_task_org_agg AS a (commission_id, supervisor_org_id, unit_org_id, state, open_deadline, n)
    SELECT commission_id, supervisor_org_id, unit_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, supervisor_org_id, unit_org_id, state, open_deadline) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_task_org_agg AS a (commission_id, supervisor_org_id, unit_org_id, state, open_deadline, n)
    SELECT commission_id, supervisor_org_id, unit_org_id, state, open_deadline, sum(d) FROM (
      SELECT commission_id AS commission_id, supervisor_org_id AS supervisor_org_id, unit_org_id AS unit_org_id, state AS state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END AS open_deadline, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, supervisor_org_id, unit_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, supervisor_org_id, unit_org_id, state, open_deadline) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_task_org_agg_insert AFTER INSERT ON rectification_task REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_org_agg_apply();
CREATE TRIGGER cockpit_task_org_agg_update AFTER UPDATE ON rectification_task REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_org_agg_apply();
CREATE TRIGGER cockpit_task_org_agg_delete AFTER DELETE ON rectification_task REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_task_org_agg_apply();
CREATE TRIGGER cockpit_task_org_agg_truncate AFTER TRUNCATE ON rectification_task FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_task_org_agg');
INSERT INTO cockpit_task_org_agg (commission_id, supervisor_org_id, unit_org_id, state, open_deadline, n)
SELECT commission_id, supervisor_org_id, unit_org_id, state, CASE WHEN state NOT IN ('VERIFIED', 'CLOSED') THEN deadline END, count(*) FROM rectification_task GROUP BY 1, 2, 3, 4, 5;

-- The correction's letters above a caller's clearance: found by classification, not by reading every letter.
CREATE INDEX letter_classification ON letter (classification, commission_id);
-- The complement of a clearance's classifications is then exactly the ones above it (platform/access.ts CLASSIFICATION_ORDER).
ALTER TABLE letter ADD CONSTRAINT letter_classification_known CHECK (classification IN ('PUBLIC', 'WORK_SECRET', 'SECRET', 'CONFIDENTIAL', 'TOP_SECRET'));
