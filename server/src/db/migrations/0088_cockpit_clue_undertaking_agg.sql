-- Migration 0088: the undertaking arm of the scoped cockpit's clues summed per undertaking org alone.
-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), clues. A
-- scoped reader's clues are summed arm by arm from cockpit_clue_org_agg and cockpit_clue_org_month_agg (0071, 0079,
-- 0085), the undertaking arm first. That arm reads every key of the reader's undertaking orgs, and those keys carry
-- the receiving and the subject org beside it, which the arm never reads (the later arms leave out the keys whose
-- undertaking org is in the arm's orgs: the undertaking org alone decides). Full scale, 2026, an inspection office's
-- 786 orgs: 3,125 keys of the figures' aggregate fold into 403 without the two other org columns, 4,015 of the months'
-- into 341. These aggregates are the same counts keyed by the undertaking org, the classification and what the
-- figures read (the year, the sector and the state; the month of receipt in the second), kept by statement triggers on
-- clue as 0071's are, in the writing transaction; every writer of clue takes the 'clues' row of data_epoch first
-- (BEFORE statement trigger, 0072), so two writers never wait for each other's buckets here either. Read by
-- cockpit/area-scan-keyed.ts scopedClueScan; cockpit/clue-undertaking-agg.test.ts recounts them after random and
-- concurrent writes and compares the cockpit with and without them.
--
-- The subject arm comes last and keeps only the keys whose undertaking and receiving orgs are outside the arms before
-- it; the subject org is never the undertaking org, so 0085's partial index cannot leave the others out, and an office
-- read 3,404 keys to keep 279. The third aggregate below counts the clues per (receiving, undertaking, subject) org
-- triple alone: the same office's subject orgs have 398 triples, 33 of them kept, and the arm reads those 33 triples'
-- keys of 0071's aggregates by their unique key (index-only, 279 keys).

CREATE TABLE cockpit_clue_undertaking_agg (
  commission_id uuid,
  year int,
  undertaking_org_id uuid,
  classification text,
  sector_code text,
  state text,
  n bigint NOT NULL
);
-- The key, and the arm's read: per undertaking org of the scope, index-only.
CREATE UNIQUE INDEX cockpit_clue_undertaking_agg_key ON cockpit_clue_undertaking_agg (commission_id, year, undertaking_org_id, classification, sector_code, state)
  INCLUDE (n) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_clue_undertaking_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_clue_undertaking_agg AS a (commission_id, year, undertaking_org_id, classification, sector_code, state, n)
    SELECT commission_id, year, undertaking_org_id, classification, sector_code, state, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, undertaking_org_id, classification, sector_code, state) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_clue_undertaking_agg AS a (commission_id, year, undertaking_org_id, classification, sector_code, state, n)
    SELECT commission_id, year, undertaking_org_id, classification, sector_code, state, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, undertaking_org_id, classification, sector_code, state) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_clue_undertaking_agg AS a (commission_id, year, undertaking_org_id, classification, sector_code, state, n)
    SELECT commission_id, year, undertaking_org_id, classification, sector_code, state, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, undertaking_org_id AS undertaking_org_id, classification AS classification, sector_code AS sector_code, state AS state, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, undertaking_org_id, classification, sector_code, state, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (commission_id, year, undertaking_org_id, classification, sector_code, state) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_clue_undertaking_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_undertaking_agg_apply();
CREATE TRIGGER cockpit_clue_undertaking_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_undertaking_agg_apply();
CREATE TRIGGER cockpit_clue_undertaking_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_undertaking_agg_apply();
CREATE TRIGGER cockpit_clue_undertaking_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_clue_undertaking_agg');
INSERT INTO cockpit_clue_undertaking_agg (commission_id, year, undertaking_org_id, classification, sector_code, state, n)
SELECT commission_id, year, undertaking_org_id, classification, sector_code, state, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6;
ANALYZE cockpit_clue_undertaking_agg;

