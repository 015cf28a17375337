-- Platform services: accounts administration, audit search, calendar, dictionaries, settings,
-- document numbers, attachments, inbox. Forward-only.

-- 发文字号 register: what a number was taken for (manual allocations carry a stated purpose).
ALTER TABLE doc_number ADD COLUMN purpose text;

-- Audit search pages backwards by id inside one commission (keyset pagination).
CREATE INDEX audit_event_commission_id ON audit_event (commission_id, id DESC);

-- Attachment lists are filtered by the owning org (need-to-know scope).
CREATE INDEX attachment_commission_org ON attachment (commission_id, owner_org_id, created_at DESC);

-- Unread badge and "mark all read".
CREATE INDEX inbox_message_user_unread ON inbox_message (user_id) WHERE read_at IS NULL;
