-- issue 12, search: a case's candidates are taken in search's order (filed_on DESC NULLS LAST, id — unfiled cases
-- last), newest first, stopping after the cap + 1 hits. The ledger indexes keep filed_on DESC NULLS FIRST (the
-- ledger's order), so a search walk could not stop early: it read every visible case and sorted them. These two are
-- in search's order: the whole book's walk, and a scoped reader's walk merged per lead org
-- (modules/casework/search-walk.ts).
CREATE INDEX IF NOT EXISTS case_file_search_order ON case_file (commission_id, filed_on DESC NULLS LAST, id);
CREATE INDEX IF NOT EXISTS case_file_search_lead ON case_file (commission_id, lead_org_id, filed_on DESC NULLS LAST, id);
