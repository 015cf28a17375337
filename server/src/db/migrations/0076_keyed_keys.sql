-- Migration 0076: a scope's org list as rows, estimated at a scope's size, for the named ledger counts (issue 12).
-- The capped count of a keyed ledger (platform/keyed-page.ts keyedCountSql) probes each org of the reader's scope:
-- `unnest($orgs) CROSS JOIN LATERAL (… LIMIT cap)`. A named statement's generic plan estimates a parameter array at 10
-- elements, so it costs the count as reading a tenth of each org's probe budget where a custom plan, knowing the 86 orgs
-- of a county or the 782 of a 分管领导, costs it at a hundredth: the generic plan looks twice as dear and PostgreSQL plans
-- the count afresh on every call (measured at full scale, GET /clues: 1.9–5 ms of planning for 1–2 ms of execution,
-- every reader kind). Read through this function the list is estimated at 1,000 rows (a scope's order of magnitude) in
-- both plans; the plan's shape is the same (the LATERAL probe per org), so the generic plan is kept.
-- STRICT keeps the function from being inlined (an inlined body would be estimated as `unnest` again); a NULL list has
-- no rows, as `unnest(NULL)`.
CREATE FUNCTION keyed_keys(keys uuid[]) RETURNS SETOF uuid
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 1000
  AS $$ SELECT unnest(keys) $$;
