-- Migration 0092: the scoped cockpit's named clues (信息互通) looked up by id, index-only.
-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), clues. A
-- scoped reader's clues are summed from the per-org aggregates (0071, 0079, 0085, 0088); the arms no aggregate keys —
-- the clue and case teams, the 专班's campaigns and the clues named by 信息互通 grants — are read row by row
-- (cockpit/area-scan-keyed.ts scopedClueScan). The named clues are the largest of them (full scale: an inspection
-- office's org holds ~574), and read in one BitmapOr with the other arms they fetched ~573 heap pages per miss. They are
-- now read apart, each by its id from this index, which holds every column the predicate (the commission, the
-- clearance, the org arms left out, the other arms left out) and the figures (the year, the undertaking org, the
-- sector, the state, the month of receipt) read: index-only.
CREATE INDEX clue_cockpit_by_id ON clue (id)
  INCLUDE (commission_id, year, classification, undertaking_org_id, receiving_org_id, subject_org_id, case_id, campaign_id, sector_code, state,
    received_on);
