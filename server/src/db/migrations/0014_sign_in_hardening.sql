-- Issue 8, sign-in and 三员: failures of a name are counted from the login log (unknown names too), and
-- a credential reset of a privileged account (leadership, 三员) waits for a second administrator.

CREATE INDEX login_log_username_at ON login_log (username, at DESC);

-- 重置申请: the proposed password is stored only as an argon2id hash and cleared once decided.
CREATE TABLE credential_reset_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  user_id       uuid NOT NULL REFERENCES app_user(id),
  kind          text NOT NULL CHECK (kind IN ('PASSWORD', 'TOTP')),
  password_hash text,
  requested_by  uuid NOT NULL REFERENCES app_user(id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
  decided_by    uuid REFERENCES app_user(id),
  decided_at    timestamptz,
  CHECK (status <> 'PENDING' OR (kind = 'PASSWORD') = (password_hash IS NOT NULL)),
  CHECK (requested_by <> user_id),
  CHECK (status <> 'APPROVED' OR (decided_by IS NOT NULL AND decided_by <> requested_by AND decided_by <> user_id))
);
CREATE UNIQUE INDEX credential_reset_one_pending ON credential_reset_request (user_id, kind) WHERE status = 'PENDING';
CREATE INDEX credential_reset_commission ON credential_reset_request (commission_id, status, requested_at DESC);

-- A run of failed sign-ins ends when no failure follows within the lock period (the same rule as for
-- names without an account, so the two cannot be told apart by waiting).
ALTER TABLE app_user ADD COLUMN last_failed_at timestamptz;

-- When an account last lost a leadership or 三员 role: its credential resets still need a second
-- administrator for 30 days (no "strip the role, reset, grant it back").
ALTER TABLE app_user ADD COLUMN privileged_role_removed_at timestamptz;
