-- Migration 0098: a scoped cockpit's items and tasks summed arm by arm, index-only (issue 15: a miss p95 ≤ 200 ms at 32
-- connections). A scoped reader summed the per-org aggregates of 0065 (items) and 0061 (tasks) in one bitmap scan of its
-- arms ORed (lead ∨ assist ∨ list; supervising ∨ unit org): a BitmapOr of the arms' index scans, then the aggregate's
-- heap pages (full scale, an inspection office: the items' 239 heap pages and, the assist index having no year, 1,629 rows
-- of other years read and dropped; the tasks' 401 heap pages for 5,876 rows). The arms are now disjoint parts (each
-- leaves out the rows of the arms before it: cockpit/area-scan.ts `disjointArms`), each one index-only scan over the
-- scope's org list; these indexes carry every column the sum reads, the year before the org for the items.
CREATE INDEX cockpit_item_org_agg_year_lead ON cockpit_item_org_agg (commission_id, year, lead_org_id)
  INCLUDE (assist_org_id, list_id, state, running_due, completed_m, n);
CREATE INDEX cockpit_item_org_agg_year_assist ON cockpit_item_org_agg (commission_id, year, assist_org_id)
  INCLUDE (lead_org_id, list_id, state, running_due, completed_m, n)
  WHERE assist_org_id IS NOT NULL;
-- The old assist index (no year) is read by nothing else.
DROP INDEX cockpit_item_org_agg_assist;
CREATE INDEX cockpit_task_org_agg_supervisor ON cockpit_task_org_agg (commission_id, supervisor_org_id)
  INCLUDE (unit_org_id, state, open_deadline, n);
