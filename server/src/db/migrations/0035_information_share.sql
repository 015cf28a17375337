-- 信息互通 (issue 11; domain.md b.5 InformationShare, d): a 室, 组 or 地 asks another side for its
-- 日常监督 / 执纪审查 / 干部信息, or the owner pushes it; the owner side's overseeing leader approves; an
-- approved share is a time-bounded grant on named objects or on a category (object types) of the owner org,
-- honoured by the visibility predicates in modules/visibility/shares.ts. It is in force while
-- starts_on <= current_date <= ends_on: it closes by itself the day after it ends, without a job.

CREATE TABLE information_share (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  origin           text NOT NULL CHECK (origin IN ('REQUEST','PUSH')),
  kind             text NOT NULL CHECK (kind IN ('DAILY_SUPERVISION','DISCIPLINARY_REVIEW','CADRE_INFO')),
  -- The side whose information is shared, and the side that receives it (one org per grant, so that each
  -- grant is approved, revoked and audited on its own).
  owner_org_id     uuid NOT NULL REFERENCES org(id),
  grantee_org_id   uuid NOT NULL REFERENCES org(id),
  started_by       uuid NOT NULL REFERENCES app_user(id),
  started_org_id   uuid NOT NULL REFERENCES org(id),
  purpose          text NOT NULL CHECK (char_length(purpose) BETWEEN 4 AND 500),
  detail           text NOT NULL DEFAULT 'SUMMARY' CHECK (detail IN ('SUMMARY','FULL')),
  starts_on        date NOT NULL,
  ends_on          date NOT NULL,
  -- A category grant: every object of these types that belongs to the owner org. Empty: named objects only.
  category_types   text[] NOT NULL DEFAULT '{}',
  state            text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','APPROVED','REFUSED','WITHDRAWN','REVOKED')),
  approver_id      uuid REFERENCES app_user(id),
  decided_at       timestamptz,
  decision_comment text,
  revoked_by       uuid REFERENCES app_user(id),
  revoked_at       timestamptz,
  revoke_reason    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1,
  CHECK (owner_org_id <> grantee_org_id),
  CHECK (ends_on >= starts_on AND ends_on - starts_on < 366),
  CHECK (category_types <@ ARRAY['SUPERVISION_ITEM','INSPECTION','CLUE','CASE','PERSON','INTEGRITY_REPLY']),
  CHECK ((state IN ('APPROVED','REFUSED','REVOKED')) = (decided_at IS NOT NULL)),
  CHECK ((state = 'REVOKED') = (revoked_at IS NOT NULL))
);
-- The grant arms of the predicates: the grantee's grants in force, by type (an init plan per query).
CREATE INDEX information_share_grantee ON information_share (grantee_org_id, starts_on, ends_on) WHERE state = 'APPROVED';
CREATE INDEX information_share_owner ON information_share (commission_id, owner_org_id, created_at DESC);
CREATE INDEX information_share_started ON information_share (commission_id, started_org_id, created_at DESC);
CREATE INDEX information_share_pending ON information_share (commission_id, owner_org_id) WHERE state = 'PENDING';

CREATE TABLE information_share_object (
  share_id    uuid NOT NULL REFERENCES information_share(id) ON DELETE CASCADE,
  object_type text NOT NULL CHECK (object_type IN ('SUPERVISION_ITEM','INSPECTION','CLUE','CASE','PERSON','INTEGRITY_REPLY')),
  object_id   uuid NOT NULL,
  PRIMARY KEY (share_id, object_type, object_id)
);
CREATE INDEX information_share_object_target ON information_share_object (object_type, object_id);

CREATE TABLE information_share_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  share_id      uuid NOT NULL REFERENCES information_share(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX information_share_event_share ON information_share_event (share_id, at);

-- A grant changes what the grantee sees: bump every area whose cached reads it could touch.
CREATE FUNCTION bump_share_epochs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_epoch SET epoch = epoch + 1 WHERE area IN ('shares');
  RETURN NULL;
END $$;
INSERT INTO data_epoch (area, epoch) VALUES ('shares', 1) ON CONFLICT DO NOTHING;
CREATE TRIGGER information_share_epoch AFTER INSERT OR UPDATE OR DELETE ON information_share
  FOR EACH STATEMENT EXECUTE FUNCTION bump_share_epochs();
CREATE TRIGGER information_share_object_epoch AFTER INSERT OR UPDATE OR DELETE ON information_share_object
  FOR EACH STATEMENT EXECUTE FUNCTION bump_share_epochs();
