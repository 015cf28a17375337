-- issue 12: the letter, rectification-task and reform-record ledgers page in O(page).
-- The ledgers page arm by arm of their visibility OR (platform/ledger-page.ts pageRowsByArms): each org in the
-- actor's scope one probe of an index ordered as the default sort, the commission-wide roles one index scan in
-- that order that stops after the page.

-- 建议书台账: newest first (created_at DESC, id DESC), per drafting and per recipient org, and commission-wide.
CREATE INDEX letter_ledger ON letter (commission_id, created_at DESC, id DESC);
CREATE INDEX letter_ledger_drafting ON letter (drafting_org_id, created_at DESC, id DESC);
CREATE INDEX letter_ledger_recipient ON letter (recipient_org_id, created_at DESC, id DESC);

-- 整改任务: by deadline (deadline, id) commission-wide and per supervisor (per org: rectification_task_unit / _supervisor).
CREATE INDEX rectification_task_ledger ON rectification_task (commission_id, deadline, id);
CREATE INDEX rectification_task_supervisor_user_ledger ON rectification_task (supervisor_user_id, deadline, id);

-- 以案促改台账: newest first (created_at DESC, id).
CREATE INDEX reform_record_ledger ON reform_record (commission_id, created_at DESC, id);
