-- 监督质效 cockpit (issue 15): covering indexes for its commission-wide counts, so that a cache miss reads
-- each area's year from an index only (the columns it groups and filters by are in the index; the wide
-- rows — texts, search vectors — stay in the heap). Scoped callers still reach the heap through their
-- visibility predicates, on the same index's narrowed ranges.
CREATE INDEX clue_cockpit ON clue (commission_id, year) INCLUDE (undertaking_org_id, sector_code, state, received_on);
CREATE INDEX case_file_cockpit ON case_file (commission_id, year) INCLUDE (lead_org_id, sector_code, state, filed_on);
CREATE INDEX supervision_item_cockpit ON supervision_item (commission_id, year) INCLUDE (lead_org_id, state, due_date, completed_at);
CREATE INDEX rectification_task_cockpit ON rectification_task (commission_id) INCLUDE (supervisor_org_id, state, deadline);
