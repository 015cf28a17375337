-- Performance of 我的事项 and the 共性事项矩阵 (measured in `npm run bench`, issue 3).
-- 1. An item carries its list's year (a list's year never changes), so "my items" can filter, sort and
--    page on the item table alone before joining names for one page.
ALTER TABLE supervision_item ADD COLUMN year int;
UPDATE supervision_item i SET year = l.year FROM supervision_list l WHERE l.id = i.list_id;
ALTER TABLE supervision_item ALTER COLUMN year SET NOT NULL;
-- The trigger below always sets it from the list; the default only lets inserts omit it.
ALTER TABLE supervision_item ALTER COLUMN year SET DEFAULT 0;

CREATE FUNCTION supervision_item_set_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT l.year INTO NEW.year FROM supervision_list l WHERE l.id = NEW.list_id;
  RETURN NEW;
END $$;
CREATE TRIGGER supervision_item_year BEFORE INSERT OR UPDATE OF list_id ON supervision_item
  FOR EACH ROW EXECUTE FUNCTION supervision_item_set_year();

CREATE INDEX supervision_item_lead_due ON supervision_item (commission_id, lead_org_id, due_date, seq);
CREATE INDEX supervision_item_assist_due ON supervision_item (commission_id, assist_org_id, due_date, seq) WHERE assist_org_id IS NOT NULL;
CREATE INDEX supervision_item_common ON supervision_item (common_item_id) WHERE common_item_id IS NOT NULL;

-- 2. A data epoch per area, bumped by any change to that area's tables, so aggregates (the matrix) can be
--    cached per node and never served after a change (same idea as scope_epoch, migration 0004).
CREATE TABLE data_epoch (
  area  text PRIMARY KEY,
  epoch bigint NOT NULL
);
INSERT INTO data_epoch (area, epoch) VALUES ('supervision', 1);

CREATE FUNCTION bump_supervision_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_epoch SET epoch = epoch + 1 WHERE area = 'supervision';
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_item_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON supervision_item
  FOR EACH STATEMENT EXECUTE FUNCTION bump_supervision_epoch();
CREATE TRIGGER supervision_list_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON supervision_list
  FOR EACH STATEMENT EXECUTE FUNCTION bump_supervision_epoch();
CREATE TRIGGER common_item_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON common_item
  FOR EACH STATEMENT EXECUTE FUNCTION bump_supervision_epoch();
CREATE TRIGGER liaison_supervision_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON liaison
  FOR EACH STATEMENT EXECUTE FUNCTION bump_supervision_epoch();
CREATE TRIGGER org_supervision_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org
  FOR EACH STATEMENT EXECUTE FUNCTION bump_supervision_epoch();

-- 3. The GIN index on responsible users without a pending list: with fastupdate a bulk load leaves
--    a long pending list that every "my items" lookup scans (7 ms measured) until autovacuum runs.
DROP INDEX supervision_item_responsible;
CREATE INDEX supervision_item_responsible ON supervision_item USING gin (responsible_user_ids) WITH (fastupdate = off);
