-- The console's events list filters, sorts, counts and pages in SQL: newest report first (as a
-- moment, whatever offset the township wrote), then by id; and its category box lists the
-- distinct categories. The expressions are the ones county/console/store/event-list.ts writes.

-- An ISO 8601 time with its offset as a moment; NULL when it is not one. Declared IMMUTABLE so
-- it can be indexed: with the offset written out, neither TimeZone nor DateStyle changes the result.
CREATE FUNCTION county_instant(t text) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN t ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$' THEN t::timestamptz END
  $$;

CREATE INDEX console_events_reported
  ON records (county_instant(data::json ->> 'reportedAt') DESC, entity_id COLLATE "C", township_id COLLATE "C")
  WHERE entity = 'event';
CREATE INDEX console_events_category ON records ((data::json ->> 'category'))
  WHERE entity = 'event';
