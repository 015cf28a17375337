-- Attachment contents are encrypted at rest (issue 8): `content` holds SM4-CTR + HMAC-SM3 ciphertext
-- bound to the row (id and commission as associated data), `key_id` names the SM4 key that sealed it so
-- keys can rotate. A NULL key_id marks a row written before this migration: its content is still clear
-- text, and the server seals every such row at start-up, before it serves a request (attachments/store.ts).
ALTER TABLE attachment ADD COLUMN key_id text;

-- The rows still to seal at start-up (normally none).
CREATE INDEX attachment_unsealed ON attachment (id) WHERE key_id IS NULL;
