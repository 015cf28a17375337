-- Issue 12, audit without a global lock: each commission's keyed chain becomes several independent
-- lanes (platform/audit.ts). A writer locks one free lane instead of the whole trail, so audited reads and
-- writes run in parallel. Existing rows and checkpoints form lane 0 unchanged (the lane enters a row's
-- HMAC only when it is not 0, so every stored hash stays valid); a row moved to another lane fails its HMAC.
ALTER TABLE audit_event ADD COLUMN lane int NOT NULL DEFAULT 0 CHECK (lane >= 0 AND lane < 64);
ALTER TABLE audit_checkpoint ADD COLUMN lane int NOT NULL DEFAULT 0 CHECK (lane >= 0 AND lane < 64);

-- The head of a (commission, lane) chain and the walk of one lane in id order.
CREATE INDEX audit_event_commission_lane ON audit_event (commission_id, lane, id DESC);
DROP INDEX audit_checkpoint_commission;
CREATE INDEX audit_checkpoint_commission ON audit_checkpoint (commission_id, lane, kind, last_id DESC);
