-- 自查自纠 answers on the one workflow kernel (issue 9 rule, issue 10): the answer's status machine
-- (domain/src/self-inspection/machine.ts) is applied by server/src/platform/workflow.ts, which writes
-- `state`, `version` and `updated_at` and a timeline row per transition. The column is renamed to what
-- the kernel writes; the indexes follow the rename on their own (their INCLUDE and WHERE refer to the
-- column, not to its name), but the partial index of the overdue sweep is rebuilt to read clearly.

ALTER TABLE self_inspection_response RENAME COLUMN status TO state;
ALTER TABLE self_inspection_response RENAME CONSTRAINT self_inspection_response_status_check TO self_inspection_response_state_check;

DROP INDEX self_inspection_response_due;
CREATE INDEX self_inspection_response_due ON self_inspection_response (due_on)
  WHERE overdue_marked_at IS NULL AND state IN ('PENDING','DRAFT','RETURNED');

-- The answer's timeline: one row per transition (start, save, submit, return, accept), as the other
-- machines' <object>_event tables; written only by the kernel.
CREATE TABLE self_inspection_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  response_id   uuid NOT NULL REFERENCES self_inspection_response(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX self_inspection_event_response ON self_inspection_event (response_id, at);
