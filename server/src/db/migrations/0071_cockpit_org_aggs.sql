-- Migration 0071: per-org aggregates of clues for the scoped cockpit.
-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), clues. A scoped
-- reader counted the clues of the year it sees row by row, arm by arm (an inspection office: ~16,000 clues, 35–50 ms of
-- PostgreSQL per miss at full scale). clueVisible = scope ∧ (receiving ∨ undertaking ∨ subject ∨ teams ∨ 专班 ∨ grants),
-- scope the commission, the clearance and the recusal from the clue. The org arms (the receiving, undertaking or subject
-- org in the caller's orgs, and the owner orgs of 信息互通 category grants) are now summed from this aggregate, keyed by
-- all three org columns (a clue several arms reach is one row, counted once), by the classification (the clearance is a
-- filter over the aggregate, exact) and by what the figures read: the year, the sector and the state (the month of
-- receipt in the second aggregate below). The recusals and the small arms (teams, 专班, named grants) are exact
-- corrections in cockpit/area-scan.ts (scopedClueScan). Used above 300 org probes (offices, 分管领导, the 信访室 book):
-- a group or a county reads its own clues for less than the year's keys (area-scan.ts ORG_PROBE_LIMIT).

CREATE TABLE cockpit_clue_org_agg (
  commission_id uuid,
  year int,
  receiving_org_id uuid,
  undertaking_org_id uuid,
  subject_org_id uuid,
  classification text,
  sector_code text,
  state text,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_clue_org_agg_key ON cockpit_clue_org_agg (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state) NULLS NOT DISTINCT;
-- The year's keys read index-only (the rows an aggregate's upserts leave behind are spread over many pages).
CREATE INDEX cockpit_clue_org_agg_year ON cockpit_clue_org_agg (commission_id, year) INCLUDE (receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, n);
CREATE FUNCTION cockpit_clue_org_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_clue_org_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_clue_org_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_clue_org_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, receiving_org_id AS receiving_org_id, undertaking_org_id AS undertaking_org_id, subject_org_id AS subject_org_id, classification AS classification, sector_code AS sector_code, state AS state, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_clue_org_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_agg_apply();
CREATE TRIGGER cockpit_clue_org_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_agg_apply();
CREATE TRIGGER cockpit_clue_org_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_agg_apply();
CREATE TRIGGER cockpit_clue_org_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_clue_org_agg');
INSERT INTO cockpit_clue_org_agg (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, n)
SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
ANALYZE cockpit_clue_org_agg;
-- The month of receipt (the series) is a second aggregate keyed by the org columns, the classification and the month
-- alone: with the sector and the state beside the month the keys do not compress (full scale, 2026: 90,361 clues make
-- 73,697 keys with the month, 18,557 without it; the org columns and the month alone make 23,859).
CREATE TABLE cockpit_clue_org_month_agg (
  commission_id uuid,
  year int,
  receiving_org_id uuid,
  undertaking_org_id uuid,
  subject_org_id uuid,
  classification text,
  received_ym int,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_clue_org_month_agg_key ON cockpit_clue_org_month_agg (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym) NULLS NOT DISTINCT;
-- The year's keys read index-only (the rows an aggregate's upserts leave behind are spread over many pages).
CREATE INDEX cockpit_clue_org_month_agg_year ON cockpit_clue_org_month_agg (commission_id, year) INCLUDE (receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym, n);
CREATE FUNCTION cockpit_clue_org_month_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_clue_org_month_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_clue_org_month_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_clue_org_month_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, receiving_org_id AS receiving_org_id, undertaking_org_id AS undertaking_org_id, subject_org_id AS subject_org_id, classification AS classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int AS received_ym, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_clue_org_month_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_month_agg_apply();
CREATE TRIGGER cockpit_clue_org_month_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_month_agg_apply();
CREATE TRIGGER cockpit_clue_org_month_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_month_agg_apply();
CREATE TRIGGER cockpit_clue_org_month_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_clue_org_month_agg');
INSERT INTO cockpit_clue_org_month_agg (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym, n)
SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6, 7;
ANALYZE cockpit_clue_org_month_agg;

-- Letters were tried the same way and left row by row: keyed by both org columns, the classification, the year (or the
-- creation month), the state, the month of issue and the reply due date, 50,000 letters made 88,909 keys at full scale
-- (the reply due date is nearly one per letter), more than the letters themselves.
