-- issue 12: the supervision my-items ledger over the org scope and the 以案促改 record ledger page in O(page)
-- (platform/ledger-page.ts pageRowsByArms): each org in the actor's scope one probe of an index ordered as the
-- ledger's default sort; the commission-wide roles one index scan in that order that stops after the page.

-- 我的事项 (due_date ASC NULLS LAST, year DESC, seq, id): per lead org, per assist org, and commission-wide.
CREATE INDEX supervision_item_lead_ledger ON supervision_item (lead_org_id, due_date, year DESC, seq, id);
CREATE INDEX supervision_item_assist_ledger ON supervision_item (assist_org_id, due_date, year DESC, seq, id) WHERE assist_org_id IS NOT NULL;
CREATE INDEX supervision_item_ledger ON supervision_item (commission_id, due_date, year DESC, seq, id);
-- The items of a list in ledger order (the list arms: the owner group's and the liaison office's lists).
CREATE INDEX supervision_item_list_ledger ON supervision_item (list_id, due_date, year DESC, seq, id);

-- 以案促改台账 (created_at DESC, id): per owner org and per unit.
CREATE INDEX reform_record_owner_ledger ON reform_record (owner_org_id, created_at DESC, id);
CREATE INDEX reform_record_unit_ledger ON reform_record (unit_org_id, created_at DESC, id);

-- A record's task count reads the tasks of its finding (rectification_task.finding_id had no index: one scan of
-- every task per record shown).
CREATE INDEX rectification_task_finding ON rectification_task (finding_id) WHERE finding_id IS NOT NULL;
