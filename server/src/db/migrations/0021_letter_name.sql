-- One name for the recommendation letter (建议书): `letter` in tables, columns, object types and settings,
-- as in the code and the URLs (issue 9). Renames keep the data, constraints and triggers.
ALTER TABLE recommendation RENAME TO letter;
ALTER TABLE recommendation_item RENAME TO letter_item;
ALTER TABLE recommendation_opinion RENAME TO letter_opinion;
ALTER TABLE recommendation_event RENAME TO letter_event;

ALTER TABLE letter_item RENAME COLUMN recommendation_id TO letter_id;
ALTER TABLE letter_opinion RENAME COLUMN recommendation_id TO letter_id;
ALTER TABLE letter_event RENAME COLUMN recommendation_id TO letter_id;
ALTER TABLE rectification_task RENAME COLUMN recommendation_id TO letter_id;
ALTER TABLE rectification_task RENAME COLUMN recommendation_item_id TO letter_item_id;
ALTER TABLE accountability RENAME COLUMN recommendation_id TO letter_id;

ALTER INDEX recommendation_drafting RENAME TO letter_drafting;
ALTER INDEX recommendation_recipient RENAME TO letter_recipient;
ALTER INDEX recommendation_state RENAME TO letter_state;
ALTER INDEX recommendation_record RENAME TO letter_record;
ALTER INDEX recommendation_case RENAME TO letter_case;
ALTER INDEX recommendation_opinion_rec RENAME TO letter_opinion_letter;
ALTER INDEX recommendation_event_rec RENAME TO letter_event_letter;
ALTER TRIGGER recommendation_epoch ON letter RENAME TO letter_epoch;
ALTER TABLE letter RENAME CONSTRAINT recommendation_state_check TO letter_state_check;

-- References held as data: who owns a file, which object a number or a recusal is for, the reply setting.
-- (Audit rows are chained and keep the object type they were written with.)
UPDATE attachment SET owner_type = 'letter' WHERE owner_type = 'recommendation';
UPDATE doc_number SET object_type = 'letter' WHERE object_type = 'recommendation';
UPDATE recusal SET object_type = 'letter' WHERE object_type = 'recommendation';
UPDATE setting SET key = 'letter.replyDays' WHERE key = 'recommendation.replyDays';
