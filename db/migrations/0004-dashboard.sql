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

-- Events per state, kept by triggers: the dashboard shows every state at once, and counting
-- a million events through an index on each push would cost a wall display 100 ms a read.
CREATE TABLE event_state_counts (
  state TEXT PRIMARY KEY,
  n     INTEGER NOT NULL
) STRICT;
INSERT INTO event_state_counts (state, n) SELECT state, count(*) FROM events GROUP BY state;
CREATE TRIGGER events_count_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_state_counts (state, n) VALUES (NEW.state, 1) ON CONFLICT (state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events BEGIN
  UPDATE event_state_counts SET n = n - 1 WHERE state = OLD.state;
END;
CREATE TRIGGER events_count_state AFTER UPDATE OF state ON events WHEN OLD.state IS NOT NEW.state BEGIN
  UPDATE event_state_counts SET n = n - 1 WHERE state = OLD.state;
  INSERT INTO event_state_counts (state, n) VALUES (NEW.state, 1) ON CONFLICT (state) DO UPDATE SET n = n + 1;
END;
