-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), supervision
-- items. A scoped reader counted the items it sees row by row, arm by arm: an inspection office's miss spent 104–118 ms
-- of PostgreSQL on them (one connection, full scale). itemVisible = same ∧ (lead ∨ assist ∨ list), same the commission,
-- the list's classification and recusal and the recusal from the item. The org arms (lead or assist org in the scope) are
-- and the list arm (the scope's lists) are now summed from this aggregate, keyed by the list and both org columns (an item
-- several arms reach is one row, counted once) and by what the figures read: the year, the state, the due date while the
-- deadline runs and the completion month (as cockpit_item_agg of 0052). A list's owner, liaison office or classification
-- is read when the caller asks, never stored here: `same` is an exact correction in cockpit/area-scan.ts (scopedItemScan),
-- the items of those arms the caller may not see (list above the clearance or recused, item recused) subtracted.
-- 80,000 items at full scale make 15,329 rows (10,000 list × lead × assist combinations).

-- A completion time as a point of the same local month in every zone (offsets between −12 and +14 hours): the middle of
-- its UTC month when it lies more than 15 hours from either end of it, else the quarter hour (as 0052). Done items of a
-- month then share one row instead of one per quarter hour.
CREATE FUNCTION cockpit_month_point(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN t IS NULL THEN NULL
    WHEN (t AT TIME ZONE 'UTC') >= date_trunc('month', t AT TIME ZONE 'UTC') + interval '15 hours'
      AND (t AT TIME ZONE 'UTC') < date_trunc('month', t AT TIME ZONE 'UTC') + interval '1 month' - interval '15 hours'
      THEN (date_trunc('month', t AT TIME ZONE 'UTC') + interval '15 days') AT TIME ZONE 'UTC'
    ELSE to_timestamp(floor(extract(epoch FROM t) / 900) * 900)
  END
$$;

CREATE TABLE cockpit_item_org_agg (
  commission_id uuid,
  year int,
  list_id uuid,
  lead_org_id uuid,
  assist_org_id uuid,
  state text,
  running_due date,
  completed_m timestamptz,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_item_org_agg_key ON cockpit_item_org_agg (commission_id, lead_org_id, assist_org_id, list_id, year, state, running_due, completed_m) NULLS NOT DISTINCT;
CREATE INDEX cockpit_item_org_agg_assist ON cockpit_item_org_agg (commission_id, assist_org_id) INCLUDE (lead_org_id, list_id, year, state, running_due, completed_m, n);
CREATE INDEX cockpit_item_org_agg_list ON cockpit_item_org_agg (list_id, year) INCLUDE (commission_id, lead_org_id, assist_org_id, state, running_due, completed_m, n);
CREATE FUNCTION cockpit_item_org_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_item_org_agg AS a (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m, n)
    SELECT commission_id, year, list_id, lead_org_id, assist_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(completed_at) END, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_item_org_agg AS a (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m, n)
    SELECT commission_id, year, list_id, lead_org_id, assist_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(completed_at) END, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_item_org_agg AS a (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m, n)
    SELECT commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, list_id AS list_id, lead_org_id AS lead_org_id, assist_org_id AS assist_org_id, state AS state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END AS running_due, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(completed_at) END AS completed_m, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, list_id, lead_org_id, assist_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(completed_at) END, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_item_org_agg_insert AFTER INSERT ON supervision_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_item_org_agg_apply();
CREATE TRIGGER cockpit_item_org_agg_update AFTER UPDATE ON supervision_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_item_org_agg_apply();
CREATE TRIGGER cockpit_item_org_agg_delete AFTER DELETE ON supervision_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_item_org_agg_apply();
CREATE TRIGGER cockpit_item_org_agg_truncate AFTER TRUNCATE ON supervision_item FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_item_org_agg');
INSERT INTO cockpit_item_org_agg AS a (commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m, n)
SELECT commission_id, year, list_id, lead_org_id, assist_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END, CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(completed_at) END, count(*) FROM supervision_item GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- The correction's lists above a caller's clearance: found by classification, not by reading every list.
CREATE INDEX supervision_list_classification ON supervision_list (classification, commission_id);
-- The complement of a clearance's classifications is then exactly the ones above it (platform/access.ts CLASSIFICATION_ORDER).
ALTER TABLE supervision_list ADD CONSTRAINT supervision_list_classification_known CHECK (classification IN ('PUBLIC', 'WORK_SECRET', 'SECRET', 'CONFIDENTIAL', 'TOP_SECRET'));
