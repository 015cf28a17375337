-- Migration 0077: the task board's 专班 arm probed per campaign, index-only, in the board's order.
-- Issue 12 (ledgers at full scale): the board's 专班 arm (a task of a campaign whose 工作专班 the reader is a member of
-- today) was a predicate tested row by row; each light's capped count of a group or a county read the whole range of
-- its light in the commission (the running tasks before today: 20,000 index entries, 25 ms of a group's board, for a
-- reader in no 专班). The board now gathers the reader's campaigns once and probes each (keyed-page.ts `keyedBy`,
-- visibility/reform.ts `campaignKeyed`): per campaign an index-only top-N in the default order and index-only capped
-- counts, covering the scope and the earlier arms a count leaves out (the org arms, the supervisor), as 0063's indexes.

CREATE INDEX rectification_task_campaign_board ON rectification_task (campaign_id, deadline, id)
  INCLUDE (commission_id, state, supervisor_org_id, unit_org_id, supervisor_user_id, letter_id, letter_classification, letter_case_id)
  WHERE campaign_id IS NOT NULL;
