-- Issue 8, audit chain: keyed chain per commission, signed checkpoints, retention and archive.
--
-- chain_version 1 = the original global SM3 chain (anyone with write access can recompute it);
-- chain_version 2 = HMAC-SM3 with a key kept outside the database, one chain per commission.
-- Existing rows stay version 1 until the server re-seals them on its next start (platform/audit-seal.ts),
-- which verifies the old chain first and records its head in a signed SEAL checkpoint.
ALTER TABLE audit_event ADD COLUMN chain_version int NOT NULL DEFAULT 1;
ALTER TABLE audit_event ALTER COLUMN chain_version SET DEFAULT 2;

-- Signed checkpoints written by the owner role only: the SEAL of the legacy chain and the ARCHIVE bases
-- (the head, count and last id of the part of a commission's chain moved to an archive file and deleted
-- from audit_event). `mac` is HMAC-SM3 over the canonical row with the audit key, so a checkpoint cannot
-- be forged by whoever can write the database; deleting one makes the chain fail to start (reported).
CREATE TABLE audit_checkpoint (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('SEAL','ARCHIVE')),
  commission_id uuid REFERENCES commission(id),
  last_id       bigint NOT NULL,
  count         bigint NOT NULL,
  head          text NOT NULL,
  detail        jsonb NOT NULL DEFAULT '{}',
  at            timestamptz NOT NULL DEFAULT now(),
  mac           text NOT NULL
);
CREATE INDEX audit_checkpoint_commission ON audit_checkpoint (commission_id, kind, last_id DESC);
CREATE INDEX login_log_at ON login_log (at);
CREATE INDEX audit_event_at ON audit_event (at);
