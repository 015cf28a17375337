-- Migration 0086: my supervision items' capped count index-only (issue 12).
-- The count of GET /supervision/my-items (modules/supervision/service-my.ts, platform/keyed-page.ts keyedCountSql) reads
-- each lead and assist org's items by these indexes up to the cap and tests each row against the scope: its list by the
-- key (the list's classification), recusal by the item's id, and (the assist part) that the lead org is not one already
-- counted. The indexes of 0006 had none of those columns: a heap fetch per item counted (full scale: ~1,000 for a
-- county's org that assists 960 items, 1,048 buffers; a 分管领导's scope 850). These carry them, so each part reads the
-- index alone (680 and 344 buffers). They replace the old ones (same key columns: every other reader reads them as before).
CREATE INDEX supervision_item_lead_keyed ON supervision_item (commission_id, lead_org_id, state) INCLUDE (list_id, id);
DROP INDEX supervision_item_commission_lead;
CREATE INDEX supervision_item_assist_keyed ON supervision_item (commission_id, assist_org_id, state) INCLUDE (lead_org_id, list_id, id)
  WHERE assist_org_id IS NOT NULL;
DROP INDEX supervision_item_commission_assist;
