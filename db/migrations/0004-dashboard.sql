-- 0004: the command dashboard and its village map.

-- Closures per day and by resolution level (微事不出格、小事不出村、大事不出乡), and the queue's
-- "closed between" filter. Only closed events carry closed_at, so the index stays small.
-- Covering for the unit ranking too (deadline and id), which reads every closure of 30 days.
CREATE INDEX events_by_closed ON events (closed_at, resolved_level, handle_due_at, id) WHERE closed_at IS NOT NULL;
-- The units on the closed events, without reading the assignment rows themselves.
CREATE INDEX event_units_by_event_state ON event_units (event_id, state, unit_id);

-- The live feed: the newest actions of the whole township.
CREATE INDEX event_actions_by_at ON event_actions (at);

-- The outline of each village on the dashboard map (a GeoJSON Polygon or MultiPolygon) and
-- its centre, where events without coordinates are drawn.
CREATE TABLE village_shapes (
  village_id  TEXT PRIMARY KEY REFERENCES villages (id) ON DELETE CASCADE,
  geometry    TEXT NOT NULL CHECK (json_valid(geometry)),
  centre_lng  REAL NOT NULL,
  centre_lat  REAL NOT NULL,
  imported_at INTEGER NOT NULL
) STRICT;

-- Events per state × village × category, kept by triggers: the dashboard shows every state,
-- and open events by village and by category, on every push; counting them through an index
-- grows with the database (tens of ms at a million events), reading this table does not.
CREATE TABLE event_counts (
  state       TEXT NOT NULL,
  village_id  TEXT NOT NULL, -- '' for an event without a village
  category_id TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (state, village_id, category_id)
) STRICT;
INSERT INTO event_counts (state, village_id, category_id, n)
  SELECT state, coalesce(village_id, ''), category_id, count(*) FROM events GROUP BY 1, 2, 3;
CREATE TRIGGER events_count_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_counts (state, village_id, category_id, n) VALUES (NEW.state, coalesce(NEW.village_id, ''), NEW.category_id, 1)
    ON CONFLICT (state, village_id, category_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events BEGIN
  UPDATE event_counts SET n = n - 1
    WHERE state = OLD.state AND village_id = coalesce(OLD.village_id, '') AND category_id = OLD.category_id;
END;
CREATE TRIGGER events_count_update AFTER UPDATE OF state, village_id, category_id ON events
  WHEN OLD.state IS NOT NEW.state OR OLD.village_id IS NOT NEW.village_id OR OLD.category_id IS NOT NEW.category_id
BEGIN
  UPDATE event_counts SET n = n - 1
    WHERE state = OLD.state AND village_id = coalesce(OLD.village_id, '') AND category_id = OLD.category_id;
  INSERT INTO event_counts (state, village_id, category_id, n) VALUES (NEW.state, coalesce(NEW.village_id, ''), NEW.category_id, 1)
    ON CONFLICT (state, village_id, category_id) DO UPDATE SET n = n + 1;
END;

-- The overdue figure (red events by deadline) reads only the red ones.
CREATE INDEX events_red_by_due ON events (handle_due_at) WHERE warning = 2;
