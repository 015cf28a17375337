-- 本单位负责人 (issue 11, the work report "approved by its head"): the account that heads an org — a dispatched
-- group's 组长, an office's 主任, a county commission's 书记. Set by whoever maintains the structure
-- (modules/orgs, audited, optimistic locking); read by modules/work-reports/access.ts, where the head approves
-- the org's work reports (the overseeing 分管领导 approves when no head is recorded or the head drafted it).
--
-- The head must be an active account of the org itself. The service checks this with a zh-CN message on the
-- field; the trigger below refuses it in SQL too, whenever the head is set or changed. An account disabled or
-- moved later stays recorded until an administrator changes it, but no longer counts as head (the access
-- predicates check the account again on every read).
ALTER TABLE org ADD COLUMN head_user_id uuid REFERENCES app_user(id);

CREATE FUNCTION org_head_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.head_user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM app_user u WHERE u.id = NEW.head_user_id AND u.org_id = NEW.id AND u.status = 'ACTIVE'
  ) THEN
    RAISE EXCEPTION 'org % head % is not an active account of the org', NEW.id, NEW.head_user_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER org_head_check_insert BEFORE INSERT ON org
  FOR EACH ROW WHEN (NEW.head_user_id IS NOT NULL) EXECUTE FUNCTION org_head_check();
CREATE TRIGGER org_head_check_update BEFORE UPDATE OF head_user_id ON org
  FOR EACH ROW WHEN (NEW.head_user_id IS NOT NULL AND NEW.head_user_id IS DISTINCT FROM OLD.head_user_id) EXECUTE FUNCTION org_head_check();