CREATE TABLE cockpit_clue_undertaking_month_agg (
  commission_id uuid,
  year int,
  undertaking_org_id uuid,
  classification text,
  received_ym int,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_clue_undertaking_month_agg_key ON cockpit_clue_undertaking_month_agg (commission_id, year, undertaking_org_id, classification, received_ym)
  INCLUDE (n) NULLS NOT DISTINCT;
CREATE FUNCTION cockpit_clue_undertaking_month_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_clue_undertaking_month_agg AS a (commission_id, year, undertaking_org_id, classification, received_ym, n)
    SELECT commission_id, year, undertaking_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, undertaking_org_id, classification, received_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_clue_undertaking_month_agg AS a (commission_id, year, undertaking_org_id, classification, received_ym, n)
    SELECT commission_id, year, undertaking_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, undertaking_org_id, classification, received_ym) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_clue_undertaking_month_agg AS a (commission_id, year, undertaking_org_id, classification, received_ym, n)
    SELECT commission_id, year, undertaking_org_id, classification, received_ym, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, undertaking_org_id AS undertaking_org_id, classification AS classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int AS received_ym, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, undertaking_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, undertaking_org_id, classification, received_ym) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_clue_undertaking_month_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_undertaking_month_agg_apply();
CREATE TRIGGER cockpit_clue_undertaking_month_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_undertaking_month_agg_apply();
CREATE TRIGGER cockpit_clue_undertaking_month_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_undertaking_month_agg_apply();
CREATE TRIGGER cockpit_clue_undertaking_month_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_clue_undertaking_month_agg');
INSERT INTO cockpit_clue_undertaking_month_agg (commission_id, year, undertaking_org_id, classification, received_ym, n)
SELECT commission_id, year, undertaking_org_id, classification, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5;
ANALYZE cockpit_clue_undertaking_month_agg;

CREATE TABLE cockpit_clue_org_triple_agg (
  commission_id uuid,
  year int,
  receiving_org_id uuid,
  undertaking_org_id uuid,
  subject_org_id uuid,
  n bigint NOT NULL
);
CREATE UNIQUE INDEX cockpit_clue_org_triple_agg_key ON cockpit_clue_org_triple_agg (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id)
  NULLS NOT DISTINCT;
-- The subject arm's read: per subject org of the scope, index-only.
CREATE INDEX cockpit_clue_org_triple_agg_subject ON cockpit_clue_org_triple_agg (commission_id, year, subject_org_id) INCLUDE (receiving_org_id, undertaking_org_id, n);
CREATE FUNCTION cockpit_clue_org_triple_agg_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cockpit_clue_org_triple_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id) DO UPDATE SET n = a.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO cockpit_clue_org_triple_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id) DO UPDATE SET n = a.n + excluded.n;
  ELSE
    INSERT INTO cockpit_clue_org_triple_agg AS a (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, n)
    SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, sum(d) FROM (
      SELECT commission_id AS commission_id, year AS year, receiving_org_id AS receiving_org_id, undertaking_org_id AS undertaking_org_id, subject_org_id AS subject_org_id, 1 AS d FROM new_rows
      UNION ALL SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, -1 FROM old_rows) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id) DO UPDATE SET n = a.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cockpit_clue_org_triple_agg_insert AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_triple_agg_apply();
CREATE TRIGGER cockpit_clue_org_triple_agg_update AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_triple_agg_apply();
CREATE TRIGGER cockpit_clue_org_triple_agg_delete AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_clue_org_triple_agg_apply();
CREATE TRIGGER cockpit_clue_org_triple_agg_truncate AFTER TRUNCATE ON clue FOR EACH STATEMENT EXECUTE FUNCTION cockpit_agg_truncate('cockpit_clue_org_triple_agg');
INSERT INTO cockpit_clue_org_triple_agg (commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, n)
SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5;
ANALYZE cockpit_clue_org_triple_agg;
