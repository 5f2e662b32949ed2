-- The console's events list filters, sorts, counts and pages in SQL: newest report first (as a
-- moment, whatever offset the township wrote), then by id; and its category box lists the
-- distinct categories. The expressions are the ones county/console/store/event-list.ts writes.
-- Led by `entity` rather than partial: without ANALYZE statistics the planner would otherwise
-- prefer console_records_entity's equality on `entity` and sort every event in a temp b-tree.
CREATE INDEX console_events_reported
  ON records (entity, julianday(json_extract(data, '$.reportedAt')) DESC, entity_id, township_id);
CREATE INDEX console_events_category ON records (entity, json_extract(data, '$.category'));
