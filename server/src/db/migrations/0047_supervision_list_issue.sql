-- 印发 of a supervision list (issue 14): the list is issued as a 通知 with a 发文字号 taken from the
-- commission's register (doc_number) in the issuing transaction, on the commission's day (Asia/Shanghai).
-- Until then the list's DOCX is a draft (草稿 watermark, no dates).
ALTER TABLE supervision_list ADD COLUMN doc_no text;
ALTER TABLE supervision_list ADD COLUMN issued_on date;
ALTER TABLE supervision_list ADD COLUMN issued_by uuid REFERENCES app_user(id);
ALTER TABLE supervision_list ADD CONSTRAINT supervision_list_issue_complete
  CHECK ((doc_no IS NULL AND issued_on IS NULL AND issued_by IS NULL) OR (doc_no IS NOT NULL AND issued_on IS NOT NULL));
CREATE UNIQUE INDEX supervision_list_doc_no ON supervision_list (commission_id, doc_no) WHERE doc_no IS NOT NULL;
