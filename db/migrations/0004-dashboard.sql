-- 0004: the command dashboard and its village map.

-- Closures per day and by resolution level (微事不出格、小事不出村、大事不出乡), and the queue's
-- "closed between" filter. Only closed events carry closed_at, so the index stays small.
CREATE INDEX events_by_closed ON events (closed_at, resolved_level) WHERE closed_at IS NOT NULL;

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
