-- Migration 0079: the per-org clue aggregates of 0071 probed per org of each arm.
-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), clues. Above
-- 300 org probes a scoped reader summed cockpit_clue_org_agg and cockpit_clue_org_month_agg by reading the year's keys
-- (full scale, 2026: 18,557 and 23,859) and testing each against its org lists hashed (an inspection office: ~27 ms of
-- PostgreSQL per miss), and below it read its clues row by row (a county: ~20 ms). These indexes key both aggregates by
-- each org column of clueVisible's arms, every column the count reads included: each arm is probed per org of the
-- scope, the arms made disjoint (cockpit/area-scan-keyed.ts scopedClueScan), so a miss reads only the keys of the
-- reader's own orgs, index-only.

CREATE INDEX cockpit_clue_org_agg_undertaking ON cockpit_clue_org_agg (commission_id, year, undertaking_org_id)
  INCLUDE (receiving_org_id, subject_org_id, classification, sector_code, state, n);
CREATE INDEX cockpit_clue_org_agg_receiving ON cockpit_clue_org_agg (commission_id, year, receiving_org_id)
  INCLUDE (undertaking_org_id, subject_org_id, classification, sector_code, state, n);
CREATE INDEX cockpit_clue_org_agg_subject ON cockpit_clue_org_agg (commission_id, year, subject_org_id)
  INCLUDE (receiving_org_id, undertaking_org_id, classification, sector_code, state, n);
CREATE INDEX cockpit_clue_org_month_agg_undertaking ON cockpit_clue_org_month_agg (commission_id, year, undertaking_org_id)
  INCLUDE (receiving_org_id, subject_org_id, classification, received_ym, n);
CREATE INDEX cockpit_clue_org_month_agg_receiving ON cockpit_clue_org_month_agg (commission_id, year, receiving_org_id)
  INCLUDE (undertaking_org_id, subject_org_id, classification, received_ym, n);
CREATE INDEX cockpit_clue_org_month_agg_subject ON cockpit_clue_org_month_agg (commission_id, year, subject_org_id)
  INCLUDE (receiving_org_id, undertaking_org_id, classification, received_ym, n);
