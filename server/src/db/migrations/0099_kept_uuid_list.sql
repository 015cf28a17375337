-- Migration 0099: long uuid lists kept in the database under their digest, sent by key (issue 12, platform/arrays-once.ts).
-- A scope's org list (an office's or a 分管领导's ~800 orgs) and a reader's named 信息互通 ids (~570) are parameters
-- of every ledger statement: sent once per statement they were still ~144 KiB written by Node per office clue request,
-- serialised by the driver and parsed by the backend at bind. A node writes each such list once into kept_uuid_list
-- under the SHA-256 of its text (`array_to_string(items, ',')`: the uuids' canonical form joined by commas) and a
-- statement reads it by that digest, once per statement (a CTE). The digest is the content: a row can never hold
-- another list than its key names (the CHECK refuses it), so a list is never stale — a new scope, a new grant is another
-- list, another digest — and two nodes write and read the same rows. A digest a statement names that has no row (rows
-- are never removed by the application; an owner may truncate the table) raises SQLSTATE LDK01: the node writes it
-- again and runs the statement anew (never fewer rows).
CREATE FUNCTION kept_uuid_list_digest(items uuid[]) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT sha256(convert_to(array_to_string(items, ','), 'UTF8')) $$;

CREATE TABLE kept_uuid_list (
  digest bytea PRIMARY KEY,
  items uuid[] NOT NULL,
  kept_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT kept_uuid_list_digest_ck CHECK (digest = kept_uuid_list_digest(items) AND array_position(items, NULL) IS NULL)
);

-- The list a statement names, evaluated only when its row is missing: an error, never an empty or NULL list.
CREATE FUNCTION kept_uuid_list_missing(digest bytea) RETURNS uuid[]
  LANGUAGE plpgsql VOLATILE PARALLEL SAFE
  AS $$
BEGIN
  RAISE EXCEPTION 'kept uuid list % is missing', encode(digest, 'hex') USING ERRCODE = 'LDK01';
END $$;
