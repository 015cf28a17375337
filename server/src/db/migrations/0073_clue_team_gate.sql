-- Issue 12: the county clue ledger. clueVisible's case-team arm (the clues filed as a case the caller is on the team of)
-- gathered every team case of the caller and probed the clue book once per case: a county's staff sit on the
-- 审查调查组 of thousands of its own cases (a case is led by the undertaking department of its clue, and the team is
-- drawn from it), so a page of 20 clues probed ~1,700 clues by case_id — and the capped count once more — although
-- the undertaking-org arm has every one of them already.
--
-- A case team membership now keeps the undertaking org its case's clues share (`clue_undertaking_org_id`: the one
-- undertaking org of every clue filed as the case; NULL when the case has no clue, a clue without an undertaking
-- org, or clues of different undertaking orgs). The team arm then leaves out, from the index alone, the team cases
-- whose clues' undertaking org is in the caller's scope: each of their clues is the undertaking-org arm's already
-- (visibility/clues.ts). NULL leaves nothing out.
--
-- Kept by the triggers below: on joining a team and moving a membership to another case (BEFORE, on the row); on
-- clues filed as a case, moved to another case or undertaking org, added with a case or removed (AFTER, per
-- statement: every membership of the old and the new cases). Both lock the case row first — a clue write FOR NO KEY
-- UPDATE (the cases in id order), a membership FOR SHARE — and only then read: a clue write and a membership of one
-- case are serialised (READ COMMITTED: each statement of the trigger function reads what is committed when it
-- starts), so neither keeps a value the other's write made stale; memberships of one case join side by side.
ALTER TABLE case_team_member ADD COLUMN clue_undertaking_org_id uuid;

CREATE FUNCTION case_clue_undertaking_org(p_case uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN count(*) > 0 AND count(c.undertaking_org_id) = count(*) AND count(DISTINCT c.undertaking_org_id) = 1
    THEN (array_agg(c.undertaking_org_id))[1] END
  FROM clue c WHERE c.case_id = p_case
$$;

UPDATE case_team_member m SET clue_undertaking_org_id = k.org_id
  FROM (SELECT c.case_id, CASE WHEN count(c.undertaking_org_id) = count(*) AND count(DISTINCT c.undertaking_org_id) = 1
          THEN (array_agg(c.undertaking_org_id))[1] END AS org_id
        FROM clue c WHERE c.case_id IS NOT NULL GROUP BY c.case_id) k
  WHERE k.case_id = m.case_id AND k.org_id IS NOT NULL;

CREATE FUNCTION case_team_member_clue_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM case_file k WHERE k.id = NEW.case_id FOR SHARE;
  NEW.clue_undertaking_org_id := case_clue_undertaking_org(NEW.case_id);
  RETURN NEW;
END $$;
CREATE TRIGGER case_team_member_clue_org BEFORE INSERT OR UPDATE OF case_id, clue_undertaking_org_id ON case_team_member
  FOR EACH ROW EXECUTE FUNCTION case_team_member_clue_org();

-- The cases whose clues a statement changed (filed, moved, undertaken elsewhere, added, removed).
CREATE FUNCTION clue_undertaking_org_to_team() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ks uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.case_id) INTO ks FROM new_rows n WHERE n.case_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.case_id) INTO ks FROM old_rows o WHERE o.case_id IS NOT NULL;
  ELSE
    SELECT array_agg(DISTINCT x.k) INTO ks FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.case_id), (n.case_id)) AS x(k)
      WHERE x.k IS NOT NULL AND (o.case_id IS DISTINCT FROM n.case_id OR o.undertaking_org_id IS DISTINCT FROM n.undertaking_org_id);
  END IF;
  IF ks IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM case_file k WHERE k.id = ANY(ks) ORDER BY k.id FOR NO KEY UPDATE;
  -- The memberships' BEFORE trigger computes the value (after the lock, from what is committed then).
  UPDATE case_team_member SET clue_undertaking_org_id = NULL WHERE case_id = ANY(ks);
  RETURN NULL;
END $$;
CREATE TRIGGER clue_undertaking_org_to_team_ins AFTER INSERT ON clue REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clue_undertaking_org_to_team();
CREATE TRIGGER clue_undertaking_org_to_team_upd AFTER UPDATE ON clue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clue_undertaking_org_to_team();
CREATE TRIGGER clue_undertaking_org_to_team_del AFTER DELETE ON clue REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clue_undertaking_org_to_team();

-- The team arms of clueVisible and caseVisible read the memberships of the caller from this index alone.
CREATE INDEX case_team_member_user_keys ON case_team_member (user_id) INCLUDE (case_id, case_lead_org_id, clue_undertaking_org_id) WHERE left_on IS NULL;
DROP INDEX case_team_member_user_lead;
