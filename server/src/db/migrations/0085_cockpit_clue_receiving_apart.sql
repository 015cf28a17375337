-- Migration 0085: the receiving arm of the per-org clue aggregates read without the keys the undertaking arm counts.
-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), clues. A
-- scoped reader's clues are summed arm by arm from cockpit_clue_org_agg and cockpit_clue_org_month_agg (0079), the
-- arms made disjoint: the undertaking arm first, then the receiving arm leaving out every key whose undertaking org is
-- in the undertaking arm's orgs. The two arms always name the same orgs (visibility/clues.ts clueVisibleArms: the scope,
-- and the owners of 信息互通 category grants in both), and most clues are undertaken by the org that received them
-- (full scale, 2026: 10,845 of the 18,557 keys), so the receiving arm read those keys only to drop them (an inspection
-- office: 1,829 read, none kept). These indexes hold only the keys received and undertaken by different orgs; the
-- receiving arm reads them when the undertaking arm's orgs include its own (cockpit/area-scan-keyed.ts scopedClueScan).

CREATE INDEX cockpit_clue_org_agg_receiving_apart ON cockpit_clue_org_agg (commission_id, year, receiving_org_id)
  INCLUDE (undertaking_org_id, subject_org_id, classification, sector_code, state, n)
  WHERE receiving_org_id IS DISTINCT FROM undertaking_org_id;
CREATE INDEX cockpit_clue_org_month_agg_receiving_apart ON cockpit_clue_org_month_agg (commission_id, year, receiving_org_id)
  INCLUDE (undertaking_org_id, subject_org_id, classification, received_ym, n)
  WHERE receiving_org_id IS DISTINCT FROM undertaking_org_id;
