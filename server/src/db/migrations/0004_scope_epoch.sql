-- Scope epoch: a counter bumped by every change that can alter any account's need-to-know scope
-- (organisations, 分管/联系/派驻/片区 links, leaders, roles, an account's org or status, task forces).
-- App nodes cache each account's computed scope (actor_org_scope) keyed by this epoch and the day,
-- so a cached scope is never used after such a change, on any node.
CREATE TABLE scope_epoch (
  id    int PRIMARY KEY CHECK (id = 1),
  epoch bigint NOT NULL
);
INSERT INTO scope_epoch (id, epoch) VALUES (1, 1);

CREATE FUNCTION bump_scope_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE scope_epoch SET epoch = epoch + 1 WHERE id = 1;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org','oversight','liaison','dispatch_coverage','work_zone','work_zone_member',
                           'leadership_member','user_role','task_force','task_force_org','task_force_member']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_scope_epoch()', t || '_scope_epoch', t);
  END LOOP;
END $$;

-- Accounts change on every sign-in (last_login_at, failed_attempts); only org, person and status matter.
CREATE TRIGGER app_user_scope_epoch AFTER UPDATE ON app_user
  FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.person_id IS DISTINCT FROM NEW.person_id
                     OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION bump_scope_epoch();
